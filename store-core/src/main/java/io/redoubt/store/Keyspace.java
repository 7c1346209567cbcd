package io.redoubt.store;

import java.util.function.IntFunction;

/** The numbered databases of one server. Only the keyspace thread uses it. */
public final class Keyspace {
    private final Database[] databases;
    private final IntFunction<Database> factory;

    public Keyspace(int count, IntFunction<Database> factory) {
        if (count < 1) {
            throw new IllegalArgumentException("databases must be at least 1: " + count);
        }
        this.factory = factory;
        this.databases = new Database[count];
        for (int i = 0; i < count; i++) {
            databases[i] = factory.apply(i);
        }
    }

    public int count() {
        return databases.length;
    }

    public Database db(int index) {
        return databases[index];
    }

    /** Exchanges the contents of two databases, as SWAPDB does. */
    public void swap(int a, int b) {
        Database t = databases[a];
        databases[a] = databases[b];
        databases[b] = t;
    }

    /**
     * Replaces database {@code index} by an empty one and returns the old one, so that its memory can be
     * freed away from the keyspace thread (FLUSHDB ASYNC).
     */
    public Database detach(int index) {
        Database old = databases[index];
        databases[index] = factory.apply(index);
        return old;
    }

    /**
     * Replaces every database by an empty one and returns the old ones (FLUSHALL ASYNC): hand them to a
     * background thread and call {@link Database#release()} on each.
     */
    public Database[] detachAll() {
        Database[] old = databases.clone();
        for (int i = 0; i < databases.length; i++) {
            databases[i] = factory.apply(i);
        }
        return old;
    }

    /**
     * Detaches database {@code index} and releases it on {@code executor} (FLUSHDB ASYNC); the keyspace
     * thread only swaps in an empty database.
     */
    public void flushAsync(int index, java.util.concurrent.Executor executor) {
        Database old = detach(index);
        executor.execute(old::release);
    }

    /** Detaches every database and releases them on {@code executor} (FLUSHALL ASYNC). */
    public void flushAllAsync(java.util.concurrent.Executor executor) {
        Database[] old = detachAll();
        executor.execute(() -> {
            for (Database db : old) {
                db.release();
            }
        });
    }

    /** The sum of every database's {@link Database#memoryStats()}, for {@code INFO memory}. */
    public MemoryStats memoryStats() {
        MemoryStats total = MemoryStats.EMPTY;
        for (Database db : databases) {
            total = total.plus(db.memoryStats());
        }
        return total;
    }

    public long usedMemory() {
        long total = 0;
        for (Database db : databases) {
            total += db.usedMemory();
        }
        return total;
    }

    public long keyCount() {
        long total = 0;
        for (Database db : databases) {
            total += db.size();
        }
        return total;
    }
}
