package io.redoubt.server.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latency monitor (Redis's latency.c): for each event class ("command", "fast-command"…) the worst
 * latency of each second in which it passed {@code latency-monitor-threshold} ms, the last 160 such seconds,
 * and the all-time maximum.
 */
public final class LatencyMonitor {
    /** Samples kept per event, as Redis's LATENCY_TS_LEN. */
    public static final int HISTORY = 160;

    /** One event's time series: a ring of (unix seconds, ms) samples. */
    public static final class Series {
        final long[] times = new long[HISTORY];
        final long[] latencies = new long[HISTORY];
        int next;
        long max;

        /** Samples oldest first, as {time, latency} pairs. */
        public long[][] samples() {
            int n = 0;
            for (long t : times) {
                if (t != 0) {
                    n++;
                }
            }
            long[][] out = new long[n][];
            int k = 0;
            for (int j = 0; j < HISTORY; j++) {
                int i = (next + j) % HISTORY;
                if (times[i] != 0) {
                    out[k++] = new long[] {times[i], latencies[i]};
                }
            }
            return out;
        }

        /** The newest sample as {time, latency}. */
        public long[] latest() {
            int last = (next + HISTORY - 1) % HISTORY;
            return new long[] {times[last], latencies[last]};
        }

        public long max() {
            return max;
        }
    }

    private final Map<String, Series> events = new LinkedHashMap<>();

    /** Records {@code latencyMs} for {@code event} at {@code unixSeconds} if it is at least {@code thresholdMs} (> 0). */
    public void addIfNeeded(String event, long latencyMs, long thresholdMs, long unixSeconds) {
        if (thresholdMs > 0 && latencyMs >= thresholdMs) {
            add(event, latencyMs, unixSeconds);
        }
    }

    public void add(String event, long latencyMs, long unixSeconds) {
        Series ts = events.computeIfAbsent(event, e -> new Series());
        if (latencyMs > ts.max) {
            ts.max = latencyMs;
        }
        // One sample per second: the worst latency of that second.
        int prev = (ts.next + HISTORY - 1) % HISTORY;
        if (ts.times[prev] == unixSeconds) {
            if (latencyMs > ts.latencies[prev]) {
                ts.latencies[prev] = latencyMs;
            }
            return;
        }
        ts.times[ts.next] = unixSeconds;
        ts.latencies[ts.next] = latencyMs;
        ts.next = (ts.next + 1) % HISTORY;
    }

    public Map<String, Series> events() {
        return events;
    }

    /** Forgets one event, or every event with null; returns how many were reset. */
    public int reset(String event) {
        if (event == null) {
            int n = events.size();
            events.clear();
            return n;
        }
        return events.remove(event) != null ? 1 : 0;
    }
}
