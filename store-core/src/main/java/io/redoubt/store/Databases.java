package io.redoubt.store;

import java.util.function.IntFunction;

/** Factories of {@link Database} implementations. */
public final class Databases {
    private Databases() {
    }

    /**
     * Off-heap databases (keys, string values and metadata in direct memory owned by each database), for
     * {@code new Keyspace(16, Databases.offHeap())}. Needs no JVM flags; direct memory is bounded by
     * {@code -XX:MaxDirectMemorySize}, which defaults to the maximum heap size.
     */
    public static IntFunction<Database> offHeap() {
        return index -> new OffHeapDatabase();
    }

    /** One off-heap database. */
    public static Database newOffHeap() {
        return new OffHeapDatabase();
    }
}
