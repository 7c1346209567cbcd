package io.redoubt.store;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.util.Objects;

import static io.redoubt.store.EntryDescriptor.EPOCH_OFFSET;
import static io.redoubt.store.EntryDescriptor.EXPIRY_FLAG;
import static io.redoubt.store.EntryDescriptor.HASH_OFFSET;
import static io.redoubt.store.EntryDescriptor.HEADER_LENGTH;
import static io.redoubt.store.EntryDescriptor.KEY_LENGTH_OFFSET;
import static io.redoubt.store.EntryDescriptor.KEY_OFFSET;
import static io.redoubt.store.EntryDescriptor.TYPE_CLOCK_OFFSET;
import static io.redoubt.store.EntryDescriptor.TYPE_MASK;
import static io.redoubt.store.EntryDescriptor.VALUE_LENGTH_OFFSET;
import static io.redoubt.store.EntryDescriptor.VOLATILE_SLOT_OFFSET;

/**
 * The off-heap {@link Database}: entries laid out by {@link EntryDescriptor} in a {@link Memory} of its own,
 * indexed by a {@link HashIndex}, expiry times in a {@link VolatileTable}, non-string values in an
 * {@link ObjectTable}.
 *
 * <h2>Design notes</h2>
 * <ul>
 * <li>Nothing on the look-up and write paths allocates: keys are hashed and compared word by word straight
 *     from the caller's {@code byte[]} or {@code ByteBuf}, and the position of a found key (bucket and
 *     predecessor) is left in two fields for the write that usually follows.</li>
 * <li>A write that replaces a string by a string of a similar size reuses the entry in place; otherwise a
 *     new block takes the old one's place in the chain and the old one is retired.</li>
 * <li>Every change to an entry that a running snapshot has not yet seen goes through {@link #preserve}
 *     (in-place changes) or {@link #retire} (unlinked entries) so that the snapshot keeps the old image.</li>
 * </ul>
 */
final class OffHeapDatabase implements Database {
    /** Largest entry: what a direct ByteBuffer can hold. */
    private static final long MAX_ENTRY = Integer.MAX_VALUE - 8;
    /** Growth slack, as sds: double below 1 MiB, else add 1 MiB. */
    private static final int SLACK_LIMIT = 1 << 20;
    private static final long BUCKET_BYTES = 8;
    private static final long VOLATILE_BYTES = 16;

    private Memory memory;
    private HashIndex table;
    private VolatileTable volatiles;
    private ObjectTable objects;
    private int newEntryClock;
    /** Epoch of the last snapshot begun; entries stamped with another one are not yet in that snapshot. */
    private int epoch;
    /** Snapshots begun since every entry last carried a recent epoch; see {@link OffHeapSnapshot}. */
    private int snapshotsSinceFullPass;
    private OffHeapSnapshot snapshot;
    /** Guards {@link #snapshot} and {@link #releasePending} between the keyspace and a lazy-free thread. */
    private final Object releaseLock = new Object();
    private boolean releasePending;

    /** Where the last {@link #locate} looked: its bucket, and the found entry's predecessor. */
    private long foundBucket;
    private long foundPrev;
    private int foundHash;

