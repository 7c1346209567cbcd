package io.redoubt.benchmarks;

import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a BGSAVE costs the clients and the machine, measured the same way on Redoubt and on Redis: SET
 * latency while the save runs against a baseline window just before it, the save's duration, and the
 * server's memory (its RSS before, its peak during, and for a forking server the peak of parent plus child
 * RSS and the child's private dirty pages, the memory copy-on-write really added).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.redoubt.benchmarks.SaveProbe --port 6379 --pid 1234 \
 *     [--keys 1000000] [--prefix key] [--connections 4] [--baseline-seconds 3] [--label redis] [--rewrite]
 * </pre>
 *
 * <p>{@code --rewrite} measures BGREWRITEAOF instead (the server must run with appendonly yes): over when
 * {@code aof_rewrite_in_progress:0} and {@code aof_rewrite_scheduled:0}; COW from {@code aof_last_cow_size}.
 *
 * <p>Load: {@code connections} closed-loop clients, each SETting a random existing key ({@code PREFIX:i},
 * i below {@code keys}, DEBUG POPULATE's names) to a 32-byte value, one command at a time. Every SET's
 * latency goes to the histogram of the phase it started in (baseline or during the save). The save is
 * over when INFO persistence says {@code rdb_bgsave_in_progress:0}, polled every 10 ms. Memory is sampled
 * every 10 ms from /proc (children of the server: a forked save child).
 *
 * <p>Output: one {@code key=value} line (easy to parse from a script) and a readable summary.
 */
public final class SaveProbe {
    private static final long HIGHEST_NANOS = 60_000_000_000L;

    private static volatile int phase;
    private static volatile boolean stop;

    private SaveProbe() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 6379;
        long pid = -1;
        long keys = 1_000_000;
        String prefix = "key";
        int connections = 4;
        double baselineSeconds = 3;
        String label = "";
        boolean rewrite = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--pid" -> pid = Long.parseLong(args[++i]);
                case "--keys" -> keys = Long.parseLong(args[++i]);
                case "--prefix" -> prefix = args[++i];
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--baseline-seconds" -> baselineSeconds = Double.parseDouble(args[++i]);
                case "--label" -> label = args[++i];
                case "--rewrite" -> rewrite = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (pid <= 0) {
            throw new IllegalArgumentException("--pid <server pid> is required (memory is read from /proc)");
        }
        MemorySampler memory = new MemorySampler(pid);
        Loader[] loaders = new Loader[connections];
        for (int c = 0; c < connections; c++) {
            loaders[c] = new Loader(host, port, keys, prefix, c);
            loaders[c].start();
        }
        memory.start();
        try (Admin admin = new Admin(host, port)) {
            LockSupport.parkNanos((long) (baselineSeconds * 1e9));
            long rssBefore = MemorySampler.rss(pid);
            memory.resetPeaks();
            phase = 1;
            long t0 = System.nanoTime();
            String reply = admin.call(rewrite ? "BGREWRITEAOF" : "BGSAVE");
            if (!reply.startsWith(rewrite ? "+Background append only file rewriting" : "+Background saving started")) {
                throw new IllegalStateException((rewrite ? "BGREWRITEAOF: " : "BGSAVE: ") + reply);
            }
            String info;
            while (true) {
                info = admin.call("INFO", "persistence");
                if (rewrite ? info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0")
                        : info.contains("rdb_bgsave_in_progress:0")) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            long saveNanos = System.nanoTime() - t0;
            phase = 2;
            stop = true;
            for (Loader l : loaders) {
                l.join();
            }
            memory.finish();
            if (!info.contains(rewrite ? "aof_last_bgrewrite_status:ok" : "rdb_last_bgsave_status:ok")) {
                throw new IllegalStateException("the save failed:\n" + info);
            }
            Histogram base = new Histogram(HIGHEST_NANOS, 3);
            Histogram during = new Histogram(HIGHEST_NANOS, 3);
            for (Loader l : loaders) {
                if (l.failure != null) {
                    throw new IllegalStateException("load connection failed", l.failure);
                }
                base.add(l.phases[0]);
                during.add(l.phases[1]);
            }
            String cow = infoField(info, rewrite ? "aof_last_cow_size" : "rdb_last_cow_size");
            String name = label.isEmpty() ? host + ":" + port : label;
            System.out.printf(Locale.ROOT, "result label=%s keys=%d save_ms=%.0f rss_before=%d rss_peak=%d rss_peak_with_children=%d"
                            + " child_private_dirty_peak=%d rdb_last_cow_size=%s base_sets=%d base_p50_ms=%.3f base_p99_ms=%.3f"
                            + " base_p999_ms=%.3f base_max_ms=%.3f save_sets=%d save_p50_ms=%.3f save_p99_ms=%.3f save_p999_ms=%.3f"
                            + " save_max_ms=%.3f%n",
                    name, keys, saveNanos / 1e6, rssBefore, memory.peakRss, memory.peakTotal, memory.peakChildDirty,
                    cow.isEmpty() ? "n/a" : cow, base.getTotalCount(), ms(base, 50), ms(base, 99), ms(base, 99.9),
                    base.getMaxValue() / 1e6, during.getTotalCount(), ms(during, 50), ms(during, 99), ms(during, 99.9),
                    during.getMaxValue() / 1e6);
            System.out.printf(Locale.ROOT, "%s: " + (rewrite ? "BGREWRITEAOF" : "BGSAVE") + " of %d keys took %.2f s; RSS %.0f MB before, peak %.0f MB (with children %.0f MB, "
                            + "child private dirty %.0f MB)%n", name, keys, saveNanos / 1e9, rssBefore / 1048576.0,
                    memory.peakRss / 1048576.0, memory.peakTotal / 1048576.0, memory.peakChildDirty / 1048576.0);
            System.out.printf(Locale.ROOT, "%s: SET latency ms   baseline p50 %.3f p99 %.3f p99.9 %.3f max %.3f (%d SETs)%n", name,
                    ms(base, 50), ms(base, 99), ms(base, 99.9), base.getMaxValue() / 1e6, base.getTotalCount());
            System.out.printf(Locale.ROOT, "%s: SET latency ms during save p50 %.3f p99 %.3f p99.9 %.3f max %.3f (%d SETs)%n", name,
                    ms(during, 50), ms(during, 99), ms(during, 99.9), during.getMaxValue() / 1e6, during.getTotalCount());
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    private static String infoField(String info, String field) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return "";
    }

    /** A closed-loop SET client; each latency goes to the histogram of the phase the SET started in. */
    private static final class Loader extends Thread {
        final Histogram[] phases = {new Histogram(HIGHEST_NANOS, 3), new Histogram(HIGHEST_NANOS, 3)};
        private final String host;
        private final int port;
        private final long keys;
        private final byte[] prefix;
        volatile Throwable failure;

        Loader(String host, int port, long keys, String prefix, int index) {
            super("save-probe-load-" + index);
            setDaemon(true);
            this.host = host;
            this.port = port;
            this.keys = keys;
            this.prefix = (prefix + ":").getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void run() {
            byte[] out = new byte[256];
            byte[] reply = new byte[5];
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port));
                OutputStream os = s.getOutputStream();
                InputStream is = new BufferedInputStream(s.getInputStream());
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (!stop) {
                    long k = rnd.nextLong(keys);
                    int n = command(out, k);
                    int p = phase;
                    long t0 = System.nanoTime();
                    os.write(out, 0, n);
                    os.flush();
                    int got = 0;
                    while (got < 5) {
                        int r = is.read(reply, got, 5 - got);
                        if (r < 0) {
                            throw new IOException("connection closed");
                        }
                        got += r;
                    }
                    long latency = System.nanoTime() - t0;
                    if (reply[0] != '+') {
                        throw new IOException("unexpected reply " + new String(reply, StandardCharsets.US_ASCII));
                    }
                    if (p < 2) {
                        phases[p].recordValue(Math.min(latency, HIGHEST_NANOS));
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        private int command(byte[] out, long k) {
            String digits = Long.toString(k);
            int keyLen = prefix.length + digits.length();
            String head = "*3\r\n$3\r\nSET\r\n$" + keyLen + "\r\n";
            int n = 0;
            for (int i = 0; i < head.length(); i++) {
                out[n++] = (byte) head.charAt(i);
            }
            System.arraycopy(prefix, 0, out, n, prefix.length);
            n += prefix.length;
            for (int i = 0; i < digits.length(); i++) {
                out[n++] = (byte) digits.charAt(i);
            }
            String value = "\r\n$32\r\n" + "v".repeat(32) + "\r\n";
            for (int i = 0; i < value.length(); i++) {
                out[n++] = (byte) value.charAt(i);
            }
            return n;
        }
    }

    /** Samples the server's RSS and its children's (a forked save) every 10 ms. */
    private static final class MemorySampler extends Thread {
        private final long pid;
        volatile long peakRss;
        volatile long peakTotal;
        volatile long peakChildDirty;
        private volatile boolean done;

        MemorySampler(long pid) {
            super("save-probe-memory");
            setDaemon(true);
            this.pid = pid;
        }

        void resetPeaks() {
            peakRss = 0;
            peakTotal = 0;
            peakChildDirty = 0;
        }

        void finish() throws InterruptedException {
            done = true;
            join();
        }

        @Override
        public void run() {
            int tick = 0;
            while (!done) {
                long rss = rss(pid);
                long total = rss;
                long dirty = 0;
                for (long child : children(pid)) {
                    total += rss(child);
                    // smaps_rollup walks the child's page tables: every 100 ms is enough for its slow growth.
                    if (tick % 10 == 0) {
                        dirty += privateDirty(child);
                    }
                }
                peakRss = Math.max(peakRss, rss);
                peakTotal = Math.max(peakTotal, total);
                peakChildDirty = Math.max(peakChildDirty, dirty);
                tick++;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }

        static long rss(long pid) {
            return statusKb(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:") * 1024;
        }

        static long privateDirty(long pid) {
            return statusKb(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Private_Dirty:") * 1024;
        }

        private static long statusKb(Path file, String field) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith(field)) {
                        return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // The process (a save child) exited between listing and reading.
            }
            return 0;
        }

        private static List<Long> children(long pid) {
            List<Long> out = new ArrayList<>();
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String text = Files.readString(task.resolve("children")).trim();
                    if (!text.isEmpty()) {
                        for (String c : text.split("\\s+")) {
                            out.add(Long.parseLong(c));
                        }
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // A thread exited while listing: the next sample sees the rest.
            }
            return out;
        }
    }

    /** A plain RESP connection for BGSAVE and INFO: replies as text (the first line, or a bulk's body). */
    private static final class Admin implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Admin(String host, int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port));
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        String call(String... args) throws IOException {
            StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
            }
            out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = line();
            if (line.startsWith("$")) {
                int n = Integer.parseInt(line.substring(1));
                byte[] body = in.readNBytes(n);
                in.readNBytes(2);
                return new String(body, StandardCharsets.UTF_8);
            }
            return line;
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
