package io.redoubt.store;

import java.lang.reflect.Field;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Structural checks of an {@link OffHeapDatabase}'s internals, for tests. */
final class IndexChecks {
    private IndexChecks() {
    }

    static <T> T field(Object owner, String name, Class<T> type) {
        try {
            Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return type.cast(f.get(owner));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Every entry hashes to the hash it stores, is found where it lives, and volatile slots agree. */
    static void checkStructure(OffHeapDatabase db) {
        HashIndex index = field(db, "table", HashIndex.class);
        Memory memory = field(db, "memory", Memory.class);
        VolatileTable volatiles = field(db, "volatiles", VolatileTable.class);
        int[] count = {0};
        index.forEach(ref -> {
            count[0]++;
            int keyLength = EntryDescriptor.keyLength(memory, ref);
            int hash = Hashing.hash(memory.page(ref), (int) ref + EntryDescriptor.KEY_OFFSET, keyLength);
            assertEquals(hash, EntryDescriptor.hash(memory, ref), "stored hash");
            assertEquals(ref, db.find(db.key(ref)), "found in its bucket");
            if (EntryDescriptor.hasExpiry(memory, ref)) {
                assertEquals(ref, volatiles.ref(EntryDescriptor.volatileSlot(memory, ref)), "volatile slot");
            }
        });
        assertEquals(index.size(), count[0]);
    }
}
