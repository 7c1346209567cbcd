package io.redoubt.store;

/**
 * Layout of one keyspace entry in {@link Memory}: a fixed 29-byte header followed by the key and, for
 * strings, the value. All fields are native-order; offsets are added to the entry's reference.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |            next entry in the bucket chain (ref, 0 = end)      |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            hash (low 32 bits of the key's hash)               |  8
 *  +---------------+-----------------------------------------------+
 *  |type|E|S|s|  |            access clock (24 bits)             | 12
 *  +---------------+-----------------------------------------------+
 *  |            key length                                         | 16
 *  +---------------------------------------------------------------+
 *  |            value length (string) / object slot (other types)  | 20
 *  +---------------------------------------------------------------+
 *  |            volatile slot (valid when E is set)                | 24
 *  +---------------+-----------------------------------------------+
 *  | snapshot epoch|  key bytes ...                                | 28
 *  +---------------+                                               |
 *  |  ... value bytes (strings only) ... [slack up to block size]  |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <ul>
 * <li><b>type</b> (bits 0-3 of byte 12): a {@link ValueType} code. <b>E</b> (bit 4): the key has an expiry
 *     time, kept in {@link VolatileTable} at the volatile slot. <b>S</b> (bits 5-6): how Redis would have
 *     encoded the string when its content alone does not say ({@link Database#setStringEncoding}); any put
 *     clears it. Keeping the expiry out of the entry means
 *     setting one never moves the entry (references stay valid, as {@link Database#setExpireAt} promises),
 *     and the volatile table doubles as the index for expiry sampling.</li>
 * <li><b>access clock</b> shares a 32-bit word with the type so one load gives both.</li>
 * <li><b>hash</b> lets rehashing move entries without reading keys, and filters key comparisons.</li>
 * <li><b>value capacity</b> is not stored: it is the block size (from the size class) minus header and
 *     key, which is where {@link Database#resizeString} keeps its slack.</li>
 * <li><b>snapshot epoch</b>: the epoch of the last snapshot that has this entry's image (see
 *     {@link OffHeapSnapshot}).</li>
 * </ul>
 * A 16-byte key with a 32-byte value takes 29 + 48 = 77 bytes, an 80-byte block.
 */
final class EntryDescriptor {
    static final int NEXT_OFFSET = 0;
    static final int HASH_OFFSET = 8;
    static final int TYPE_CLOCK_OFFSET = 12;
    static final int KEY_LENGTH_OFFSET = 16;
    static final int VALUE_LENGTH_OFFSET = 20;
    static final int OBJECT_SLOT_OFFSET = VALUE_LENGTH_OFFSET;
    static final int VOLATILE_SLOT_OFFSET = 24;
    static final int EPOCH_OFFSET = 28;
    static final int HEADER_LENGTH = 29;
    static final int KEY_OFFSET = HEADER_LENGTH;

    static final int TYPE_MASK = 0x0F;
    static final int EXPIRY_FLAG = 0x10;
    static final int STRING_ENCODING_SHIFT = 5;
    static final int STRING_ENCODING_MASK = 0x60;
    static final int CLOCK_MASK = 0xFF_FFFF;

    private EntryDescriptor() {
    }

    static long entryLength(int keyLength, int valueLength) {
        return (long) HEADER_LENGTH + keyLength + valueLength;
    }

    static int typeClock(int type, boolean hasExpiry, int clock) {
        return (clock << 8) | (hasExpiry ? EXPIRY_FLAG : 0) | type;
    }

    static long next(Memory m, long ref) {
        return m.getLong(ref + NEXT_OFFSET);
    }

    static void next(Memory m, long ref, long next) {
        m.putLong(ref + NEXT_OFFSET, next);
    }

    static int hash(Memory m, long ref) {
        return m.getInt(ref + HASH_OFFSET);
    }

    static int typeClock(Memory m, long ref) {
        return m.getInt(ref + TYPE_CLOCK_OFFSET);
    }

    static void typeClock(Memory m, long ref, int word) {
        m.putInt(ref + TYPE_CLOCK_OFFSET, word);
    }

    static int type(Memory m, long ref) {
        return m.getInt(ref + TYPE_CLOCK_OFFSET) & TYPE_MASK;
    }

    static boolean hasExpiry(Memory m, long ref) {
        return (m.getInt(ref + TYPE_CLOCK_OFFSET) & EXPIRY_FLAG) != 0;
    }

    static int keyLength(Memory m, long ref) {
        return m.getInt(ref + KEY_LENGTH_OFFSET);
    }

    static int valueLength(Memory m, long ref) {
        return m.getInt(ref + VALUE_LENGTH_OFFSET);
    }

    static void valueLength(Memory m, long ref, int length) {
        m.putInt(ref + VALUE_LENGTH_OFFSET, length);
    }

    static int volatileSlot(Memory m, long ref) {
        return m.getInt(ref + VOLATILE_SLOT_OFFSET);
    }

    static void volatileSlot(Memory m, long ref, int slot) {
        m.putInt(ref + VOLATILE_SLOT_OFFSET, slot);
    }

    static int epoch(Memory m, long ref) {
        return m.getByte(ref + EPOCH_OFFSET) & 0xFF;
    }

    static void epoch(Memory m, long ref, int epoch) {
        m.putByte(ref + EPOCH_OFFSET, (byte) epoch);
    }

    static long keyRef(long ref) {
        return ref + KEY_OFFSET;
    }

    static long valueRef(Memory m, long ref) {
        return ref + KEY_OFFSET + m.getInt(ref + KEY_LENGTH_OFFSET);
    }

    /** Bytes the value may grow to in place. */
    static int valueCapacity(Memory m, long ref) {
        return m.blockSize(ref) - HEADER_LENGTH - m.getInt(ref + KEY_LENGTH_OFFSET);
    }
}
