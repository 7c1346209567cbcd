package io.redoubt.store;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.Objects;

/**
 * Point-in-time traversal of an {@link OffHeapDatabase}, after Dragonfly's versioned snapshots but with the
 * version kept per entry rather than per bucket.
 *
 * <h2>Design notes</h2>
 * <ul>
 * <li><b>Epochs.</b> Beginning a snapshot advances the database's 8-bit epoch; every entry carries the epoch
 *     of the last snapshot that has its image ({@link EntryDescriptor#EPOCH_OFFSET}), and new entries are
 *     born with the current one. An entry stamped with an older epoch is <em>pending</em>: it existed when
 *     the snapshot began and the traversal has not handed it yet.</li>
 * <li><b>Writes.</b> Before a pending entry changes in place, the database copies it into a fresh block
 *     ({@link #copyPreImage}) and stamps the live one; a pending entry that is deleted or replaced is not
 *     freed but given to the traversal as it is ({@link #adopt}). Either way the old image waits in the
 *     pending queue, and nothing is copied for entries the traversal has passed.</li>
 * <li><b>Traversal.</b> Drains the pending queue, then walks the index with the SCAN cursor, handing and
 *     stamping the pending entries it meets. The cursor reaches every entry present for the whole walk
 *     across any incremental rehash, entries moved by a rehash keep their stamp, and an entry removed
 *     before the walk reached it left its image in the queue; the stamp stops a second hand-out. Hence
 *     every entry of the starting moment is handed exactly once, with its starting value and expiry.</li>
 * <li><b>FLUSHDB during a snapshot.</b> {@link OffHeapDatabase#clear} gives its whole storage to the
 *     traversal ({@link #orphan}) and starts afresh, so the traversal goes on over a frozen world.</li>
 * <li><b>Wrap-around.</b> Epochs are 8 bits. A complete traversal stamps every entry; abandoned ones
 *     leave old stamps, so the database re-stamps everything before the epoch could come round to one of
 *     them (after 200 abandoned snapshots in a row).</li>
 * </ul>
 */
final class OffHeapSnapshot implements SnapshotTraversal, SnapshotEntry {
    private final OffHeapDatabase db;
    private final ObjectSnapshotHook hook;
    private final int epoch;
    private Memory memory;
    private HashIndex table;
    private VolatileTable volatiles;
    private ObjectTable objects;
    /** True once the database has handed its whole storage over (FLUSHDB during the snapshot). */
    private boolean orphaned;

    private long cursor;
    private boolean scanDone;
    private boolean closed;
    private long visited;

    private long[] pendingRefs = new long[16];
    private long[] pendingExpiry = new long[16];
    private int pendingCount;

    /** The entry being handed to the sink. */
    private long current;
    private long currentExpiry;
    private Sink sink;
    private int budget;
    private final Database.EntryVisitor scanVisitor = this::visitLive;

    OffHeapSnapshot(OffHeapDatabase db, ObjectSnapshotHook hook, int epoch,
                    Memory memory, HashIndex table, VolatileTable volatiles, ObjectTable objects) {
        this.db = db;
        this.hook = Objects.requireNonNull(hook, "hook");
        this.epoch = epoch;
        this.memory = memory;
        this.table = table;
        this.volatiles = volatiles;
        this.objects = objects;
    }

    int epoch() {
        return epoch;
    }

    // ---------------------------------------------------------------- hooks called by the database

    /** Keeps a copy of pending entry {@code ref}, which is about to change in place. */
    void copyPreImage(long ref) {
        int keyLength = EntryDescriptor.keyLength(memory, ref);
        int typeClock = EntryDescriptor.typeClock(memory, ref);
        boolean string = (typeClock & EntryDescriptor.TYPE_MASK) == ValueType.STRING;
        int valueBytes = string ? EntryDescriptor.valueLength(memory, ref) : 0;
        int length = (int) EntryDescriptor.entryLength(keyLength, valueBytes);
        long copy = memory.allocate(length);
        memory.copy(ref, copy, length);
        if (!string) {
            Object value = objects.get(EntryDescriptor.valueLength(memory, ref));
            int slot = objects.add(hook.preserve(typeClock & EntryDescriptor.TYPE_MASK, value));
            EntryDescriptor.valueLength(memory, copy, slot);
        }
        long expireAt = (typeClock & EntryDescriptor.EXPIRY_FLAG) != 0
                ? volatiles.expireAt(EntryDescriptor.volatileSlot(memory, ref)) : Database.NO_EXPIRY;
        enqueue(copy, expireAt);
    }

    /** Takes pending entry {@code ref}, already unlinked from the index, as it is. */
    void adopt(long ref, long expireAt) {
        enqueue(ref, expireAt);
    }

    /** The database is being cleared: keep its storage, which nothing else will change from now on. */
    void orphan() {
        orphaned = true;
    }

