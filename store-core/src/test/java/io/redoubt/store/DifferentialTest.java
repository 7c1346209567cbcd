package io.redoubt.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static io.redoubt.store.Database.NONE;
import static io.redoubt.store.Database.NO_EXPIRY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Millions of random operations on an {@link OffHeapDatabase} and on a {@code HashMap} model, compared
 * after every step; the key universe swells and shrinks so the index grows and shrinks many times.
 */
class DifferentialTest {

    static final class Model {
        int type;
        byte[] value;
        Object object;
        long expireAt;
        int clock;
    }

    private final OffHeapDatabase db = new OffHeapDatabase();
    private final Map<ByteBuffer, Model> model = new HashMap<>();
    private final ByteBuf scratch = Unpooled.directBuffer(1024);

    static byte[] key(int id, Random random) {
        // Lengths 1..60, shared prefixes so that comparisons must look past the first words.
        int length = 1 + (id * 7919) % 60;
        byte[] key = new byte[length];
        Arrays.fill(key, (byte) 'k');
        for (int i = 0, x = id; i < 4 && i < length; i++, x >>>= 8) {
            key[length - 1 - i] = (byte) x;
        }
        return key;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void randomOperations_matchModel(long seed) {
        Random random = new Random(seed);
        int operations = 1_000_000;
        int universe = 64;
        long base = db.usedMemory();
        for (int op = 0; op < operations; op++) {
            if (op % 100_000 == 0) {
                // Swell to many keys, then back to few: growth and shrink rehashes, page reuse.
                universe = (op / 100_000) % 2 == 0 ? 200_000 : 500;
            }
            byte[] key = key(random.nextInt(universe), random);
            ByteBuffer k = ByteBuffer.wrap(key);
            Model m = model.get(k);
            long ref = random.nextBoolean() ? db.find(key) : findViaByteBuf(key);
            if (m == null) {
                assertEquals(NONE, ref);
            } else {
                assertNotEquals(NONE, ref);
                check(ref, key, m);
            }
            int action = random.nextInt(100);
            boolean shrinking = universe < 1000 && model.size() > universe;
            if (shrinking && m == null) {
                // Delete something random so the table shrinks.
                long victim = db.randomEntry();
                if (victim != NONE) {
                    assertSame(model.remove(ByteBuffer.wrap(db.key(victim))).getClass(), Model.class);
                    db.delete(victim);
                }
            } else if (action < 35) {
                putString(key, k, random);
            } else if (action < 40) {
                Model n = new Model();
                n.type = 1 + random.nextInt(4);
                n.object = new Object();
                n.expireAt = random.nextInt(4) == 0 ? random.nextInt(1_000_000) : NO_EXPIRY;
                long r = db.putObject(key, n.type, n.object, n.expireAt);
                n.clock = db.accessClock(r);
                model.put(k, n);
            } else if (m == null) {
                continue;
            } else if (action < 55) {
                db.delete(ref);
                model.remove(k);
            } else if (action < 65) {
                long t = random.nextInt(3) == 0 ? NO_EXPIRY : random.nextInt(1_000_000);
                db.setExpireAt(ref, t);
                m.expireAt = t;
            } else if (action < 70) {
                int clock = random.nextInt(1 << 24);
                db.setAccessClock(ref, clock);
                m.clock = clock;
            } else if (action < 85 && m.type == ValueType.STRING) {
                int length = random.nextInt(10) == 0 ? random.nextInt(20_000) : random.nextInt(200);
                long r = db.resizeString(ref, length);
                byte[] v = Arrays.copyOf(m.value, length);
                if (length > 0) {
                    int at = random.nextInt(length);
                    int n = Math.min(length - at, 1 + random.nextInt(16));
                    for (int i = 0; i < n; i++) {
                        v[at + i] = (byte) random.nextInt();
                    }
                    if (random.nextBoolean()) {
                        db.setValueBytes(r, at, v, at, n);
                    } else {
                        scratch.clear().writeBytes(v, at, n);
                        db.setValueBytes(r, at, scratch, 0, n);
                    }
                    db.setValueByte(r, 0, v[0]);
                }
                m.value = v;
            } else if (action < 90) {
                long r = db.randomEntry();
                Model x = model.get(ByteBuffer.wrap(db.key(r)));
                check(r, db.key(r), x);
                if (db.volatileSize() > 0) {
                    r = db.randomVolatileEntry();
                    assertNotEquals(NO_EXPIRY, model.get(ByteBuffer.wrap(db.key(r))).expireAt);
                }
            } else {
                db.rehash(random.nextInt(5));
            }
            if (op % 100_000 == 0) {
                checkAll();
            }
        }
        checkAll();
        for (Map.Entry<ByteBuffer, Model> e : model.entrySet()) {
            db.delete(db.find(e.getKey().array()));
        }
        model.clear();
        while (db.rehash(1000)) {
            // finish the last shrink
        }
        assertEquals(0, db.size());
        assertEquals(0, db.volatileSize());
        assertEquals(base, db.usedMemory(), "memory back to baseline after deleting every key");
        db.release();
    }

    private long findViaByteBuf(byte[] key) {
        scratch.clear().writeBytes(new byte[]{1, 2}).writeBytes(key);
        return db.find(scratch, 2, key.length);
    }

    private void putString(byte[] key, ByteBuffer k, Random random) {
        int length = random.nextInt(20) == 0 ? random.nextInt(300_000) : random.nextInt(100);
        byte[] value = new byte[length];
        random.nextBytes(value);
        Model n = new Model();
        n.type = ValueType.STRING;
        n.value = value;
        n.expireAt = random.nextInt(3) == 0 ? random.nextInt(1_000_000) : NO_EXPIRY;
        long r;
        int how = random.nextInt(3);
        if (how == 0) {
            r = db.putString(key, value, n.expireAt);
        } else if (how == 1) {
            ByteBuf kb = Unpooled.wrappedBuffer(key);
            ByteBuf vb = Unpooled.wrappedBuffer(value);
            r = db.putString(kb, 0, key.length, vb, 0, length, n.expireAt);
        } else {
            ByteBuf kb = Unpooled.wrappedBuffer(key);
            r = db.putZeroString(kb, 0, key.length, length, n.expireAt);
            db.setValueBytes(r, 0, value, 0, length);
        }
        n.clock = db.accessClock(r);
        model.put(k, n);
    }

    private void check(long ref, byte[] key, Model m) {
        assertArrayEquals(key, db.key(ref));
        assertEquals(key.length, db.keyLength(ref));
        assertEquals(m.type, db.type(ref));
        assertEquals(m.expireAt, db.expireAt(ref));
        assertEquals(m.clock, db.accessClock(ref));
        if (m.type == ValueType.STRING) {
            assertEquals(m.value.length, db.valueLength(ref));
            byte[] v = new byte[m.value.length];
            db.copyValue(ref, 0, v, 0, v.length);
            assertArrayEquals(m.value, v);
        } else {
            assertSame(m.object, db.object(ref));
        }
        assertTrue(db.entryMemory(ref) >= EntryDescriptor.HEADER_LENGTH + key.length);
    }

    private void checkAll() {
        assertEquals(model.size(), db.size());
        long volatileKeys = model.values().stream().filter(m -> m.expireAt != NO_EXPIRY).count();
        assertEquals(volatileKeys, db.volatileSize());
        IndexChecks.checkStructure(db);
        for (Map.Entry<ByteBuffer, Model> e : model.entrySet()) {
            long ref = db.find(e.getKey().array());
            check(ref, e.getKey().array(), e.getValue());
        }
    }
}
