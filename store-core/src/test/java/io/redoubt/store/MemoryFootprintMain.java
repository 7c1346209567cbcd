package io.redoubt.store;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Prints the memory per key of one million 16-byte keys with 32-byte values (Redis's usual comparison
 * point), and a rough single-thread GET/SET rate. Not a benchmark (see the benchmarks module); run with
 * {@code java -cp store-core/target/classes:store-core/target/test-classes:<netty-buffer, netty-common>
 * io.redoubt.store.MemoryFootprintMain}.
 */
public final class MemoryFootprintMain {
    private MemoryFootprintMain() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        byte[][] keys = new byte[n][];
        byte[] value = new byte[32];
        for (int i = 0; i < n; i++) {
            keys[i] = String.format("key:%012d", i).getBytes();
        }
        System.gc();
        long directBefore = direct.getMemoryUsed();
        long heapBefore = heapUsed();
        Database db = Databases.newOffHeap();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            value[0] = (byte) i;
            db.putString(keys[i], value, Database.NO_EXPIRY);
        }
        long t1 = System.nanoTime();
        while (db.rehash(1000)) {
            // settle
        }
        long found = 0;
        long t2 = System.nanoTime();
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < n; i++) {
                found += db.find(keys[(int) ((i * 0x9E3779B1L) % n)]) != Database.NONE ? 1 : 0;
            }
        }
        long t3 = System.nanoTime();
        System.gc();
        MemoryStats stats = db.memoryStats();
        System.out.printf("keys                      %,d (found %,d, %d key bytes kept live)%n",
                db.size(), found / 3, keys.length);
        System.out.printf("usedMemory / key          %.1f bytes%n", (double) db.usedMemory() / n);
        System.out.printf("entry blocks / key        %.1f bytes%n", (double) stats.blockBytes() / n);
        System.out.printf("reserved / key            %.1f bytes (fragmentation ratio %.3f)%n",
                (double) stats.reservedBytes() / n, stats.fragmentationRatio());
        System.out.printf("JDK direct memory / key   %.1f bytes%n", (double) (direct.getMemoryUsed() - directBefore) / n);
        System.out.printf("Java heap growth / key    %.2f bytes%n", (double) (heapUsed() - heapBefore) / n);
        System.out.printf("SET %.0f ns/op, GET %.0f ns/op (one thread, cold JIT)%n",
                (t1 - t0) / (double) n, (t3 - t2) / (3.0 * n));
    }

    private static long heapUsed() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
