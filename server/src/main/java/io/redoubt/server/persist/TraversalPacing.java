package io.redoubt.server.persist;

/**
 * How long a fork-less traversal (BGSAVE, BGREWRITEAOF) may hold the keyspace thread before clients are served
 * again. The traversal runs on the thread that serves every command, so a slice is latency each waiting client
 * pays once: short slices keep the median close to an idle server's at the price of more loop iterations per
 * save. Slices are cut by time rather than by entry count because an entry costs from a few hundred
 * nanoseconds (a short string) to milliseconds (a large collection).
 */
public final class TraversalPacing {
    /** Time one slice may run; checked after every batch of {@link #BATCH_ENTRIES}. */
    public static final long SLICE_NANOS = 250_000;
    /** Entries stepped between two clock reads. */
    public static final int BATCH_ENTRIES = 32;

    private TraversalPacing() {
    }
}