    private void enqueue(long ref, long expireAt) {
        if (pendingCount == pendingRefs.length) {
            pendingRefs = Arrays.copyOf(pendingRefs, pendingCount * 2);
            pendingExpiry = Arrays.copyOf(pendingExpiry, pendingCount * 2);
        }
        pendingRefs[pendingCount] = ref;
        pendingExpiry[pendingCount] = expireAt;
        pendingCount++;
    }

    // ---------------------------------------------------------------- traversal

    @Override
    public boolean step(int maxEntries, Sink sink) {
        if (closed) {
            throw new IllegalStateException("snapshot closed");
        }
        this.sink = sink;
        this.budget = maxEntries;
        try {
            while (budget > 0 && pendingCount > 0) {
                long ref = pendingRefs[--pendingCount];
                hand(ref, pendingExpiry[pendingCount]);
                release(ref);
            }
            while (budget > 0 && !scanDone) {
                cursor = table.scan(cursor, scanVisitor);
                scanDone = cursor == 0;
            }
        } finally {
            this.sink = null;
        }
        if (scanDone && pendingCount == 0) {
            finish();
            return false;
        }
        return true;
    }

    private void visitLive(long ref) {
        if (EntryDescriptor.epoch(memory, ref) == epoch) {
            return;
        }
        EntryDescriptor.epoch(memory, ref, epoch);
        hand(ref, EntryDescriptor.hasExpiry(memory, ref)
                ? volatiles.expireAt(EntryDescriptor.volatileSlot(memory, ref)) : Database.NO_EXPIRY);
    }

    private void hand(long ref, long expireAt) {
        current = ref;
        currentExpiry = expireAt;
        visited++;
        budget--;
        sink.accept(this);
        current = Database.NONE;
    }

    /** Frees a pending image once handed. */
    private void release(long ref) {
        if (!orphaned) {
            if ((EntryDescriptor.typeClock(memory, ref) & EntryDescriptor.TYPE_MASK) != ValueType.STRING) {
                objects.remove(EntryDescriptor.valueLength(memory, ref));
            }
            memory.free(ref);
        }
    }

    private void finish() {
        if (closed) {
            return;
        }
        closed = true;
        if (!orphaned) {
            while (pendingCount > 0) {
                release(pendingRefs[--pendingCount]);
            }
        }
        pendingCount = 0;
        pendingRefs = null;
        pendingExpiry = null;
        db.snapshotEnded(this, scanDone);
        if (orphaned) {
            // The storage was the database's before FLUSHDB; nothing else references it.
            memory.releaseAll();
        }
        memory = null;
        table = null;
        volatiles = null;
        objects = null;
    }

    @Override
    public boolean isDone() {
        return closed;
    }

    @Override
    public long entriesVisited() {
        return visited;
    }

    @Override
    public void close() {
        finish();
    }

    /** Bytes held for old images not yet handed (copies and adopted entries). */
    long pendingBytes() {
        long bytes = 0;
        for (int i = 0; i < pendingCount; i++) {
            bytes += memory.blockSize(pendingRefs[i]);
        }
        return bytes;
    }

    int pendingCount() {
        return pendingCount;
    }

    // ---------------------------------------------------------------- SnapshotEntry view

    @Override
    public int type() {
        return EntryDescriptor.typeClock(memory, current) & EntryDescriptor.TYPE_MASK;
    }

    @Override
    public long expireAt() {
        return currentExpiry;
    }

    @Override
    public int accessClock() {
        return EntryDescriptor.typeClock(memory, current) >>> 8;
    }

    @Override
    public int keyLength() {
        return EntryDescriptor.keyLength(memory, current);
    }

    @Override
    public void copyKey(ByteBuf dst) {
        memory.read(EntryDescriptor.keyRef(current), dst, keyLength());
    }

    @Override
    public byte[] key() {
        byte[] key = new byte[keyLength()];
        memory.read(EntryDescriptor.keyRef(current), key, 0, key.length);
        return key;
    }

    @Override
    public int valueLength() {
        return type() == ValueType.STRING ? EntryDescriptor.valueLength(memory, current) : 0;
    }

    @Override
    public void copyValue(int from, ByteBuf dst, int length) {
        Objects.checkFromIndexSize(from, length, valueLength());
        memory.read(EntryDescriptor.valueRef(memory, current) + from, dst, length);
    }

    @Override
    public void copyValue(int from, byte[] dst, int dstIndex, int length) {
        Objects.checkFromIndexSize(from, length, valueLength());
        memory.read(EntryDescriptor.valueRef(memory, current) + from, dst, dstIndex, length);
    }

    @Override
    public Object object() {
        return type() == ValueType.STRING ? null : objects.get(EntryDescriptor.valueLength(memory, current));
    }
}
