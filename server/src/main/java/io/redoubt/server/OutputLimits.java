package io.redoubt.server;

import java.util.Locale;

/**
 * {@code client-output-buffer-limit}: per class of client (normal, replica, pubsub) a hard limit that closes
 * the connection at once and a soft limit that closes it when exceeded for longer than its seconds.
 */
final class OutputLimits {
    static final int NORMAL = 0;
    static final int REPLICA = 1;
    static final int PUBSUB = 2;

    private final long[] hard = new long[3];
    private final long[] soft = new long[3];
    private final long[] softSeconds = new long[3];
    private final Server server;

    OutputLimits(Server server) {
        this.server = server;
    }

    /** Parses the directive's value: groups of {@code <class> <hard> <soft> <soft seconds>}. */
    void configure(String value) {
        String[] w = value.trim().split("\\s+");
        for (int i = 0; i + 3 < w.length; i += 4) {
            int cls = switch (w[i].toLowerCase(Locale.ROOT)) {
                case "normal" -> NORMAL;
                case "replica", "slave" -> REPLICA;
                case "pubsub" -> PUBSUB;
                default -> -1;
            };
            if (cls < 0) {
                continue;
            }
            try {
                hard[cls] = io.redoubt.server.config.Units.parseMemory(w[i + 1]);
                soft[cls] = io.redoubt.server.config.Units.parseMemory(w[i + 2]);
                softSeconds[cls] = Long.parseLong(w[i + 3]);
            } catch (Exception e) {
                // Validated when set; a bad value here leaves the class unchanged.
            }
        }
    }

    static int classOf(Client c) {
        return c.subscriptions > 0 ? PUBSUB : NORMAL;
    }

    /** Whether {@code c}'s pending output has gone past its class's limits. */
    boolean exceeded(Client c) {
        int cls = classOf(c);
        long used = c.outputBufferBytes;
        if (hard[cls] > 0 && used >= hard[cls]) {
            return true;
        }
        if (soft[cls] > 0 && used >= soft[cls]) {
            long now = server.now();
            if (c.softLimitSinceMs == 0) {
                c.softLimitSinceMs = now;
                return false;
            }
            return now - c.softLimitSinceMs > softSeconds[cls] * 1000;
        }
        c.softLimitSinceMs = 0;
        return false;
    }
}
