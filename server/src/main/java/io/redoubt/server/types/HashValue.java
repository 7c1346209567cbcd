package io.redoubt.server.types;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A hash: fields and values in two parallel dense arrays, with an open-addressing index over them once the
 * hash is large.
 *
 * <p>Design notes. While small ("listpack", as Redis's) there is no index: look-ups scan the arrays, which
 * keep insertion order, and a deletion shifts the tail down so the order stays the one Redis's listpack
 * replies in. Past {@code hash-max-listpack-entries} fields, or a field or value longer than
 * {@code hash-max-listpack-value} bytes, the hash becomes a "hashtable" for good (Redis never converts back):
 * an index of {@code int} slots (entry position + 1, 0 = free, linear probing) is built, and deletion moves
 * the last entry into the hole. The dense arrays give HRANDFIELD O(1) random access, and give HSCAN a
 * stable cursor: it walks positions downwards, and since a deletion only ever moves the last entry to a
 * lower position, every entry present for the whole scan is returned (see {@link #scan}). Look-ups take the
 * field straight from the request buffer, so HGET/HSET allocate nothing to find a field.
 */
public final class HashValue implements MemberRemoval {
    private static final int ENTRY_OVERHEAD = 16;

    private final EncodingLimits limits;
    private byte[][] fields;
    private byte[][] values;
    private int size;
    /** Index of the hashtable encoding; null while a listpack. */
    private int[] slots;
    private int[] hashes;
    private long contentBytes;

    public HashValue(EncodingLimits limits) {
        this.limits = limits;
        this.fields = new byte[4][];
        this.values = new byte[4][];
    }

    public static HashValue empty(EncodingLimits limits) {
        return new HashValue(limits);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String encoding() {
        return slots == null ? "listpack" : "hashtable";
    }

    public boolean isListpack() {
        return slots == null;
    }

    @Override
    public long memoryUsage() {
        long index = slots == null ? 0 : slots.length * 4L + hashes.length * 4L;
        return 64L + fields.length * 16L + index + contentBytes + size * (long) ENTRY_OVERHEAD;
    }

    @Override
    public HashValue copy() {
        HashValue c = new HashValue(limits);
        c.fields = Arrays.copyOf(fields, fields.length);
        c.values = Arrays.copyOf(values, values.length);
        c.size = size;
        c.contentBytes = contentBytes;
        if (slots != null) {
            c.slots = slots.clone();
            c.hashes = hashes.clone();
        }
        return c;
    }

    public byte[] fieldAt(int position) {
        return fields[position];
    }

    public byte[] valueAt(int position) {
        return values[position];
    }

    // ------------------------------------------------------------ look-up

    /** Position of {@code field}, or -1. */
    public int find(byte[] field) {
        if (slots == null) {
            for (int i = 0; i < size; i++) {
                if (Arrays.equals(fields[i], field)) {
                    return i;
                }
            }
            return -1;
        }
        int h = hash(field);
        int mask = slots.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int e = slots[s] - 1;
            if (e < 0) {
                return -1;
            }
            if (hashes[e] == h && Arrays.equals(fields[e], field)) {
                return e;
            }
        }
    }

    /** Position of the field held in {@code buf} at {@code index}..+{@code length}, or -1; allocates nothing. */
    public int find(ByteBuf buf, int index, int length) {
        if (slots == null) {
            for (int i = 0; i < size; i++) {
                if (equal(fields[i], buf, index, length)) {
                    return i;
                }
            }
            return -1;
        }
        int h = hash(buf, index, length);
        int mask = slots.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int e = slots[s] - 1;
            if (e < 0) {
                return -1;
            }
            if (hashes[e] == h && equal(fields[e], buf, index, length)) {
                return e;
            }
        }
    }

    public byte[] get(byte[] field) {
        int i = find(field);
        return i < 0 ? null : values[i];
    }

    // ------------------------------------------------------------ changes

    /** Converts to a hashtable ahead of loading {@code pairs} fields past hash-max-listpack-entries (RDB, RESTORE). */
    public void prepareFor(long pairs) {
        if (slots == null && pairs > limits.hashMaxListpackEntries) {
            convert();
        }
    }

    /**
     * Converts to a hashtable ahead of a write that would pass the thresholds, as Redis's
     * hashTypeTryConversion: any of the arguments {@code from..to} longer than hash-max-listpack-value, or
     * more new pairs than hash-max-listpack-entries (counted before duplicates are known).
     */
    public void prepareFor(io.redoubt.resp.CommandArgs a, int from, int to) {
        if (slots != null) {
            return;
        }
        if ((to - from + 1) / 2 > limits.hashMaxListpackEntries) {
            convert();
            return;
        }
        long max = limits.hashMaxListpackValue;
        for (int i = from; i <= to; i++) {
            if (a.length(i) > max) {
                convert();
                return;
            }
        }
    }

    /** Sets {@code field} to {@code value}; true when the field is new. */
    public boolean put(byte[] field, byte[] value) {
        if (slots == null && (field.length > limits.hashMaxListpackValue || value.length > limits.hashMaxListpackValue)) {
            convert();
        }
        int i = find(field);
        if (i >= 0) {
            contentBytes += value.length - values[i].length;
            values[i] = value;
            return false;
        }
        if (size == fields.length) {
            int cap = fields.length * 2;
            fields = Arrays.copyOf(fields, cap);
            values = Arrays.copyOf(values, cap);
        }
        fields[size] = field;
        values[size] = value;
        contentBytes += field.length + value.length;
        size++;
        if (slots != null) {
            if (hashes.length < fields.length) {
                hashes = Arrays.copyOf(hashes, fields.length);
            }
            hashes[size - 1] = hash(field);
            if (size * 2 > slots.length) {
                rebuildIndex(slots.length * 2);
            } else {
                insertSlot(size - 1);
            }
        } else if (size > limits.hashMaxListpackEntries) {
            convert();
        }
        return true;
    }

    /** Replaces the value at {@code position}. */
    public void setValueAt(int position, byte[] value) {
        if (slots == null && value.length > limits.hashMaxListpackValue) {
            convert();
        }
        contentBytes += value.length - values[position].length;
        values[position] = value;
    }

    /** Deletes the entry at {@code position}. */
    public void removeAt(int position) {
        contentBytes -= fields[position].length + values[position].length;
        int last = size - 1;
        if (slots == null) {
            System.arraycopy(fields, position + 1, fields, position, last - position);
            System.arraycopy(values, position + 1, values, position, last - position);
            fields[last] = null;
            values[last] = null;
            size--;
            shrinkIfSparse();
            return;
        }
        deleteSlot(position);
        if (position != last) {
            int s = slotOf(last);
            slots[s] = position + 1;
            fields[position] = fields[last];
            values[position] = values[last];
            hashes[position] = hashes[last];
        }
        fields[last] = null;
        values[last] = null;
        size--;
    }

    /** Looks the field up in place in the request, without copying it. */
    @Override
    public boolean removeMember(io.redoubt.resp.CommandArgs a, int i) {
        int at = find(a.buf(), a.offset(i), a.length(i));
        if (at < 0) {
            return false;
        }
        removeAt(at);
        return true;
    }

    /** Deletes {@code field}; true when it was there. */
    public boolean remove(byte[] field) {
        int i = find(field);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Every field and value, in listpack order while small. */
    public void forEach(BiConsumer<byte[], byte[]> action) {
        for (int i = 0; i < size; i++) {
            action.accept(fields[i], values[i]);
        }
    }

    /**
     * One HSCAN step over a hashtable: visits positions below {@code cursor} downwards (cursor 0 starts at
     * the end), at most {@code count}; returns the next cursor, 0 when done. The cursor counts the
     * positions still to visit, which only the last entries leave by deletion: an entry present throughout
     * stays below the cursor until visited.
     */
    public long scan(long cursor, long count, java.util.function.IntConsumer visitor) {
        long next = cursor == 0 || Long.compareUnsigned(cursor, size) > 0 ? size : cursor;
        for (long n = 0; n < count && next > 0; n++) {
            visitor.accept((int) --next);
        }
        return next;
    }

    // ------------------------------------------------------------ index

    private void convert() {
        hashes = new int[fields.length];
        for (int i = 0; i < size; i++) {
            hashes[i] = hash(fields[i]);
        }
        rebuildIndex(Math.max(8, Integer.highestOneBit(Math.max(1, size * 2 - 1)) << 1));
    }

    private void rebuildIndex(int capacity) {
        slots = new int[capacity];
        for (int i = 0; i < size; i++) {
            insertSlot(i);
        }
    }

    private void insertSlot(int entry) {
        int mask = slots.length - 1;
        int s = hashes[entry] & mask;
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = entry + 1;
    }

    private int slotOf(int entry) {
        int mask = slots.length - 1;
        int s = hashes[entry] & mask;
        while (slots[s] != entry + 1) {
            s = (s + 1) & mask;
        }
        return s;
    }

    /** Frees the slot of {@code entry}, shifting later members of its probe run back (no tombstones). */
    private void deleteSlot(int entry) {
        int mask = slots.length - 1;
        int hole = slotOf(entry);
        int s = hole;
        while (true) {
            s = (s + 1) & mask;
            int e = slots[s] - 1;
            if (e < 0) {
                break;
            }
            int home = hashes[e] & mask;
            // Move e into the hole unless its home lies cyclically in (hole, s].
            boolean homeBetween = hole <= s ? (home > hole && home <= s) : (home > hole || home <= s);
            if (!homeBetween) {
                slots[hole] = slots[s];
                hole = s;
            }
        }
        slots[hole] = 0;
    }

    private void shrinkIfSparse() {
        if (fields.length > 64 && size < fields.length / 8) {
            fields = Arrays.copyOf(fields, fields.length / 4);
            values = Arrays.copyOf(values, values.length / 4);
        }
    }

    private static int hash(byte[] b) {
        int h = 0x9747b28c;
        for (byte x : b) {
            h = (h ^ x) * 0x01000193;
        }
        return spread(h);
    }

    private static int hash(ByteBuf buf, int index, int length) {
        int h = 0x9747b28c;
        for (int i = 0; i < length; i++) {
            h = (h ^ buf.getByte(index + i)) * 0x01000193;
        }
        return spread(h);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static boolean equal(byte[] f, ByteBuf buf, int index, int length) {
        if (f.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (f[i] != buf.getByte(index + i)) {
                return false;
            }
        }
        return true;
    }
}
