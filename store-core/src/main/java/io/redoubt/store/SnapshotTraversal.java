package io.redoubt.store;

/**
 * A point-in-time traversal of one database, for fork-less snapshots (BGSAVE, BGREWRITEAOF, replication
 * full sync): it yields every entry exactly as it was when {@link Database#beginSnapshot} was called, each
 * exactly once, while commands keep changing the database.
 *
 * <p>Driven by the keyspace thread, a few entries at a time between commands (serialise them into a buffer
 * and hand that to the writing thread). At most one traversal per database runs at a time. Writes made
 * while it runs cost a copy of each entry they change the first time (Dragonfly's approach), so memory
 * grows at most by the entries changed before the traversal reaches them.
 *
 * <p>On-heap values (collections) are handed by reference: the data-type layer must call
 * {@link Database#beforeObjectWrite} before changing one in place, which lets the
 * {@link ObjectSnapshotHook} given to {@code beginSnapshot} copy it for the traversal.
 */
public interface SnapshotTraversal extends AutoCloseable {

    /**
     * Hands about {@code maxEntries} entries to {@code sink}.
     *
     * @return true while entries remain, false once the traversal is complete
     */
    boolean step(int maxEntries, Sink sink);

    boolean isDone();

    /** Number of entries handed so far. */
    long entriesVisited();

    /** Ends the traversal (complete or not) and frees the old images it still holds. */
    @Override
    void close();

    /** Receives the entries; must not change the database. */
    @FunctionalInterface
    interface Sink {
        /** {@code entry} is valid only during the call. */
        void accept(SnapshotEntry entry);
    }
}
