package io.redoubt.store;

import io.netty.buffer.ByteBuf;

/**
 * One numbered database: binary keys mapped to typed values, each with an optional absolute expiry
 * time and an LRU/LFU clock.
 *
 * <h2>Threading</h2>
 * Only the keyspace thread calls a database; no method is thread-safe.
 *
 * <h2>Entry references</h2>
 * Look-ups return an <em>entry reference</em>, a {@code long} that names the entry inside the store
 * ({@link #NONE} when absent). A reference is valid until the next mutation of this database (a put,
 * delete, resize or clear): commands look up, read or change the entry, and drop the reference before
 * they return. References let the hot path read and write keys and values without allocating.
 *
 * <h2>Expiry</h2>
 * The store keeps expiry times but never judges them: the server decides, with its own cached clock,
 * whether an entry has expired and deletes it (so that the deletion is propagated as Redis does).
 *
 * <h2>Values</h2>
 * A {@link ValueType#STRING} entry holds raw bytes (integers are kept as their decimal text). Every other
 * type holds an on-heap object given by the data-type layer ({@link #object(long)}).
 */
public interface Database {
    /** The reference of no entry. */
    long NONE = 0L;
    /** {@link #expireAt(long)} of an entry without a time to live. */
    long NO_EXPIRY = -1L;

    /** A string as SET stores it: {@code int} when it reads as one, {@code embstr} up to 44 bytes, {@code raw} beyond. */
    int STRING_ENCODING_BY_CONTENT = 0;
    /** A string changed in place (APPEND, SETRANGE, SETBIT, BITFIELD, BITOP's result): always {@code raw}. */
    int STRING_ENCODING_RAW = 1;
    /** A string made without trying the integer form (INCRBYFLOAT): {@code embstr} or {@code raw} by length. */
    int STRING_ENCODING_NOT_INT = 2;

    /** Number of keys, expired-but-not-yet-deleted ones included. */
    int size();

    /** Number of keys that have an expiry time. */
    int volatileSize();

    // ---------------------------------------------------------------- look-up

    /** Finds {@code length} key bytes of {@code buf} starting at absolute {@code index}. */
    long find(ByteBuf buf, int index, int length);

    long find(byte[] key);

    /** A {@link ValueType} code. */
    int type(long ref);

    /** Absolute unix time in ms at which the entry expires, or {@link #NO_EXPIRY}. */
    long expireAt(long ref);

    /** Sets or, with {@link #NO_EXPIRY}, clears the expiry time. Not a mutation in the sense above. */
    void setExpireAt(long ref, long unixTimeMs);

    int keyLength(long ref);

    /** Appends the key's bytes to {@code dst}. */
    void copyKey(long ref, ByteBuf dst);

    byte[] key(long ref);

    /** The 24-bit LRU clock or LFU counter word kept for eviction, as Redis's {@code robj.lru}. */
    int accessClock(long ref);

    void setAccessClock(long ref, int clock);

    /**
     * Records how Redis would have encoded a string whose content alone does not decide it, for
     * {@code OBJECT ENCODING}: one of the {@code STRING_ENCODING_*} codes. The next put of the key resets it
     * to {@link #STRING_ENCODING_BY_CONTENT}.
     */
    default void setStringEncoding(long ref, int encoding) {
    }

    default int stringEncoding(long ref) {
        return STRING_ENCODING_BY_CONTENT;
    }

    // ---------------------------------------------------------------- string values

    int valueLength(long ref);

    /** Appends {@code length} value bytes starting at {@code from} to {@code dst}. */
    void copyValue(long ref, int from, ByteBuf dst, int length);

    void copyValue(long ref, int from, byte[] dst, int dstIndex, int length);

    byte valueByte(long ref, int index);

    void setValueByte(long ref, int index, byte value);

    /** Overwrites value bytes in place; the value must already be long enough. */
    void setValueBytes(long ref, int index, ByteBuf src, int srcIndex, int length);

    void setValueBytes(long ref, int index, byte[] src, int srcIndex, int length);

    /**
     * Stores a string value under a key, replacing whatever the key held (of any type).
     *
     * @param expireAt the entry's expiry time, or {@link #NO_EXPIRY}
     * @return the new entry's reference
     */
    long putString(ByteBuf keyBuf, int keyIndex, int keyLength,
                   ByteBuf valueBuf, int valueIndex, int valueLength, long expireAt);

    long putString(byte[] key, byte[] value, long expireAt);

