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

/**
 * Writes N distinct keys with pipelined SETs into an empty server and records every SET's latency, to show
 * what a client sees while the keyspace grows from 0 to N (hash table doublings included).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.redoubt.benchmarks.GrowthLatency \
 *     --port 6379 [--keys 10000000] [--connections 4] [--pipeline 16] [--value-size 32] [--style benchmark]
 * </pre>
 *
 * Key styles: {@code benchmark} writes redis-benchmark's random-key names ({@code key:000000012345}, 16 bytes)
 * with a 32-byte value of 'x'; {@code populate} writes DEBUG POPULATE's names and values ({@code PREFIX:i},
 * value {@code value:i} padded with zero bytes), so the tool loads a server that lacks DEBUG POPULATE with
 * exactly the same data.
 *
 * <p>Measurement: each connection sends a batch of {@code pipeline} SETs in one write and reads the replies;
 * a SET's latency runs from the batch's write to the arrival of its own reply. The loop is closed (a stalled
 * server delays the next batch), so a server pause shows up as the max and the tail, not multiplied across
 * every command that would have been sent during it. The key space is split into ten equal slices and each
 * slice gets its own histogram, so a stall at a table doubling would show in the slice where it happened.
 */
public final class GrowthLatency {
    private static final int SLICES = 10;
    private static final long HIGHEST_NANOS = 60_000_000_000L;

