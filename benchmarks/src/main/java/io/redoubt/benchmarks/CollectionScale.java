package io.redoubt.benchmarks;

import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Per-operation latency on ONE large collection key (issue 4), Redoubt and Redis in the same run: fills a list,
 * a set, a hash and a sorted set of {@code --elements} each with pipelined LPUSH / SADD / HSET / ZADD, then
 * times single commands (one connection, no pipelining, so each figure is a round trip) on those keys and
 * prints p50, p99, max and ops/s per server with the ratio Redoubt/Redis.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.redoubt.benchmarks.CollectionScale \
 *     --redoubt 7001 --redis 7002 [--elements 1000000] [--ops 50000] [--rounds 3]
 * </pre>
 *
 * Operations are measured in rounds alternating the two servers, so that a noisy machine weighs on both;
 * the histograms of all rounds are merged. The sizes stay ~constant: LPUSH/LPOP come in pairs, SADD/HSET/ZADD
 * draw members from twice the filled range (about half are updates).
 */
public final class CollectionScale {
    private static final String[] OPS = {"LPUSH+LPOP", "SADD", "HSET", "ZADD", "ZRANGE mid 10"};

    private CollectionScale() {
    }

    public static void main(String[] args) throws Exception {
        int redoubtPort = 0;
        int redisPort = 0;
        int elements = 1_000_000;
        int ops = 50_000;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--redoubt" -> redoubtPort = Integer.parseInt(args[++i]);
                case "--redis" -> redisPort = Integer.parseInt(args[++i]);
                case "--elements" -> elements = Integer.parseInt(args[++i]);
                case "--ops" -> ops = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Conn[] servers = {new Conn(redoubtPort), new Conn(redisPort)};
        String[] names = {"Redoubt", "Redis"};
        for (int s = 0; s < 2; s++) {
            long t0 = System.nanoTime();
            fill(servers[s], elements);
            System.out.printf(Locale.ROOT, "%s: filled 4 keys x %d elements in %.1f s%n", names[s], elements,
                    (System.nanoTime() - t0) / 1e9);
        }
        Histogram[][] hist = new Histogram[2][OPS.length];
        long[][] nanos = new long[2][OPS.length];
        for (int s = 0; s < 2; s++) {
            for (int o = 0; o < OPS.length; o++) {
                hist[s][o] = new Histogram(10_000_000_000L, 3);
            }
        }
        // warm-up round (JIT on the client and on Redoubt), not recorded
        for (int s = 0; s < 2; s++) {
            for (int o = 0; o < OPS.length; o++) {
                run(servers[s], o, ops, elements, new Histogram(10_000_000_000L, 3), 42 + s);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int o = 0; o < OPS.length; o++) {
                for (int k = 0; k < 2; k++) {
                    int s = (r + k) % 2;
                    nanos[s][o] += run(servers[s], o, ops, elements, hist[s][o], 1000L * r + o);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-14s | %9s %9s %9s %10s | %9s %9s %9s %10s | %6s %6s %6s%n", "op (1M key)",
                "p50 us", "p99 us", "max us", "ops/s", "p50 us", "p99 us", "max us", "ops/s", "p50 r", "p99 r", "ops r");
        System.out.printf(Locale.ROOT, "%-14s | %-41s | %-41s |%n", "", "Redoubt", "Redis");
        for (int o = 0; o < OPS.length; o++) {
            double[] p50 = new double[2];
            double[] p99 = new double[2];
            double[] rate = new double[2];
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s |", OPS[o]));
            for (int s = 0; s < 2; s++) {
                Histogram h = hist[s][o];
                p50[s] = h.getValueAtPercentile(50) / 1e3;
                p99[s] = h.getValueAtPercentile(99) / 1e3;
                rate[s] = h.getTotalCount() * 1e9 / nanos[s][o];
                line.append(String.format(Locale.ROOT, " %9.1f %9.1f %9.1f %10.0f |", p50[s], p99[s],
                        h.getMaxValue() / 1e3, rate[s]));
            }
            line.append(String.format(Locale.ROOT, " %6.2f %6.2f %6.2f", p50[0] / p50[1], p99[0] / p99[1],
                    rate[0] / rate[1]));
            System.out.println(line);
        }
        System.out.println("(one connection, one command in flight; LPUSH+LPOP counts each command; "
                + "ratios Redoubt/Redis: latency < 1 and ops > 1 favour Redoubt)");
        for (Conn c : servers) {
            c.send("DEL", "cs:list", "cs:set", "cs:hash", "cs:zset");
            c.readReply();
            c.close();
        }
    }

    private static void fill(Conn c, int elements) throws IOException {
        c.send("DEL", "cs:list", "cs:set", "cs:hash", "cs:zset");
        c.readReply();
        SplittableRandom rnd = new SplittableRandom(7);
        int batch = 1000;
        for (int base = 0; base < elements; base += batch) {
            int n = Math.min(batch, elements - base);
            for (int i = base; i < base + n; i++) {
                String m = "m:" + i;
                c.send("LPUSH", "cs:list", m);
                c.send("SADD", "cs:set", m);
                c.send("HSET", "cs:hash", m, "v" + i);
                c.send("ZADD", "cs:zset", Double.toString(rnd.nextDouble() * 1e6), m);
            }
            for (int i = 0; i < 4 * n; i++) {
                c.readReply();
            }
        }
    }

    /** Runs {@code ops} commands of kind {@code op} one at a time; returns the elapsed nanoseconds. */
    private static long run(Conn c, int op, int ops, int elements, Histogram h, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        String mid = Integer.toString(elements / 2);
        String midEnd = Integer.toString(elements / 2 + 9);
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            String m = "m:" + rnd.nextInt(2 * elements);
            long t0 = System.nanoTime();
            switch (op) {
                case 0 -> {
                    c.send("LPUSH", "cs:list", m);
                    c.readReply();
                    long t1 = System.nanoTime();
                    h.recordValue(t1 - t0);
                    c.send("LPOP", "cs:list");
                    c.readReply();
                    t0 = t1;
                }
                case 1 -> c.send("SADD", "cs:set", m);
                case 2 -> c.send("HSET", "cs:hash", m, "v");
                case 3 -> c.send("ZADD", "cs:zset", Double.toString(rnd.nextDouble() * 1e6), m);
                default -> c.send("ZRANGE", "cs:zset", mid, midEnd);
            }
            if (op != 0) {
                c.readReply();
            }
            h.recordValue(System.nanoTime() - t0);
        }
        return System.nanoTime() - start;
    }

    private static final class Conn {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Conn(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        }

        /** Buffers one command; it leaves when a reply is awaited. */
        void send(String... parts) throws IOException {
            writeLine('*', parts.length);
            for (String p : parts) {
                byte[] b = p.getBytes(StandardCharsets.UTF_8);
                writeLine('$', b.length);
                out.write(b);
                out.write('\r');
                out.write('\n');
            }
        }

        private void writeLine(char type, int n) throws IOException {
            out.write(type);
            out.write(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
            out.write('\r');
            out.write('\n');
        }

        void readReply() throws IOException {
            out.flush();
            int type = in.read();
            long n = readNumber();
            switch (type) {
                case '+', ':' -> {
                }
                case '-' -> throw new IOException("error reply from port " + socket.getPort());
                case '$' -> {
                    if (n >= 0) {
                        in.skipNBytes(n + 2);
                    }
                }
                case '*' -> {
                    for (long i = 0; i < n; i++) {
                        readReply();
                    }
                }
                default -> throw new IOException("unexpected reply type " + type);
            }
        }

        /** Reads the rest of the line as a signed number (0 for simple strings and errors). */
        private long readNumber() throws IOException {
            long v = 0;
            boolean neg = false;
            int b;
            while ((b = in.read()) != '\r') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b == '-') {
                    neg = true;
                } else if (b >= '0' && b <= '9') {
                    v = v * 10 + (b - '0');
                }
            }
            in.read();
            return neg ? -v : v;
        }

        void close() throws IOException {
            socket.close();
        }
    }
}
