package io.redoubt.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The key index: a chained hash table whose bucket arrays are off-heap and whose chains run through the
 * entries' own {@code next} fields, resized by incremental rehash as Redis's {@code dict}.
 *
 * <h2>Design notes</h2>
 * <ul>
 * <li><b>Buckets</b> are 8-byte entry refs in direct-buffer chunks of 64 Ki buckets (512 KiB); a table is
 *     a power of two from 4 to 2^27 buckets. The Java heap holds only the chunk array.</li>
 * <li><b>Incremental rehash.</b> Growth (load 1) or shrink (load 1/8) allocates a second table; each
 *     operation then moves one bucket ({@link #rehash(int)}, visiting at most ten empty buckets per bucket
 *     as Redis does), and {@link Database#rehash} lets a cron move more. The new table's chunks are allocated
 *     as the rehash reaches the buckets that map into them, so doubling a 10M-key table never zeroes
 *     256 MiB at once.</li>
 * <li><b>Where a key lives.</b> Unlike Redis, which inserts into the new table while rehashing, an entry
 *     is in table 0 exactly when its table-0 bucket has not been moved yet ({@code (hash & mask0) >=
 *     rehashIndex}), else in table 1. Every look-up therefore walks a single chain, and an entry's bucket
 *     follows from its stored hash, which delete-by-reference and the snapshot need.</li>
 * <li><b>SCAN</b> is Redis's reverse-binary cursor ({@code dictScan}), including the rehash case where
 *     the smaller table's bucket is emitted together with all its expansions in the larger one.</li>
 * </ul>
 */
final class HashIndex {
    static final int INITIAL_SIZE = 4;
    static final int MAX_SIZE = 1 << 27;
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;
    private static final int EMPTY_VISITS_PER_STEP = 10;

    private final Memory memory;
    private ByteBuffer[] t0;
    private ByteBuffer[] t1;
    private int mask0;
    private int mask1;
    /** Next table-0 bucket to move; -1 when not rehashing, so {@code bucket >= rehashIndex} always holds. */
    private int rehashIndex = -1;
    private int pauseRehash;
    private int used;
    private long random = 0x9E3779B97F4A7C15L ^ System.nanoTime();

    HashIndex(Memory memory) {
        this.memory = memory;
        this.t0 = newTable(INITIAL_SIZE, true);
        this.mask0 = INITIAL_SIZE - 1;
    }

    int size() {
        return used;
    }

    boolean isRehashing() {
        return rehashIndex >= 0;
    }

    /** Bytes of the bucket chunks actually allocated. */
    long reservedBytes() {
        return tableBytes(t0) + tableBytes(t1);
    }

    int tableSize(int table) {
        return table == 0 ? mask0 + 1 : (t1 == null ? 0 : mask1 + 1);
    }

    // ---------------------------------------------------------------- buckets

    /** The bucket that holds (or will hold) keys of {@code hash}: table in bit 32, index in the low bits. */
    long bucket(int hash) {
        int b = hash & mask0;
        return b >= rehashIndex ? b : (1L << 32) | (hash & mask1);
    }

    long head(long bucket) {
        int b = (int) bucket;
        ByteBuffer[] t = (bucket >>> 32) == 0 ? t0 : t1;
        return t[b >>> CHUNK_SHIFT].getLong((b & CHUNK_MASK) << 3);
    }

    void head(long bucket, long ref) {
        int b = (int) bucket;
        ByteBuffer[] t = (bucket >>> 32) == 0 ? t0 : t1;
        t[b >>> CHUNK_SHIFT].putLong((b & CHUNK_MASK) << 3, ref);
    }

    /** The entry before {@code ref} in its chain, or NONE when {@code ref} is the head. */
    long predecessor(long bucket, long ref) {
        long prev = Database.NONE;
        for (long e = head(bucket); e != ref; e = EntryDescriptor.next(memory, e)) {
            prev = e;
        }
        return prev;
    }

    /** Makes {@code link} (a predecessor, or NONE for the bucket head) point to {@code ref}. */
    void link(long bucket, long prev, long ref) {
        if (prev == Database.NONE) {
            head(bucket, ref);
        } else {
            EntryDescriptor.next(memory, prev, ref);
        }
    }

    /** Links a new entry at the head of its bucket and counts it; may start a growth. */
    void insert(long bucket, long ref) {
        EntryDescriptor.next(memory, ref, head(bucket));
        head(bucket, ref);
        used++;
        if (rehashIndex < 0 && used > mask0 && mask0 + 1 < MAX_SIZE) {
            startResize(Integer.highestOneBit(used) << 1);
        }
    }

    /** Unlinks {@code ref} (preceded by {@code prev}) and uncounts it; may start a shrink. */
    void remove(long bucket, long prev, long ref) {
        link(bucket, prev, EntryDescriptor.next(memory, ref));
        used--;
        if (rehashIndex < 0 && mask0 + 1 > INITIAL_SIZE && (long) used * 8 <= mask0 + 1) {
            startResize(Math.max(INITIAL_SIZE, used <= 1 ? 1 : Integer.highestOneBit(used - 1) << 1));
        }
    }

    /** Forgets every entry (the caller frees them) and goes back to the initial table. */
    void clear() {
        t0 = newTable(INITIAL_SIZE, true);
        mask0 = INITIAL_SIZE - 1;
        t1 = null;
        mask1 = 0;
        rehashIndex = -1;
        used = 0;
    }

    /**
     * Sizes an empty index for {@code expected} entries at once (RDB's RESIZEDB when loading), so that filling
     * it does not grow the table step by step through incremental rehashes. No effect on a non-empty index.
     */
    void reserve(long expected) {
        if (used != 0 || rehashIndex >= 0 || expected <= mask0 + 1) {
            return;
        }
        int size = (int) Math.min(MAX_SIZE, Long.highestOneBit(expected - 1) << 1);
        t0 = newTable(size, true);
        mask0 = size - 1;
    }

    // ---------------------------------------------------------------- rehash

    private void startResize(int size) {
        t1 = newTable(size, size <= CHUNK_MASK + 1);
        mask1 = size - 1;
        rehashIndex = 0;
    }

    /**
     * Moves up to {@code buckets} non-empty buckets to the new table. Returns true while a rehash is still
     * in progress.
     */
    boolean rehash(int buckets) {
        if (rehashIndex < 0 || pauseRehash > 0) {
            return false;
        }
        int size0 = mask0 + 1;
        int emptyVisits = buckets * EMPTY_VISITS_PER_STEP;
        while (buckets > 0 && rehashIndex < size0) {
            int i = rehashIndex;
            ensureImages(i);
            ByteBuffer chunk = t0[i >>> CHUNK_SHIFT];
            int off = (i & CHUNK_MASK) << 3;
            long e = chunk.getLong(off);
            if (e == Database.NONE) {
                rehashIndex = i + 1;
                if (--emptyVisits == 0) {
                    break;
                }
                continue;
            }
            do {
                long next = EntryDescriptor.next(memory, e);
                int b = EntryDescriptor.hash(memory, e) & mask1;
                ByteBuffer target = t1[b >>> CHUNK_SHIFT];
                int toff = (b & CHUNK_MASK) << 3;
                EntryDescriptor.next(memory, e, target.getLong(toff));
                target.putLong(toff, e);
                e = next;
            } while (e != Database.NONE);
            chunk.putLong(off, Database.NONE);
            rehashIndex = i + 1;
            buckets--;
        }
        if (rehashIndex >= size0) {
            t0 = t1;
            mask0 = mask1;
            t1 = null;
            mask1 = 0;
            rehashIndex = -1;
            return false;
        }
        return true;
    }

    /** Allocates the new table's chunks that table-0 bucket {@code i} maps into. */
    private void ensureImages(int i) {
        if (mask1 <= mask0) {
            ensureChunk(t1, (i & mask1) >>> CHUNK_SHIFT);
            return;
        }
        int size0 = mask0 + 1;
        for (int b = i; b <= mask1; b += size0) {
            ensureChunk(t1, b >>> CHUNK_SHIFT);
            if (size0 > CHUNK_MASK) {
                continue;
            }
            // size0 divides a chunk: all images of i up to the next chunk boundary are in this chunk.
            b |= CHUNK_MASK & ~(size0 - 1);
        }
    }

    private static void ensureChunk(ByteBuffer[] table, int chunk) {
        if (table[chunk] == null) {
            table[chunk] = ByteBuffer.allocateDirect((CHUNK_MASK + 1) << 3).order(ByteOrder.nativeOrder());
        }
    }

    private static ByteBuffer[] newTable(int size, boolean allocate) {
        int chunks = Math.max(1, size >>> CHUNK_SHIFT);
        ByteBuffer[] table = new ByteBuffer[chunks];
        if (allocate) {
            int bytes = Math.min(size, CHUNK_MASK + 1) << 3;
            for (int i = 0; i < chunks; i++) {
                table[i] = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            }
        }
        return table;
    }

    private static long tableBytes(ByteBuffer[] table) {
        if (table == null) {
            return 0;
        }
        long bytes = 0;
        for (ByteBuffer chunk : table) {
            if (chunk != null) {
                bytes += chunk.capacity();
            }
        }
        return bytes;
    }

    /** A bucket head that tolerates chunks the rehash has not allocated yet (they are empty). */
    private static long headOrNone(ByteBuffer[] table, int b) {
        ByteBuffer chunk = table[b >>> CHUNK_SHIFT];
        return chunk == null ? Database.NONE : chunk.getLong((b & CHUNK_MASK) << 3);
    }

    // ---------------------------------------------------------------- scan and sampling

    void pauseRehash() {
        pauseRehash++;
    }

    void resumeRehash() {
        pauseRehash--;
    }

    /** One step of Redis's {@code dictScan}. */
    long scan(long cursor, Database.EntryVisitor visitor) {
        if (used == 0) {
            return 0;
        }
        pauseRehash++;
        try {
            long v = cursor;
            if (rehashIndex < 0) {
                long m0 = mask0;
                emit(t0, (int) (v & m0), visitor);
                v |= ~m0;
                v = Long.reverse(Long.reverse(v) + 1);
            } else {
                ByteBuffer[] small = t0;
                ByteBuffer[] large = t1;
                long ms = mask0;
                long ml = mask1;
                if (ms > ml) {
                    small = t1;
                    large = t0;
                    ms = mask1;
                    ml = mask0;
                }
                emit(small, (int) (v & ms), visitor);
                do {
                    emit(large, (int) (v & ml), visitor);
                    v |= ~ml;
                    v = Long.reverse(Long.reverse(v) + 1);
                } while ((v & (ms ^ ml)) != 0);
            }
            return v;
        } finally {
            pauseRehash--;
        }
    }

    private void emit(ByteBuffer[] table, int b, Database.EntryVisitor visitor) {
        long e = headOrNone(table, b);
        while (e != Database.NONE) {
            long next = EntryDescriptor.next(memory, e);
            visitor.visit(e);
            e = next;
        }
    }

    /** A random entry, as Redis's {@code dictGetRandomKey}: a random non-empty bucket, then a random link. */
    long randomEntry() {
        if (used == 0) {
            return Database.NONE;
        }
        long e;
        if (rehashIndex >= 0) {
            int size0 = mask0 + 1;
            long span = (long) size0 + mask1 + 1 - rehashIndex;
            do {
                long h = rehashIndex + Long.remainderUnsigned(nextRandom(), span);
                e = h >= size0 ? headOrNone(t1, (int) (h - size0)) : headOrNone(t0, (int) h);
            } while (e == Database.NONE);
        } else {
            do {
                e = headOrNone(t0, (int) nextRandom() & mask0);
            } while (e == Database.NONE);
        }
        int length = 0;
        for (long x = e; x != Database.NONE; x = EntryDescriptor.next(memory, x)) {
            length++;
        }
        for (int skip = (int) Long.remainderUnsigned(nextRandom(), length); skip > 0; skip--) {
            e = EntryDescriptor.next(memory, e);
        }
        return e;
    }

    long nextRandom() {
        long z = (random += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Calls {@code visitor} for every entry, table by table (for clear and checks; not a SCAN). */
    void forEach(Database.EntryVisitor visitor) {
        pauseRehash++;
        try {
            forEach(t0, mask0, visitor);
            if (t1 != null) {
                forEach(t1, mask1, visitor);
            }
        } finally {
            pauseRehash--;
        }
    }

    private void forEach(ByteBuffer[] table, int mask, Database.EntryVisitor visitor) {
        for (int b = 0; b <= mask; b++) {
            emit(table, b, visitor);
        }
    }
}
