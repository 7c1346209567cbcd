package io.redoubt.store;

import java.util.Arrays;

/**
 * On-heap values of non-string entries (lists, hashes, sets...), in numbered slots so that an off-heap
 * entry can name its value with an int. Free slots are chained through {@link #nextFree}; the memory each
 * object was last accounted for is kept per slot so the total stays exact when an object changes size.
 */
final class ObjectTable {
    static final long DEFAULT_OBJECT_BYTES = 64;
    /** Per-slot overhead: the reference, the accounting long and the free-list int. */
    static final long SLOT_BYTES = 8 + 8 + 4;

    private Object[] objects = new Object[0];
    private long[] accounted = new long[0];
    private int[] nextFree = new int[0];
    private int freeHead = -1;
    private int top;
    private int count;
    private long bytes;

    int add(Object value) {
        int slot;
        if (freeHead >= 0) {
            slot = freeHead;
            freeHead = nextFree[slot];
        } else {
            if (top == objects.length) {
                int n = Math.max(16, top * 2);
                objects = Arrays.copyOf(objects, n);
                accounted = Arrays.copyOf(accounted, n);
                nextFree = Arrays.copyOf(nextFree, n);
            }
            slot = top++;
        }
        objects[slot] = value;
        long size = measure(value);
        accounted[slot] = size;
        bytes += size;
        count++;
        return slot;
    }

    Object get(int slot) {
        return objects[slot];
    }

    void remove(int slot) {
        bytes -= accounted[slot];
        objects[slot] = null;
        accounted[slot] = 0;
        nextFree[slot] = freeHead;
        freeHead = slot;
        if (--count == 0 && objects.length > 16) {
            // Give the slot arrays back after a mass delete; a table that only ever holds a few stays put.
            clear();
        }
    }

    long accounted(int slot) {
        return accounted[slot];
    }

    void remeasure(int slot) {
        long size = measure(objects[slot]);
        bytes += size - accounted[slot];
        accounted[slot] = size;
    }

    /** Bytes of live objects plus the table itself. */
    long bytes() {
        return bytes + objects.length * SLOT_BYTES;
    }

    int count() {
        return count;
    }

    void clear() {
        objects = new Object[0];
        accounted = new long[0];
        nextFree = new int[0];
        freeHead = -1;
        top = 0;
        count = 0;
        bytes = 0;
    }

    static long measure(Object value) {
        return value instanceof AccountedObject a ? a.memoryUsage() : DEFAULT_OBJECT_BYTES;
    }
}
