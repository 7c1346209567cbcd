package io.redoubt.server.persist;

import redis.clients.jedis.Jedis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A steady write load for crash tests: {@code writers} connections, each issuing, in order, for i = 1, 2, …
 * {@code INCR <p>ctr:w}, {@code SET <p>k:w:i i}, {@code RPUSH <p>seq:w i}, and recording how many of its
 * commands were acknowledged (a reply received) and when. A kill stops every writer with a connection error.
 *
 * <p>Each writer's commands form one sequence, so whatever a server keeps after a crash must be a prefix of
 * it: {@link #survivors} reads that prefix's length back (and fails if what survived is no prefix), which the
 * tests compare with the acknowledged count.
 */
final class WriteLoad {
    /** Commands per writer iteration: INCR, SET, RPUSH. */
    static final int OPS_PER_STEP = 3;

    private final String prefix;
    private final Writer[] writers;
    private final AtomicLong acknowledged = new AtomicLong();

    WriteLoad(String host, int port, String prefix, int writers) {
        this.prefix = prefix;
        this.writers = new Writer[writers];
        for (int w = 0; w < writers; w++) {
            this.writers[w] = new Writer(host, port, w);
        }
    }

    void start() {
        for (Writer w : writers) {
            w.thread.start();
        }
    }

    /** Acknowledged commands over all writers so far. */
    long acknowledged() {
        return acknowledged.get();
    }

    /** Waits for every writer to stop (after the server died) and returns their records. */
    List<Writer> join() throws InterruptedException {
        List<Writer> out = new ArrayList<>();
        for (Writer w : writers) {
            w.thread.join(60_000);
            if (w.thread.isAlive()) {
                fail("writer " + w.index + " still running after the server was killed");
            }
            if (w.anomaly != null) {
                fail("writer " + w.index + ": " + w.anomaly);
            }
            out.add(w);
        }
        return out;
    }

    final class Writer implements Runnable {
        final int index;
        final Thread thread;
        private final String host;
        private final int port;
        /** Acknowledged commands, in the sequence order; ackNanos[n - 1] is when the n-th was acknowledged. */
        volatile int acked;
        long[] ackNanos = new long[1 << 16];
        String anomaly;

        Writer(String host, int port, int index) {
            this.host = host;
            this.port = port;
            this.index = index;
            this.thread = new Thread(this, "write-load-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            try (Jedis j = new Jedis(host, port, 10_000)) {
                for (long i = 1; ; i++) {
                    long c = j.incr(prefix + "ctr:" + index);
                    ack();
                    if (c != i) {
                        anomaly = "INCR gave " + c + " at step " + i;
                        return;
                    }
                    j.set(prefix + "k:" + index + ":" + i, Long.toString(i));
                    ack();
                    long len = j.rpush(prefix + "seq:" + index, Long.toString(i));
                    ack();
                    if (len != i) {
                        anomaly = "RPUSH gave length " + len + " at step " + i;
                        return;
                    }
                }
            } catch (RuntimeException serverGone) {
                // The kill: the command in flight, if any, is unacknowledged.
            }
        }

        private void ack() {
            int n = acked;
            if (n == ackNanos.length) {
                ackNanos = java.util.Arrays.copyOf(ackNanos, n * 2);
            }
            ackNanos[n] = System.nanoTime();
            acked = n + 1;
            acknowledged.incrementAndGet();
        }

        /** Milliseconds between the acknowledgements of commands number {@code from} and {@code to} (1-based). */
        double spanMillis(int from, int to) {
            return (ackNanos[to - 1] - ackNanos[from - 1]) / 1e6;
        }
    }

    /**
     * How many commands of writer {@code w}'s sequence the server on {@code j} holds, checking that they
     * are exactly a prefix of the sequence: counter c, SET keys 1..s all present with their values and
     * none after, list 1..l in order, and (c, s, l) one of (n, n, n), (n, n-1, n-1), (n, n, n-1).
     */
    int survivors(Jedis j, int w, int sentUpperBound) {
        String ctr = j.get(prefix + "ctr:" + w);
        long c = ctr == null ? 0 : Long.parseLong(ctr);
        List<String> list = j.lrange(prefix + "seq:" + w, 0, -1);
        for (int i = 0; i < list.size(); i++) {
            assertEquals(Integer.toString(i + 1), list.get(i), "writer " + w + ": list element " + i);
        }
        long l = list.size();
        long steps = sentUpperBound / OPS_PER_STEP + 2;
        long s = 0;
        boolean gap = false;
        for (long from = 1; from <= steps; from += 1000) {
            long to = Math.min(steps, from + 999);
            String[] keys = new String[(int) (to - from + 1)];
            for (long i = from; i <= to; i++) {
                keys[(int) (i - from)] = prefix + "k:" + w + ":" + i;
            }
            List<String> values = j.mget(keys);
            for (int i = 0; i < values.size(); i++) {
                long n = from + i;
                String v = values.get(i);
                if (v == null) {
                    gap = true;
                } else {
                    assertTrue(!gap, "writer " + w + ": SET key " + n + " survived after a missing one");
                    assertEquals(Long.toString(n), v, "writer " + w + ": value of SET key " + n);
                    s = n;
                }
            }
        }
        boolean prefixShape = (c == s && s == l) || (c == s + 1 && s == l) || (c == s && s == l + 1);
        assertTrue(prefixShape, "writer " + w + ": counter " + c + ", SET keys 1.." + s + ", list 1.." + l
                + " is no prefix of INCR, SET, RPUSH steps");
        return (int) (OPS_PER_STEP * l + (c - l) + (s - l));
    }
}
