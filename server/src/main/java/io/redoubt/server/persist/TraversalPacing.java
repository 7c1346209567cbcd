package io.redoubt.server.persist;

import io.redoubt.server.ServerStats;

/**
 * How long a fork-less traversal (BGSAVE, BGREWRITEAOF) may hold the keyspace thread before clients are served
 * again. The traversal runs on the thread that serves every command, so a slice is latency that each waiting
 * client pays: while clients are active (the server read from a socket since the last slice) slices are short,
 * keeping command latency near an idle server's; while nobody is waiting they are long, so an idle server saves
 * at full speed. Slices are cut by time rather than by entry count because an entry costs from a few hundred
 * nanoseconds (a short string) to milliseconds (a large collection).
 */
public final class TraversalPacing {
    /** A slice while clients are being served. */
    static final long BUSY_SLICE_NANOS = 50_000;
    /** A slice while no client has sent anything since the last one. */
    static final long IDLE_SLICE_NANOS = 1_000_000;
    /** Entries stepped between two clock reads. */
    public static final int BATCH_ENTRIES = 16;

    private final ServerStats stats;
    private long readsSeen = -1;

    public TraversalPacing(ServerStats stats) {
        this.stats = stats;
    }

    /** The {@link System#nanoTime} at which the slice beginning now should end. */
    public long sliceDeadline() {
        long reads = stats.totalReadsProcessed;
        boolean busy = reads != readsSeen;
        readsSeen = reads;
        return System.nanoTime() + (busy ? BUSY_SLICE_NANOS : IDLE_SLICE_NANOS);
    }
}