    private GrowthLatency() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 6379;
        long keys = 10_000_000L;
        int connections = 4;
        int pipeline = 16;
        int valueSize = 32;
        String style = "benchmark";
        String prefix = "key";
        String label = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--keys" -> keys = Long.parseLong(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--pipeline" -> pipeline = Integer.parseInt(args[++i]);
                case "--value-size" -> valueSize = Integer.parseInt(args[++i]);
                case "--style" -> style = args[++i];
                case "--prefix" -> prefix = args[++i];
                case "--label" -> label = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!style.equals("benchmark") && !style.equals("populate")) {
            throw new IllegalArgumentException("--style is benchmark or populate");
        }
        Worker[] workers = new Worker[connections];
        for (int w = 0; w < connections; w++) {
            workers[w] = new Worker(host, port, w, connections, keys, pipeline, valueSize,
                    style.equals("populate"), prefix);
        }
        long start = System.nanoTime();
        for (Worker w : workers) {
            w.start();
        }
        for (Worker w : workers) {
            w.join();
        }
        long elapsed = System.nanoTime() - start;
        for (Worker w : workers) {
            if (w.failure != null) {
                throw new IllegalStateException("connection " + w.getName() + " failed", w.failure);
            }
        }
        Histogram all = new Histogram(HIGHEST_NANOS, 3);
        Histogram[] slices = new Histogram[SLICES];
        for (int s = 0; s < SLICES; s++) {
            slices[s] = new Histogram(HIGHEST_NANOS, 3);
            for (Worker w : workers) {
                slices[s].add(w.slices[s]);
            }
            all.add(slices[s]);
        }
        String name = label.isEmpty() ? host + ":" + port : label;
        System.out.printf(Locale.ROOT, "%s: %d SETs of %d keys (%s style), %d connections x pipeline %d, %.1f s, %.0f SET/s%n",
                name, all.getTotalCount(), keys, style, connections, pipeline, elapsed / 1e9,
                all.getTotalCount() / (elapsed / 1e9));
        System.out.printf(Locale.ROOT, "%-10s %-22s %9s %9s %9s %9s %9s%n",
                "server", "keys", "p50 ms", "p99 ms", "p99.9 ms", "p99.99 ms", "max ms");
        for (int s = 0; s < SLICES; s++) {
            String range = (keys * s / SLICES) + "-" + (keys * (s + 1) / SLICES);
            row(name, range, slices[s]);
        }
        row(name, "all", all);
    }

    private static void row(String name, String range, Histogram h) {
        System.out.printf(Locale.ROOT, "%-10s %-22s %9.3f %9.3f %9.3f %9.3f %9.3f%n", name, range,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getValueAtPercentile(99.99) / 1e6, h.getMaxValue() / 1e6);
    }

    /** One connection writing the keys {@code first, first + stride, ...}; allocation-free after start. */
    private static final class Worker extends Thread {
        final Histogram[] slices = new Histogram[SLICES];
        private final String host;
        private final int port;
        private final long first;
        private final long stride;
        private final long keys;
        private final int pipeline;
        private final int valueSize;
        private final boolean populateStyle;
        private final byte[] prefix;
        private final byte[] out;
        private final byte[] reply = new byte[5];
        private int outLen;
        volatile Throwable failure;

        Worker(String host, int port, int index, int count, long keys, int pipeline, int valueSize,
               boolean populateStyle, String prefix) {
            super("growth-" + index);
            this.host = host;
            this.port = port;
            this.first = index;
            this.stride = count;
            this.keys = keys;
            this.pipeline = pipeline;
            this.valueSize = valueSize;
            this.populateStyle = populateStyle;
            this.prefix = (prefix + ":").getBytes(StandardCharsets.US_ASCII);
            this.out = new byte[pipeline * (64 + this.prefix.length + valueSize + 40)];
            for (int s = 0; s < SLICES; s++) {
                slices[s] = new Histogram(HIGHEST_NANOS, 3);
            }
        }

        @Override
        public void run() {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port));
                OutputStream os = new BufferedOutputStream(socket.getOutputStream(), out.length);
                InputStream is = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                long next = first;
                while (next < keys) {
                    outLen = 0;
                    int batch = 0;
                    long batchFirst = next;
                    while (batch < pipeline && next < keys) {
                        appendSet(next);
                        next += stride;
                        batch++;
                    }
                    long sent = System.nanoTime();
                    os.write(out, 0, outLen);
                    os.flush();
                    long key = batchFirst;
                    for (int i = 0; i < batch; i++) {
                        readOk(is);
                        long latency = System.nanoTime() - sent;
                        slices[(int) (key * SLICES / keys)].recordValue(Math.min(latency, HIGHEST_NANOS));
                        key += stride;
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        private void appendSet(long n) {
            int keyLen = populateStyle ? prefix.length + digits(n) : 16;
            put("*3\r\n$3\r\nSET\r\n$");
            putNumber(keyLen);
            put("\r\n");
            if (populateStyle) {
                System.arraycopy(prefix, 0, out, outLen, prefix.length);
                outLen += prefix.length;
                putNumber(n);
            } else {
                put("key:");
                putPadded(n, 12);
            }
            put("\r\n$");
            putNumber(valueSize);
            put("\r\n");
            int valueStart = outLen;
            if (populateStyle) {
                // DEBUG POPULATE's value: "value:<n>" cut or zero-padded to the size.
                put("value:");
                putNumber(n);
                if (outLen - valueStart > valueSize) {
                    outLen = valueStart + valueSize;
                }
                while (outLen - valueStart < valueSize) {
                    out[outLen++] = 0;
                }
            } else {
                for (int i = 0; i < valueSize; i++) {
                    out[outLen++] = 'x';
                }
            }
            put("\r\n");
        }

        private void put(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                out[outLen++] = (byte) ascii.charAt(i);
            }
        }

        private void putNumber(long n) {
            putPadded(n, digits(n));
        }

        private void putPadded(long n, int width) {
            for (int i = width - 1; i >= 0; i--) {
                out[outLen + i] = (byte) ('0' + n % 10);
                n /= 10;
            }
            outLen += width;
        }

        private static int digits(long n) {
            int d = 1;
            while (n >= 10) {
                n /= 10;
                d++;
            }
            return d;
        }

        private void readOk(InputStream is) throws IOException {
            int got = 0;
            while (got < 5) {
                int r = is.read(reply, got, 5 - got);
                if (r < 0) {
                    throw new IOException("connection closed by the server");
                }
                got += r;
            }
            if (reply[0] != '+' || reply[1] != 'O' || reply[2] != 'K') {
                StringBuilder line = new StringBuilder(new String(reply, StandardCharsets.US_ASCII));
                int c;
                while ((c = is.read()) >= 0 && c != '\n') {
                    line.append((char) c);
                }
                throw new IOException("unexpected reply: " + line.toString().trim());
            }
        }
    }
}