    /**
     * Stores a string of {@code valueLength} zero bytes under a key given as a reference's key or as bytes,
     * to be filled with {@link #setValueBytes}. Replaces what the key held.
     */
    long putZeroString(ByteBuf keyBuf, int keyIndex, int keyLength, int valueLength, long expireAt);

    /**
     * Changes the length of a string value, keeping its first {@code min(old, new)} bytes and zero-filling
     * the rest; expiry and access clock are kept. Growth should leave slack so that repeated appends cost
     * amortised O(1), as Redis's sds does.
     *
     * @return the entry's reference, which may differ from {@code ref}
     */
    long resizeString(long ref, int newLength);

    // ---------------------------------------------------------------- other types

    /** Stores an on-heap object of a non-string {@link ValueType}, replacing what the key held. */
    long putObject(ByteBuf keyBuf, int keyIndex, int keyLength, int type, Object value, long expireAt);

    long putObject(byte[] key, int type, Object value, long expireAt);

    Object object(long ref);

    // ---------------------------------------------------------------- removal

    /** Removes the entry; {@code ref} is invalid afterwards. */
    void delete(long ref);

    /** Removes every entry. */
    void clear();

    // ---------------------------------------------------------------- iteration and sampling

    /**
     * Visits a few entries following Redis's reverse-binary cursor: every key present for the whole scan
     * is visited at least once, however the table is resized in between. Start with 0; 0 returned means
     * the scan is complete. The visitor must not mutate the database.
     */
    long scan(long cursor, EntryVisitor visitor);

    /** The same as {@link #scan} over the keys that have an expiry time only. */
    long scanVolatile(long cursor, EntryVisitor visitor);

    /** A pseudo-random entry (for RANDOMKEY and eviction sampling), or {@link #NONE} when empty. */
    long randomEntry();

    /** A pseudo-random entry among those with an expiry time, or {@link #NONE}. */
    long randomVolatileEntry();

    // ---------------------------------------------------------------- accounting

    /** Bytes this database holds off-heap and in accounted on-heap objects (keys, values, index). */
    long usedMemory();

    /** Bytes one entry accounts for, as {@code MEMORY USAGE} reports it. */
    long entryMemory(long ref);

    /** Allocator figures for {@code INFO memory}: used, reserved from the OS, fragmentation. */
    default MemoryStats memoryStats() {
        long used = usedMemory();
        return new MemoryStats(used, used, used, size());
    }

    // ---------------------------------------------------------------- housekeeping (added; defaults keep other implementations valid)

    /**
     * The access clock given to entries created from now on (Redis stamps new objects with the current
     * LRU clock, or LFU's initial counter); the server sets it from its cron. Starts at 0.
     */
    default void setNewEntryClock(int clock) {
    }

    /**
     * Does up to {@code buckets} steps of pending incremental rehash, as Redis's cron calls
     * {@code dictRehashMilliseconds}; every look-up and write already does one.
     *
     * @return true while a rehash is still in progress
     */
    default boolean rehash(int buckets) {
        return false;
    }

    /**
     * Announces that the data-type layer is about to change the object of entry {@code ref} in place (an
     * LPUSH, HSET...). A running snapshot that has not yet written this entry first takes its image.
     */
    default void beforeObjectWrite(long ref) {
    }

    /** Re-reads the size of the object of {@code ref} (an {@link AccountedObject}) after it changed. */
    default void objectMemoryChanged(long ref) {
    }

    /**
     * Starts a point-in-time traversal of this database (see {@link SnapshotTraversal}).
     *
     * @param hook copies on-heap values that change while the traversal runs
     * @throws IllegalStateException if a traversal of this database is still running
     */
    default SnapshotTraversal beginSnapshot(ObjectSnapshotHook hook) {
        throw new UnsupportedOperationException("snapshots");
    }

    default SnapshotTraversal beginSnapshot() {
        return beginSnapshot(ObjectSnapshotHook.SHARE);
    }

    /**
     * Prepares an empty database for about {@code expectedKeys} keys (RDB's RESIZEDB when loading), so that
     * filling it does not grow its index step by step. A hint: no effect on a non-empty database.
     */
    default void reserve(long expectedKeys) {
    }

    /** Returns free memory the allocator keeps in reserve to the OS, as {@code MEMORY PURGE}. */
    default void purgeMemory() {
    }

    /**
     * Frees everything this database holds. Only for a database no longer reachable from the keyspace
     * (see {@link Keyspace#detach}); may be called from any one thread, e.g. a lazy-free thread for
     * {@code FLUSHDB ASYNC}. The database must not be used afterwards.
     */
    default void release() {
        clear();
    }

    /** Receives entries from {@link #scan}. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(long ref);
    }
}
