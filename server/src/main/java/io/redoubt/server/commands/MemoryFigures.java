package io.redoubt.server.commands;

import io.redoubt.server.Client;
import io.redoubt.server.Server;
import io.redoubt.store.MemoryStats;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The memory figures INFO memory, MEMORY STATS and MEMORY DOCTOR share, in Redis's terms.
 *
 * <p>used_memory is what the keyspace accounts (store-core's off-heap blocks, index and accounted objects),
 * plus the clients' buffers, plus {@link Server#usedMemory()}'s fixed figure for the server's own structures
 * (Redis's used_memory_startup). used_memory_rss is the process's resident set, which for a JVM includes the heap and
 * the JIT's code; mem_fragmentation_ratio is therefore higher than a C server's and says little about the
 * keyspace: allocator_frag_ratio (store-core's reserved over used bytes) is the figure to watch.
 */
record MemoryFigures(long used, long startup, long dataset, long clientsNormal, long rss, long peak,
                     MemoryStats allocator, long totalSystem) {

    static MemoryFigures of(Server server) {
        MemoryStats alloc = server.keyspace().memoryStats();
        long dataset = alloc.usedBytes();
        long clients = 0;
        for (Client c : server.clients()) {
            clients += c.queryBufferLength() + c.queryBufferFree() + c.replyBufferSize() + c.outputBufferBytes();
        }
        // The same figure maxmemory is checked against, plus the clients' buffers as Redis counts them.
        long base = server.usedMemory();
        long startup = base - server.keyspace().usedMemory();
        long used = base + clients;
        long peak = server.metrics().peakMemory(used);
        return new MemoryFigures(used, startup, dataset, clients, residentSetBytes(), peak, alloc, totalSystemMemory());
    }

    long overhead() {
        return used - dataset;
    }

    double peakPercent() {
        return peak == 0 ? 0 : used * 100.0 / peak;
    }

    double datasetPercent() {
        long net = used - startup;
        return net <= 0 ? 0 : dataset * 100.0 / net;
    }

    double fragmentation() {
        return used == 0 ? 0 : (double) rss / used;
    }

    /** Resident set from /proc/self/statm (pages), or the JVM's committed memory where there is no /proc. */
    static long residentSetBytes() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * 4096;
        } catch (IOException | RuntimeException e) {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() + ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted();
        }
    }

    static long totalSystemMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    /** Redis's bytesToHuman: "943.30K", "1.00M", "12B". */
    static String human(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        double d = n;
        int u = -1;
        while (d >= 1024 && u < units.length - 1) {
            d /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", d, units[u]);
    }
}
