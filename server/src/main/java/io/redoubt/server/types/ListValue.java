package io.redoubt.server.types;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A list: elements in a circular array, so pushes and pops at either end are O(1) and so is access by
 * index (LINDEX, LSET, LRANGE's start), where Redis's quicklist walks nodes.
 *
 * <p>The encoding reported follows Redis's rule for the quicklist: "listpack" while the whole list would
 * fit one listpack node under {@code list-max-listpack-size} (an entry count when positive, a node size in
 * bytes when negative), "quicklist" beyond; a quicklist turns back into a listpack when it shrinks to half
 * the limit, as Redis 7.2 converts it back.
 */
public final class ListValue implements CollectionValue {
    /** Listpack bytes of an element: its content plus the entry's encoding and back-length bytes, roughly. */
    private static final int ENTRY_OVERHEAD = 2;
    private static final int EMPTY_LISTPACK_BYTES = 7;

    private final EncodingLimits limits;
    private byte[][] items;
    private int head;
    private int size;
    /** Sum of element lengths, for the encoding rule and memory accounting. */
    private long contentBytes;
    /** Largest node, in bytes, when list-max-listpack-size counts entries (Redis's SIZE_SAFETY_LIMIT). */
    private static final long SIZE_SAFETY_LIMIT = 8192;
    private boolean quicklist;

    public ListValue(EncodingLimits limits) {
        this.limits = limits;
        this.items = new byte[4][];
    }

    public static ListValue empty(EncodingLimits limits) {
        return new ListValue(limits);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String encoding() {
        return quicklist ? "quicklist" : "listpack";
    }

    @Override
    public long memoryUsage() {
        return 48L + items.length * 8L + contentBytes + size * 16L;
    }

    @Override
    public ListValue copy() {
        ListValue c = new ListValue(limits);
        c.items = new byte[Math.max(4, Integer.highestOneBit(Math.max(1, size - 1)) << 1)][];
        for (int i = 0; i < size; i++) {
            c.items[i] = items[(head + i) & (items.length - 1)];
        }
        c.size = size;
        c.contentBytes = contentBytes;
        c.quicklist = quicklist;
        return c;
    }

    public byte[] get(int index) {
        return items[(head + index) & (items.length - 1)];
    }

    /** LSET. As Redis's lsetCommand, the growth check counts the new value as one more element before replacing. */
    public void set(int index, byte[] value) {
        if (!quicklist && exceedsNode(size + 1, listpackBytes(size + 1, contentBytes + value.length))) {
            quicklist = true;
        }
        int slot = (head + index) & (items.length - 1);
        contentBytes += value.length - items[slot].length;
        items[slot] = value;
        updateEncoding();
    }

    public void addFirst(byte[] e) {
        grow();
        head = (head - 1) & (items.length - 1);
        items[head] = e;
        size++;
        contentBytes += e.length;
        updateEncoding();
    }

    public void addLast(byte[] e) {
        grow();
        items[(head + size) & (items.length - 1)] = e;
        size++;
        contentBytes += e.length;
        updateEncoding();
    }

    public byte[] removeFirst() {
        byte[] e = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        contentBytes -= e.length;
        shrinkIfSparse();
        updateEncoding();
        return e;
    }

    public byte[] removeLast() {
        int slot = (head + size - 1) & (items.length - 1);
        byte[] e = items[slot];
        items[slot] = null;
        size--;
        contentBytes -= e.length;
        shrinkIfSparse();
        updateEncoding();
        return e;
    }

    /** Inserts before position {@code index} (0..size), shifting the shorter side. */
    public void insert(int index, byte[] e) {
        if (index == 0) {
            addFirst(e);
            return;
        }
        if (index == size) {
            addLast(e);
            return;
        }
        byte[][] linear = toArray(size + 1);
        System.arraycopy(linear, index, linear, index + 1, size - index);
        linear[index] = e;
        replaceAll(linear, size + 1);
        contentBytes += e.length;
        updateEncoding();
    }

    /** Removes the element at {@code index}. */
    public void remove(int index) {
        byte[][] linear = toArray(size);
        contentBytes -= linear[index].length;
        System.arraycopy(linear, index + 1, linear, index, size - index - 1);
        replaceAll(linear, size - 1);
        updateEncoding();
    }

    /** Keeps only elements {@code start..end} (inclusive, already clamped, start ≤ end), as LTRIM. */
    public void trim(int start, int end) {
        int n = end - start + 1;
        byte[][] kept = new byte[Math.max(4, Integer.highestOneBit(Math.max(1, n - 1)) << 1)][];
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            kept[i] = get(start + i);
            bytes += kept[i].length;
        }
        items = kept;
        head = 0;
        size = n;
        contentBytes = bytes;
        updateEncoding();
    }

    /** Removes all elements matching {@code filter}'s keep test, returning how many were removed. */
    public int removeIf(java.util.function.IntPredicate removeAt) {
        byte[][] linear = toArray(size);
        int w = 0;
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            if (!removeAt.test(i)) {
                linear[w++] = linear[i];
                bytes += linear[i].length;
            }
        }
        int removed = size - w;
        if (removed > 0) {
            replaceAll(linear, w);
            contentBytes = bytes;
            updateEncoding();
        }
        return removed;
    }

    public void forEach(Consumer<byte[]> action) {
        for (int i = 0; i < size; i++) {
            action.accept(get(i));
        }
    }

    private byte[][] toArray(int capacity) {
        byte[][] a = new byte[Math.max(capacity, 1)][];
        for (int i = 0; i < size; i++) {
            a[i] = get(i);
        }
        return a;
    }

    private void replaceAll(byte[][] linear, int n) {
        int cap = Math.max(4, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
        items = cap == linear.length ? linear : Arrays.copyOf(linear, cap);
        Arrays.fill(items, n, items.length, null);
        head = 0;
        size = n;
    }

    private void grow() {
        if (size < items.length) {
            return;
        }
        byte[][] bigger = new byte[items.length * 2][];
        for (int i = 0; i < size; i++) {
            bigger[i] = items[(head + i) & (items.length - 1)];
        }
        items = bigger;
        head = 0;
    }

    private void shrinkIfSparse() {
        if (items.length > 64 && size < items.length / 8) {
            byte[][] smaller = new byte[items.length / 4][];
            for (int i = 0; i < size; i++) {
                smaller[i] = items[(head + i) & (items.length - 1)];
            }
            items = smaller;
            head = 0;
        }
    }

    /**
     * Redis's quicklistNodeExceedsLimit / listTypeTryConvertQuicklist: with an entry count (0 counts as 1) a
     * node is also limited to 8 KB (SIZE_SAFETY_LIMIT), so one large element makes a quicklist; converting back
     * needs half the limit.
     */
    private void updateEncoding() {
        int fill = limits.listMaxListpackSize;
        long lpBytes = listpackBytes(size, contentBytes);
        if (!quicklist) {
            quicklist = exceedsNode(size, lpBytes);
        } else if (fill >= 0 ? size <= Math.max(fill, 1) / 2 && lpBytes <= SIZE_SAFETY_LIMIT : lpBytes <= limits.listNodeBytes() / 2) {
            quicklist = false;
        }
    }

    private static long listpackBytes(int count, long content) {
        return EMPTY_LISTPACK_BYTES + content + (long) count * ENTRY_OVERHEAD;
    }

    private boolean exceedsNode(int count, long lpBytes) {
        int fill = limits.listMaxListpackSize;
        return fill >= 0 ? lpBytes > SIZE_SAFETY_LIMIT || count > Math.max(fill, 1) : lpBytes > limits.listNodeBytes();
    }
}
