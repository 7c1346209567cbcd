package io.redoubt.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.redoubt.store.Database.NONE;
import static io.redoubt.store.Database.NO_EXPIRY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A traversal hands every entry of its starting moment exactly once, with its starting value and expiry,
 * whatever writes, deletes, expiry deletes, resizes and rehashes happen while it runs.
 */
class SnapshotTest {
    private final OffHeapDatabase db = new OffHeapDatabase();

    @AfterEach
    void release() {
        db.release();
    }

    /** What an entry looked like: string bytes or a copy of an int[] object, and the expiry. */
    record Image(int type, byte[] value, long expireAt) {
    }

    /** Copy-on-write for the int[] "collections" of these tests. */
    static final ObjectSnapshotHook COPY_ARRAYS = (type, value) -> ((int[]) value).clone();

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytesOf(int[] array) {
        ByteBuffer buf = ByteBuffer.allocate(array.length * 4);
        buf.asIntBuffer().put(array);
        return buf.array();
    }

    private Map<ByteBuffer, Image> imageOfDatabase() {
        Map<ByteBuffer, Image> images = new HashMap<>();
        long cursor = 0;
        do {
            cursor = db.scan(cursor, ref -> images.put(ByteBuffer.wrap(db.key(ref)), image(ref)));
        } while (cursor != 0);
        assertEquals(db.size(), images.size());
        return images;
    }

    private Image image(long ref) {
        int type = db.type(ref);
        byte[] value;
        if (type == ValueType.STRING) {
            value = new byte[db.valueLength(ref)];
            db.copyValue(ref, 0, value, 0, value.length);
        } else {
            value = bytesOf((int[]) db.object(ref));
        }
        return new Image(type, value, db.expireAt(ref));
    }

    private static void collect(SnapshotEntry e, Map<ByteBuffer, Image> handed) {
        byte[] value;
        if (e.type() == ValueType.STRING) {
            value = new byte[e.valueLength()];
            e.copyValue(0, value, 0, value.length);
        } else {
            value = bytesOf((int[]) e.object());
        }
        Image previous = handed.put(ByteBuffer.wrap(e.key()), new Image(e.type(), value, e.expireAt()));
        assertNull(previous, "handed twice: " + new String(e.key(), StandardCharsets.UTF_8));
    }

    private static void assertSameImages(Map<ByteBuffer, Image> expected, Map<ByteBuffer, Image> actual) {
        assertEquals(expected.size(), actual.size(), "entry count");
        for (Map.Entry<ByteBuffer, Image> e : expected.entrySet()) {
            Image a = actual.get(e.getKey());
            assertNotNull(a, "missed " + new String(e.getKey().array(), StandardCharsets.UTF_8));
            assertEquals(e.getValue().type(), a.type());
            assertEquals(e.getValue().expireAt(), a.expireAt());
            assertArrayEquals(e.getValue().value(), a.value());
        }
    }

    private void populate(Random random, int keys) {
        for (int i = 0; i < keys; i++) {
            long expireAt = random.nextInt(3) == 0 ? 1_000 + random.nextInt(1_000) : NO_EXPIRY;
            if (random.nextInt(10) == 0) {
                db.putObject(b("key:" + i), ValueType.LIST, new int[]{i, random.nextInt()}, expireAt);
            } else {
                byte[] value = new byte[random.nextInt(60)];
                random.nextBytes(value);
                db.putString(b("key:" + i), value, expireAt);
            }
        }
    }

    @Test
    void snapshot_withoutWritesHandsEveryEntryOnce() {
        populate(new Random(1), 10_000);
        Map<ByteBuffer, Image> start = imageOfDatabase();
        Map<ByteBuffer, Image> handed = new HashMap<>();
        SnapshotTraversal t = db.beginSnapshot(COPY_ARRAYS);
        while (t.step(100, e -> collect(e, handed))) {
            // keep going
        }
        assertTrue(t.isDone());
        assertEquals(10_000, t.entriesVisited());
        assertSameImages(start, handed);
        assertThrows(IllegalStateException.class, () -> t.step(1, e -> { }));
    }