    OffHeapDatabase() {
        memory = new Memory();
        table = new HashIndex(memory);
        volatiles = new VolatileTable(memory);
        objects = new ObjectTable();
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public int volatileSize() {
        return volatiles.size();
    }

    // ---------------------------------------------------------------- look-up

    @Override
    public long find(ByteBuf buf, int index, int length) {
        return locate(buf, index, length, Hashing.hash(buf, index, length));
    }

    @Override
    public long find(byte[] key) {
        return locate(key, Hashing.hash(key, 0, key.length));
    }

    private long locate(ByteBuf buf, int index, int length, int hash) {
        table.rehash(1);
        long bucket = table.bucket(hash);
        long prev = NONE;
        for (long e = table.head(bucket); e != NONE; prev = e, e = EntryDescriptor.next(memory, e)) {
            ByteBuffer page = memory.page(e);
            int o = (int) e;
            if (page.getInt(o + HASH_OFFSET) == hash && page.getInt(o + KEY_LENGTH_OFFSET) == length
                    && keyEquals(page, o + KEY_OFFSET, buf, index, length)) {
                foundBucket = bucket;
                foundPrev = prev;
                return e;
            }
        }
        foundBucket = bucket;
        foundPrev = NONE;
        foundHash = hash;
        return NONE;
    }

    private long locate(byte[] key, int hash) {
        table.rehash(1);
        long bucket = table.bucket(hash);
        long prev = NONE;
        int length = key.length;
        for (long e = table.head(bucket); e != NONE; prev = e, e = EntryDescriptor.next(memory, e)) {
            ByteBuffer page = memory.page(e);
            int o = (int) e;
            if (page.getInt(o + HASH_OFFSET) == hash && page.getInt(o + KEY_LENGTH_OFFSET) == length
                    && keyEquals(page, o + KEY_OFFSET, key, length)) {
                foundBucket = bucket;
                foundPrev = prev;
                return e;
            }
        }
        foundBucket = bucket;
        foundPrev = NONE;
        foundHash = hash;
        return NONE;
    }

    private static boolean keyEquals(ByteBuffer page, int at, ByteBuf buf, int index, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if (page.getLong(at + i) != Hashing.word(buf, index + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (page.get(at + i) != buf.getByte(index + i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean keyEquals(ByteBuffer page, int at, byte[] key, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if (page.getLong(at + i) != (long) Hashing.LONGS.get(key, i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (page.get(at + i) != key[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int type(long ref) {
        return EntryDescriptor.typeClock(memory, ref) & TYPE_MASK;
    }

    @Override
    public long expireAt(long ref) {
        return EntryDescriptor.hasExpiry(memory, ref)
                ? volatiles.expireAt(EntryDescriptor.volatileSlot(memory, ref)) : NO_EXPIRY;
    }

    @Override
    public void setExpireAt(long ref, long unixTimeMs) {
        if (unixTimeMs == NO_EXPIRY && !EntryDescriptor.hasExpiry(memory, ref)) {
            return;
        }
        preserve(ref);
        applyExpiry(ref, unixTimeMs);
    }

    /** Brings the entry's expiry flag and volatile record in line with {@code unixTimeMs}. */
    private void applyExpiry(long ref, long unixTimeMs) {
        int word = EntryDescriptor.typeClock(memory, ref);
        boolean has = (word & EXPIRY_FLAG) != 0;
        if (unixTimeMs == NO_EXPIRY) {
            if (has) {
                volatiles.remove(EntryDescriptor.volatileSlot(memory, ref));
                EntryDescriptor.typeClock(memory, ref, word & ~EXPIRY_FLAG);
            }
        } else if (has) {
            volatiles.expireAt(EntryDescriptor.volatileSlot(memory, ref), unixTimeMs);
        } else {
            EntryDescriptor.volatileSlot(memory, ref, volatiles.add(ref, unixTimeMs));
            EntryDescriptor.typeClock(memory, ref, word | EXPIRY_FLAG);
        }
    }

    @Override
    public int keyLength(long ref) {
        return EntryDescriptor.keyLength(memory, ref);
    }

    @Override
    public void copyKey(long ref, ByteBuf dst) {
        memory.read(EntryDescriptor.keyRef(ref), dst, EntryDescriptor.keyLength(memory, ref));
    }

    @Override
    public byte[] key(long ref) {
        byte[] key = new byte[EntryDescriptor.keyLength(memory, ref)];
        memory.read(EntryDescriptor.keyRef(ref), key, 0, key.length);
        return key;
    }

    @Override
    public int accessClock(long ref) {
        return EntryDescriptor.typeClock(memory, ref) >>> 8;
    }

    @Override
    public void setStringEncoding(long ref, int encoding) {
        // An encoding detail, not part of a snapshot's image (RDB stores the bytes): no preserve().
        int word = EntryDescriptor.typeClock(memory, ref) & ~EntryDescriptor.STRING_ENCODING_MASK;
        EntryDescriptor.typeClock(memory, ref, word | (encoding << EntryDescriptor.STRING_ENCODING_SHIFT)
                & EntryDescriptor.STRING_ENCODING_MASK);
    }

    @Override
    public int stringEncoding(long ref) {
        return (EntryDescriptor.typeClock(memory, ref) & EntryDescriptor.STRING_ENCODING_MASK)
                >>> EntryDescriptor.STRING_ENCODING_SHIFT;
    }

    @Override
    public void setAccessClock(long ref, int clock) {
        // The clock is not part of a snapshot's image (RDB keeps values and expiry), so no preserve().
        int word = EntryDescriptor.typeClock(memory, ref);
        EntryDescriptor.typeClock(memory, ref, (word & 0xFF) | (clock << 8));
    }

    @Override
    public void setNewEntryClock(int clock) {
        newEntryClock = clock & EntryDescriptor.CLOCK_MASK;
    }

    // ---------------------------------------------------------------- string values

    @Override
    public int valueLength(long ref) {
        return EntryDescriptor.valueLength(memory, ref);
    }

    @Override
    public void copyValue(long ref, int from, ByteBuf dst, int length) {
        Objects.checkFromIndexSize(from, length, EntryDescriptor.valueLength(memory, ref));
        memory.read(EntryDescriptor.valueRef(memory, ref) + from, dst, length);
    }

    @Override
    public void copyValue(long ref, int from, byte[] dst, int dstIndex, int length) {
        Objects.checkFromIndexSize(from, length, EntryDescriptor.valueLength(memory, ref));
        memory.read(EntryDescriptor.valueRef(memory, ref) + from, dst, dstIndex, length);
    }

    @Override
    public byte valueByte(long ref, int index) {
        Objects.checkIndex(index, EntryDescriptor.valueLength(memory, ref));
        return memory.getByte(EntryDescriptor.valueRef(memory, ref) + index);
    }

    @Override
    public void setValueByte(long ref, int index, byte value) {
        Objects.checkIndex(index, EntryDescriptor.valueLength(memory, ref));
        preserve(ref);
        memory.putByte(EntryDescriptor.valueRef(memory, ref) + index, value);
    }

    @Override
    public void setValueBytes(long ref, int index, ByteBuf src, int srcIndex, int length) {
        Objects.checkFromIndexSize(index, length, EntryDescriptor.valueLength(memory, ref));
        preserve(ref);
        memory.write(EntryDescriptor.valueRef(memory, ref) + index, src, srcIndex, length);
    }

    @Override
    public void setValueBytes(long ref, int index, byte[] src, int srcIndex, int length) {
        Objects.checkFromIndexSize(index, length, EntryDescriptor.valueLength(memory, ref));
        preserve(ref);
        memory.write(EntryDescriptor.valueRef(memory, ref) + index, src, srcIndex, length);
    }

    @Override
    public long putString(ByteBuf keyBuf, int keyIndex, int keyLength,
                          ByteBuf valueBuf, int valueIndex, int valueLength, long expireAt) {
        long old = locate(keyBuf, keyIndex, keyLength, Hashing.hash(keyBuf, keyIndex, keyLength));
        long e = prepare(old, keyLength, ValueType.STRING, valueLength, valueLength, expireAt);
        if (e != old) {
            memory.write(EntryDescriptor.keyRef(e), keyBuf, keyIndex, keyLength);
        }
        memory.write(EntryDescriptor.keyRef(e) + keyLength, valueBuf, valueIndex, valueLength);
        return e;
    }

    @Override
    public long putString(byte[] key, byte[] value, long expireAt) {
        long old = locate(key, Hashing.hash(key, 0, key.length));
        long e = prepare(old, key.length, ValueType.STRING, value.length, value.length, expireAt);
        if (e != old) {
            memory.write(EntryDescriptor.keyRef(e), key, 0, key.length);
        }
        memory.write(EntryDescriptor.keyRef(e) + key.length, value, 0, value.length);
        return e;
    }

    @Override
    public long putZeroString(ByteBuf keyBuf, int keyIndex, int keyLength, int valueLength, long expireAt) {
        long old = locate(keyBuf, keyIndex, keyLength, Hashing.hash(keyBuf, keyIndex, keyLength));
        long e = prepare(old, keyLength, ValueType.STRING, valueLength, valueLength, expireAt);
        if (e != old) {
            memory.write(EntryDescriptor.keyRef(e), keyBuf, keyIndex, keyLength);
        }
        memory.zero(EntryDescriptor.keyRef(e) + keyLength, valueLength);
        return e;
    }

    @Override
    public long resizeString(long ref, int newLength) {
        if (newLength < 0) {
            throw new IllegalArgumentException("negative length: " + newLength);
        }
        int keyLength = EntryDescriptor.keyLength(memory, ref);
        int oldLength = EntryDescriptor.valueLength(memory, ref);
        int block = memory.blockSize(ref);
        long need = EntryDescriptor.entryLength(keyLength, newLength);
        // Shrink in place unless the block would be mostly empty.
        if (need <= block && (newLength >= oldLength || block <= 256 || need * 4 > block)) {
            preserve(ref);
            if (newLength > oldLength) {
                memory.zero(EntryDescriptor.keyRef(ref) + keyLength + oldLength, newLength - oldLength);
            }
            EntryDescriptor.valueLength(memory, ref, newLength);
            return ref;
        }
        long capacity = newLength <= oldLength ? newLength
                : newLength < SLACK_LIMIT ? 2L * newLength : (long) newLength + SLACK_LIMIT;
        long length = Math.min(MAX_ENTRY, EntryDescriptor.entryLength(keyLength, (int) Math.min(capacity, MAX_ENTRY)));
        if (need > MAX_ENTRY) {
            throw new IllegalArgumentException("value too large: " + newLength);
        }
        long e = memory.allocate((int) length);
        int kept = Math.min(oldLength, newLength);
        memory.copy(ref, e, HEADER_LENGTH + keyLength + kept);
        if (newLength > kept) {
            memory.zero(EntryDescriptor.keyRef(e) + keyLength + kept, newLength - kept);
        }
        EntryDescriptor.valueLength(memory, e, newLength);
        EntryDescriptor.epoch(memory, e, epoch);
        long bucket = table.bucket(EntryDescriptor.hash(memory, ref));
        table.link(bucket, table.predecessor(bucket, ref), e);
        long expireAt = NO_EXPIRY;
        if (EntryDescriptor.hasExpiry(memory, ref)) {
            int slot = EntryDescriptor.volatileSlot(memory, ref);
            volatiles.ref(slot, e);
            expireAt = volatiles.expireAt(slot);
        }
        retire(ref, expireAt);
        return e;
    }

    // ---------------------------------------------------------------- other types

    @Override
    public long putObject(ByteBuf keyBuf, int keyIndex, int keyLength, int type, Object value, long expireAt) {
        checkObjectType(type);
        long old = locate(keyBuf, keyIndex, keyLength, Hashing.hash(keyBuf, keyIndex, keyLength));
        long e = prepare(old, keyLength, type, objects.add(value), 0, expireAt);
        memory.write(EntryDescriptor.keyRef(e), keyBuf, keyIndex, keyLength);
        return e;
    }

    @Override
    public long putObject(byte[] key, int type, Object value, long expireAt) {
        checkObjectType(type);
        long old = locate(key, Hashing.hash(key, 0, key.length));
        long e = prepare(old, key.length, type, objects.add(value), 0, expireAt);
        memory.write(EntryDescriptor.keyRef(e), key, 0, key.length);
        return e;
    }

    private static void checkObjectType(int type) {
        if (type == ValueType.STRING || type < 0 || type > TYPE_MASK) {
            throw new IllegalArgumentException("not an object type: " + type);
        }
    }

    @Override
    public Object object(long ref) {
        int word = EntryDescriptor.typeClock(memory, ref);
        return (word & TYPE_MASK) == ValueType.STRING ? null : objects.get(EntryDescriptor.valueLength(memory, ref));
    }

    @Override
    public void beforeObjectWrite(long ref) {
        preserve(ref);
    }

    @Override
    public void objectMemoryChanged(long ref) {
        if (type(ref) != ValueType.STRING) {
            objects.remeasure(EntryDescriptor.valueLength(memory, ref));
        }
    }

    /**
     * Gives the located key ({@code old}, or NONE; {@link #foundBucket}/{@link #foundPrev} set by
     * {@link #locate}) an entry for the new value: {@code old} itself when a string fits it snugly, else a
     * new block linked in its place. The header and expiry are set; the caller writes key (when the result
     * is not {@code old}) and value bytes.
     *
     * @param valueField the value length for strings, the object slot for other types
     * @param valueBytes bytes of value stored in the entry
     */
    private long prepare(long old, int keyLength, int type, int valueField, int valueBytes, long expireAt) {
        long need = EntryDescriptor.entryLength(keyLength, valueBytes);
        if (need > MAX_ENTRY || keyLength < 0 || valueBytes < 0) {
            throw new IllegalArgumentException("entry too large: key " + keyLength + ", value " + valueBytes);
        }
        long bucket = foundBucket;
        if (old != NONE) {
            int word = EntryDescriptor.typeClock(memory, old);
            if ((word & TYPE_MASK) == ValueType.STRING && type == ValueType.STRING) {
                int block = memory.blockSize(old);
                if (need <= block && block <= Memory.blockSizeFor(need) + (need >>> 1)) {
                    preserve(old);
                    EntryDescriptor.typeClock(memory, old, (newEntryClock << 8) | (word & EXPIRY_FLAG) | type);
                    EntryDescriptor.valueLength(memory, old, valueField);
                    applyExpiry(old, expireAt);
                    return old;
                }
            }
            long e = memory.allocate((int) need);
            writeHeader(e, EntryDescriptor.hash(memory, old), type, keyLength, valueField);
            EntryDescriptor.next(memory, e, EntryDescriptor.next(memory, old));
            table.link(bucket, foundPrev, e);
            long oldExpireAt = NO_EXPIRY;
            if ((word & EXPIRY_FLAG) != 0) {
                int slot = EntryDescriptor.volatileSlot(memory, old);
                oldExpireAt = volatiles.expireAt(slot);
                volatiles.ref(slot, e);
                EntryDescriptor.volatileSlot(memory, e, slot);
                EntryDescriptor.typeClock(memory, e, EntryDescriptor.typeClock(memory, e) | EXPIRY_FLAG);
            }
            applyExpiry(e, expireAt);
            retire(old, oldExpireAt);
            return e;
        }
        long e = memory.allocate((int) need);
        writeHeader(e, foundHash, type, keyLength, valueField);
        table.insert(bucket, e);
        applyExpiry(e, expireAt);
        return e;
    }

    private void writeHeader(long e, int hash, int type, int keyLength, int valueField) {
        ByteBuffer page = memory.page(e);
        int o = (int) e;
        page.putInt(o + HASH_OFFSET, hash);
        page.putInt(o + TYPE_CLOCK_OFFSET, (newEntryClock << 8) | type);
        page.putInt(o + KEY_LENGTH_OFFSET, keyLength);
        page.putInt(o + VALUE_LENGTH_OFFSET, valueField);
        page.putInt(o + VOLATILE_SLOT_OFFSET, 0);
        page.put(o + EPOCH_OFFSET, (byte) epoch);
    }

    // ---------------------------------------------------------------- removal

    @Override
    public void delete(long ref) {
        table.rehash(1);
        long bucket = table.bucket(EntryDescriptor.hash(memory, ref));
        long prev = table.predecessor(bucket, ref);
        long expireAt = NO_EXPIRY;
        if (EntryDescriptor.hasExpiry(memory, ref)) {
            int slot = EntryDescriptor.volatileSlot(memory, ref);
            expireAt = volatiles.expireAt(slot);
            volatiles.remove(slot);
        }
        table.remove(bucket, prev, ref);
        retire(ref, expireAt);
    }

    @Override
    public void clear() {
        if (snapshot != null) {
            // The running snapshot keeps the old storage as it is; start afresh beside it (O(1), no copy).
            synchronized (releaseLock) {
                snapshot.orphan();
                snapshot = null;
            }
            memory = new Memory();
            table = new HashIndex(memory);
            volatiles = new VolatileTable(memory);
            objects = new ObjectTable();
            return;
        }
        freeAll();
    }

    private void freeAll() {
        memory.releaseAll();
        table.clear();
        volatiles.clear();
        objects.clear();
    }

    @Override
    public void purgeMemory() {
        memory.trim();
    }

    @Override
    public void release() {
        synchronized (releaseLock) {
            if (snapshot != null) {
                // A snapshot of the detached database still runs on the keyspace thread: it frees at its end.
                releasePending = true;
                return;
            }
        }
        freeAll();
    }

    @Override
    public void reserve(long expectedKeys) {
        // A running traversal walks this very index: leave its layout alone.
        if (snapshot == null && table.size() == 0) {
            table.reserve(expectedKeys);
        }
    }

    // ---------------------------------------------------------------- snapshots

    @Override
    public SnapshotTraversal beginSnapshot(ObjectSnapshotHook hook) {
        if (snapshot != null) {
            throw new IllegalStateException("a snapshot of this database is running");
        }
        if (++snapshotsSinceFullPass >= 200) {
            // Entries untouched by the last 200 snapshots (all abandoned) could soon carry the next epoch.
            int current = epoch;
            table.forEach(ref -> EntryDescriptor.epoch(memory, ref, current));
            snapshotsSinceFullPass = 1;
        }
        epoch = (epoch + 1) & 0xFF;
        OffHeapSnapshot s = new OffHeapSnapshot(this, hook, epoch, memory, table, volatiles, objects);
        synchronized (releaseLock) {
            snapshot = s;
        }
        return s;
    }

    /** Called by a snapshot when it completes or is closed. */
    void snapshotEnded(OffHeapSnapshot s, boolean complete) {
        boolean free;
        synchronized (releaseLock) {
            if (snapshot != s) {
                return;
            }
            snapshot = null;
            free = releasePending;
        }
        if (complete) {
            // A complete traversal stamped every entry with its epoch.
            snapshotsSinceFullPass = 0;
        }
        if (free) {
            freeAll();
        }
    }

    /** Frees an entry that is no longer indexed, unless a running snapshot still needs its image. */
    private void retire(long ref, long expireAt) {
        OffHeapSnapshot s = snapshot;
        if (s != null && EntryDescriptor.epoch(memory, ref) != epoch) {
            s.adopt(ref, expireAt);
            return;
        }
        if ((EntryDescriptor.typeClock(memory, ref) & TYPE_MASK) != ValueType.STRING) {
            objects.remove(EntryDescriptor.valueLength(memory, ref));
        }
        memory.free(ref);
    }

    /** Called before an indexed entry changes in place: a running snapshot that has not seen it copies it. */
    private void preserve(long ref) {
        OffHeapSnapshot s = snapshot;
        if (s != null && EntryDescriptor.epoch(memory, ref) != epoch) {
            s.copyPreImage(ref);
            EntryDescriptor.epoch(memory, ref, epoch);
        }
    }

    // ---------------------------------------------------------------- iteration and sampling

    @Override
    public long scan(long cursor, EntryVisitor visitor) {
        return table.scan(cursor, visitor);
    }

    @Override
    public long scanVolatile(long cursor, EntryVisitor visitor) {
        return volatiles.scan(cursor, 1, visitor);
    }

    @Override
    public long randomEntry() {
        return table.randomEntry();
    }

    @Override
    public long randomVolatileEntry() {
        int n = volatiles.size();
        return n == 0 ? NONE : volatiles.ref((int) Long.remainderUnsigned(table.nextRandom(), n));
    }

    @Override
    public boolean rehash(int buckets) {
        return table.rehash(buckets);
    }

    // ---------------------------------------------------------------- accounting

    @Override
    public long usedMemory() {
        return memory.usedBytes() + table.reservedBytes() + volatiles.reservedBytes() + objects.bytes();
    }

    @Override
    public MemoryStats memoryStats() {
        long indexBytes = table.reservedBytes() + volatiles.reservedBytes() + objects.bytes();
        return new MemoryStats(memory.usedBytes() + indexBytes, memory.reservedBytes() + indexBytes,
                memory.usedBytes(), table.size());
    }

    @Override
    public long entryMemory(long ref) {
        int word = EntryDescriptor.typeClock(memory, ref);
        long bytes = memory.blockSize(ref) + BUCKET_BYTES;
        if ((word & EXPIRY_FLAG) != 0) {
            bytes += VOLATILE_BYTES;
        }
        if ((word & TYPE_MASK) != ValueType.STRING) {
            bytes += objects.accounted(EntryDescriptor.valueLength(memory, ref));
        }
        return bytes;
    }
}
