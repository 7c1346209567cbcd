package io.redoubt.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The keys that have an expiry time: a dense off-heap array of {@code (entry ref, expireAt)} records, as
 * Redis's {@code db->expires} dict but without hashing, since each volatile entry stores its slot.
 *
 * <h2>Design notes</h2>
 * <ul>
 * <li>Removal moves the last record into the hole and tells the moved entry its new slot, so the array
 *     stays dense: a uniformly random volatile key is one random index, O(1), which is what active expiry
 *     and {@code volatile-*} eviction sample.</li>
 * <li>{@link #scan} walks slots downwards. A record only ever moves from the end into a hole, i.e. to a
 *     lower slot; a record not yet visited (below the cursor) therefore stays below it, and a visited one
 *     that moves down is at worst visited twice. So every key volatile for the whole scan is seen, as
 *     Redis's SCAN promises.</li>
 * <li>Records live in chunks of 64 Ki records (1 MiB); only the first chunk grows by copying (up to
 *     1 MiB), so a table of ten million expiring keys grows without a long copy.</li>
 * </ul>
 */
final class VolatileTable {
    private static final int RECORD = 16;
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK_RECORDS = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_RECORDS - 1;
    private static final int FIRST_CAPACITY = 16;

    private final Memory memory;
    private ByteBuffer[] chunks = new ByteBuffer[1];
    private int capacity;
    private int size;

    VolatileTable(Memory memory) {
        this.memory = memory;
    }

    int size() {
        return size;
    }

    long reservedBytes() {
        return (long) capacity * RECORD;
    }

    long ref(int slot) {
        return chunks[slot >>> CHUNK_SHIFT].getLong((slot & CHUNK_MASK) * RECORD);
    }

    long expireAt(int slot) {
        return chunks[slot >>> CHUNK_SHIFT].getLong((slot & CHUNK_MASK) * RECORD + 8);
    }

    void expireAt(int slot, long unixTimeMs) {
        chunks[slot >>> CHUNK_SHIFT].putLong((slot & CHUNK_MASK) * RECORD + 8, unixTimeMs);
    }

    /** The entry at {@code slot} has moved to {@code ref}. */
    void ref(int slot, long ref) {
        chunks[slot >>> CHUNK_SHIFT].putLong((slot & CHUNK_MASK) * RECORD, ref);
    }

    /** Adds a record and returns its slot; the caller stores the slot in the entry. */
    int add(long ref, long expireAt) {
        if (size == capacity) {
            grow();
        }
        int slot = size++;
        ByteBuffer chunk = chunks[slot >>> CHUNK_SHIFT];
        int off = (slot & CHUNK_MASK) * RECORD;
        chunk.putLong(off, ref);
        chunk.putLong(off + 8, expireAt);
        return slot;
    }

    /** Removes the record at {@code slot}, moving the last record into it. */
    void remove(int slot) {
        int last = --size;
        if (slot != last) {
            long moved = ref(last);
            ref(slot, moved);
            expireAt(slot, expireAt(last));
            EntryDescriptor.volatileSlot(memory, moved, slot);
        }
        if (capacity > CHUNK_RECORDS) {
            if (size < capacity - CHUNK_RECORDS - CHUNK_RECORDS / 2) {
                chunks[(capacity >>> CHUNK_SHIFT) - 1] = null;
                capacity -= CHUNK_RECORDS;
            }
        } else if (size == 0) {
            clear();
        } else if (capacity > FIRST_CAPACITY && size < capacity / 4) {
            resizeFirstChunk(capacity / 2);
        }
    }

    void clear() {
        chunks = new ByteBuffer[1];
        capacity = 0;
        size = 0;
    }

    /**
     * Visits up to {@code count} records downwards from the cursor. Cursor 0 starts at the top; the
     * returned cursor is the next slot + 1, or 0 when the scan is complete.
     */
    long scan(long cursor, int count, Database.EntryVisitor visitor) {
        long slot = cursor == 0 ? size - 1L : Math.min(cursor - 1, size - 1L);
        for (int i = 0; i < count && slot >= 0; i++, slot--) {
            visitor.visit(ref((int) slot));
        }
        return slot < 0 ? 0 : slot + 1;
    }

    private void resizeFirstChunk(int records) {
        ByteBuffer next = ByteBuffer.allocateDirect(records * RECORD).order(ByteOrder.nativeOrder());
        if (size > 0) {
            next.put(0, chunks[0], 0, size * RECORD);
        }
        chunks[0] = next;
        capacity = records;
    }

    private void grow() {
        if (capacity < CHUNK_RECORDS) {
            resizeFirstChunk(capacity == 0 ? FIRST_CAPACITY : capacity * 2);
            return;
        }
        int index = capacity >>> CHUNK_SHIFT;
        if (index == chunks.length) {
            chunks = Arrays.copyOf(chunks, index * 2);
        }
        chunks[index] = ByteBuffer.allocateDirect(CHUNK_RECORDS * RECORD).order(ByteOrder.nativeOrder());
        capacity += CHUNK_RECORDS;
    }
}
