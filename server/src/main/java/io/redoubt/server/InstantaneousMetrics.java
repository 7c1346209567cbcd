package io.redoubt.server;

/**
 * INFO's instantaneous_* figures, as Redis's trackInstantaneousMetric: every 100 ms the cron takes the rate
 * of each counter since the previous sample; the figure shown is the mean of the last 16 samples.
 */
public final class InstantaneousMetrics {
    public static final int OPS = 0;
    public static final int NET_INPUT = 1;
    public static final int NET_OUTPUT = 2;
    private static final int METRICS = 3;
    private static final int SAMPLES = 16;
    private static final long PERIOD_MS = 100;

    private final long[][] samples = new long[METRICS][SAMPLES];
    private final long[] lastValue = new long[METRICS];
    private final int[] index = new int[METRICS];
    private long lastSampleMs;
    /** Peak of used_memory, sampled with the metrics as Redis's cron does. */
    private long peakMemory;

    void sample(Server server) {
        long now = server.now();
        if (now - lastSampleMs < PERIOD_MS) {
            return;
        }
        ServerStats s = server.stats();
        track(OPS, s.totalCommandsProcessed, now, 1000);
        track(NET_INPUT, s.netInputBytes, now, 1000);
        track(NET_OUTPUT, s.netOutputBytes, now, 1000);
        lastSampleMs = now;
    }

    private void track(int metric, long value, long now, long factor) {
        if (lastSampleMs > 0) {
            long elapsed = now - lastSampleMs;
            samples[metric][index[metric]] = elapsed > 0 ? (value - lastValue[metric]) * factor / elapsed : 0;
            index[metric] = (index[metric] + 1) % SAMPLES;
        }
        lastValue[metric] = value;
    }

    /** Per second: operations, or bytes for the network metrics. */
    public long get(int metric) {
        long sum = 0;
        for (long v : samples[metric]) {
            sum += v;
        }
        return sum / SAMPLES;
    }

    /** Records a used_memory figure and returns the peak so far. */
    public long peakMemory(long used) {
        if (used > peakMemory) {
            peakMemory = used;
        }
        return peakMemory;
    }
}