    @Test
    void beginSnapshot_twiceIsRefused() {
        populate(new Random(2), 10);
        SnapshotTraversal t = db.beginSnapshot();
        assertThrows(IllegalStateException.class, db::beginSnapshot);
        t.close();
        db.beginSnapshot().close();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void snapshot_isPointInTimeUnderWritesDeletesAndRehash(long seed) {
        Random random = new Random(seed);
        int keys = 20_000;
        populate(random, keys);
        long baseline = new OffHeapDatabase().usedMemory();
        Map<ByteBuffer, Image> start = imageOfDatabase();
        Map<ByteBuffer, Image> handed = new HashMap<>();
        SnapshotTraversal t = db.beginSnapshot(COPY_ARRAYS);
        int nextKey = keys;
        boolean deleteHeavy = seed % 2 == 0;
        do {
            int writes = random.nextInt(200);
            for (int i = 0; i < writes; i++) {
                mutate(random, random.nextInt(nextKey), deleteHeavy);
                if (random.nextInt(deleteHeavy ? 8 : 3) == 0) {
                    // New keys grow the table and start rehashes while the traversal runs.
                    db.putString(b("key:" + nextKey++), b("new"), NO_EXPIRY);
                }
            }
            if (random.nextInt(5) == 0) {
                db.rehash(random.nextInt(20));
            }
        } while (t.step(1 + random.nextInt(50), e -> collect(e, handed)));
        assertSameImages(start, handed);
        IndexChecks.checkStructure(db);
        // Old images were freed: deleting everything brings memory back to an empty database's.
        List<byte[]> all = new ArrayList<>();
        long cursor = 0;
        do {
            cursor = db.scan(cursor, ref -> all.add(db.key(ref)));
        } while (cursor != 0);
        for (byte[] key : all) {
            long ref = db.find(key);
            if (ref != NONE) {
                db.delete(ref);
            }
        }
        while (db.rehash(1000)) {
            // finish shrinking
        }
        assertEquals(0, db.size());
        assertEquals(baseline, db.usedMemory());
    }

    private void mutate(Random random, int id, boolean deleteHeavy) {
        byte[] key = b("key:" + id);
        long ref = db.find(key);
        if (ref == NONE) {
            return;
        }
        int action = random.nextInt(deleteHeavy ? 12 : 10);
        switch (action) {
            case 0 -> db.putString(key, b("overwritten-" + random.nextInt()), NO_EXPIRY);
            case 1 -> db.putString(key, new byte[random.nextInt(500)], random.nextInt(1000));
            case 2 -> db.setExpireAt(ref, random.nextBoolean() ? NO_EXPIRY : 5_000 + random.nextInt(100));
            case 3 -> {
                if (db.type(ref) == ValueType.STRING) {
                    db.resizeString(ref, random.nextInt(300));
                }
            }
            case 4 -> {
                if (db.type(ref) == ValueType.STRING && db.valueLength(ref) > 0) {
                    db.setValueByte(ref, 0, (byte) 0x55);
                    db.setValueBytes(ref, 0, b("XY"), 0, Math.min(2, db.valueLength(ref)));
                }
            }
            case 5 -> {
                if (db.type(ref) != ValueType.STRING) {
                    db.beforeObjectWrite(ref);
                    ((int[]) db.object(ref))[0] = -1;
                }
            }
            case 6 -> db.putObject(key, ValueType.SET, new int[]{7}, NO_EXPIRY);
            case 7 -> db.setAccessClock(ref, random.nextInt(1 << 24));
            default -> db.delete(ref); // also what the server's expiry does
        }
    }

    @Test
    void clear_duringSnapshotKeepsTheOldImage() {
        populate(new Random(7), 5_000);
        Map<ByteBuffer, Image> start = imageOfDatabase();
        Map<ByteBuffer, Image> handed = new HashMap<>();
        SnapshotTraversal t = db.beginSnapshot(COPY_ARRAYS);
        t.step(1000, e -> collect(e, handed));
        db.clear();
        assertEquals(0, db.size());
        db.putString(b("key:1"), b("after flush"), NO_EXPIRY);
        while (t.step(100, e -> collect(e, handed))) {
            // keep going
        }
        assertSameImages(start, handed);
        assertEquals(1, db.size());
        db.beginSnapshot().close();
    }

    @Test
    void release_ofDetachedDatabaseWaitsForItsSnapshot() throws Exception {
        Keyspace keyspace = new Keyspace(1, Databases.offHeap());
        Database live = keyspace.db(0);
        for (int i = 0; i < 1000; i++) {
            live.putString(b("k" + i), b("v" + i), NO_EXPIRY);
        }
        SnapshotTraversal t = live.beginSnapshot();
        Database detached = keyspace.detach(0);
        Thread lazyFree = new Thread(detached::release);
        lazyFree.start();
        lazyFree.join();
        assertEquals(1000, detached.size(), "still intact for the snapshot");
        int[] count = {0};
        while (t.step(64, e -> count[0]++)) {
            // keep going
        }
        assertEquals(1000, count[0]);
        assertEquals(0, detached.size(), "freed when the snapshot ended");
    }

    @Test
    void abandonedSnapshots_doNotConfuseLaterOnes() {
        populate(new Random(9), 2_000);
        Map<ByteBuffer, Image> start = imageOfDatabase();
        Random random = new Random(9);
        // 511 abandoned: the next snapshot gets epoch 0 again, the stamp of entries no traversal reached.
        for (int i = 0; i < 511; i++) {
            SnapshotTraversal t = db.beginSnapshot(COPY_ARRAYS);
            t.step(random.nextInt(50), e -> { });
            t.close();
            assertTrue(t.isDone());
        }
        Map<ByteBuffer, Image> handed = new HashMap<>();
        SnapshotTraversal t = db.beginSnapshot(COPY_ARRAYS);
        while (t.step(100, e -> collect(e, handed))) {
            // keep going
        }
        assertSameImages(start, handed);
    }

    @Test
    void closedSnapshot_stopsCopying() {
        populate(new Random(3), 1_000);
        long before = db.usedMemory();
        SnapshotTraversal t = db.beginSnapshot();
        long ref = db.find(b("key:1"));
        if (db.type(ref) == ValueType.STRING) {
            db.setExpireAt(ref, 42);
        }
        t.close();
        db.setExpireAt(db.find(b("key:2")), 43);
        assertTrue(db.usedMemory() <= before + 64, "no image kept after close");
        assertTrue(t.isDone());
    }
}
