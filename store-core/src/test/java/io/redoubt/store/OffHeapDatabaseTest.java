package io.redoubt.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static io.redoubt.store.Database.NONE;
import static io.redoubt.store.Database.NO_EXPIRY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffHeapDatabaseTest {
    private final OffHeapDatabase db = new OffHeapDatabase();

    @AfterEach
    void release() {
        db.release();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ByteBuf buf(String s) {
        // Offset the bytes inside the buffer so absolute indexes are exercised.
        ByteBuf buf = Unpooled.directBuffer(64);
        buf.writeBytes(b("xxx")).writeBytes(b(s));
        return buf;
    }

    String value(long ref) {
        byte[] v = new byte[db.valueLength(ref)];
        db.copyValue(ref, 0, v, 0, v.length);
        return new String(v, StandardCharsets.UTF_8);
    }

    @Test
    void find_absentKey() {
        assertEquals(NONE, db.find(b("nope")));
        assertEquals(NONE, db.find(buf("nope"), 3, 4));
        assertEquals(0, db.size());
    }

    @Test
    void putString_thenFindByBytesAndByteBuf() {
        long ref = db.putString(b("hello"), b("world"), NO_EXPIRY);
        assertNotEquals(NONE, ref);
        assertEquals(ref, db.find(b("hello")));
        assertEquals(ref, db.find(buf("hello"), 3, 5));
        assertEquals(ValueType.STRING, db.type(ref));
        assertEquals(5, db.keyLength(ref));
        assertArrayEquals(b("hello"), db.key(ref));
        assertEquals("world", value(ref));
        assertEquals(NO_EXPIRY, db.expireAt(ref));
        assertEquals(1, db.size());
        assertEquals(0, db.volatileSize());
        assertNull(db.object(ref));
    }

    @Test
    void putString_byteBufVariant() {
        ByteBuf key = buf("a-rather-long-key-of-more-than-sixteen-bytes");
        ByteBuf value = buf("v");
        long ref = db.putString(key, 3, key.readableBytes() - 3, value, 3, 1, 1234);
        assertEquals(ref, db.find(b("a-rather-long-key-of-more-than-sixteen-bytes")));
        assertEquals("v", value(ref));
        assertEquals(1234, db.expireAt(ref));
        assertEquals(1, db.volatileSize());
    }

    @Test
    void putString_replacesAndKeepsOneKey() {
        db.putString(b("k"), b("one"), 10);
        long ref = db.putString(b("k"), b("two"), NO_EXPIRY);
        assertEquals("two", value(ref));
        assertEquals(1, db.size());
        assertEquals(NO_EXPIRY, db.expireAt(ref), "a put sets the expiry it is given");
        assertEquals(0, db.volatileSize());
        ref = db.putString(b("k"), new byte[5000], 99);
        assertEquals(5000, db.valueLength(ref));
        assertEquals(99, db.expireAt(ref));
        assertEquals(1, db.volatileSize());
        ref = db.putString(b("k"), b("small"), 98);
        assertEquals("small", value(ref));
        assertEquals(98, db.expireAt(ref));
        assertEquals(1, db.size());
    }

    @Test
    void putString_replacesObject() {
        db.putObject(b("k"), ValueType.LIST, new Object(), NO_EXPIRY);
        long ref = db.putString(b("k"), b("s"), NO_EXPIRY);
        assertEquals(ValueType.STRING, db.type(ref));
        assertEquals(1, db.size());
    }

    @Test
    void emptyKeyAndEmptyValue() {
        long ref = db.putString(new byte[0], new byte[0], NO_EXPIRY);
        assertEquals(ref, db.find(new byte[0]));
        assertEquals(0, db.valueLength(ref));
        assertEquals(0, db.keyLength(ref));
    }

    @Test
    void copyKey_and_copyValue_toByteBuf() {
        long ref = db.putString(b("key"), b("0123456789"), NO_EXPIRY);
        ByteBuf dst = Unpooled.buffer();
        db.copyKey(ref, dst);
        db.copyValue(ref, 2, dst, 3);
        assertEquals("key234", dst.toString(StandardCharsets.UTF_8));
        assertThrows(IndexOutOfBoundsException.class, () -> db.copyValue(ref, 8, dst, 3));
        // The page's position and limit are restored: later absolute reads still work.
        assertEquals("0123456789", value(ref));
    }

    @Test
    void valueBytes_readAndWrite() {
        long ref = db.putString(b("k"), b("abcdef"), NO_EXPIRY);
        assertEquals('c', db.valueByte(ref, 2));
        db.setValueByte(ref, 2, (byte) 'X');
        db.setValueBytes(ref, 3, b("YZ"), 0, 2);
        db.setValueBytes(ref, 0, buf("Q"), 3, 1);
        assertEquals("QbXYZf", value(ref));
        assertThrows(IndexOutOfBoundsException.class, () -> db.setValueBytes(ref, 5, b("YZ"), 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> db.valueByte(ref, 6));
    }

    @Test
    void putZeroString_isZeroedEvenInReusedMemory() {
        long ref = db.putString(b("k"), b("garbage-garbage-garbage"), NO_EXPIRY);
        db.delete(ref);
        ref = db.putZeroString(buf("k2"), 3, 2, 23, 55);
        assertEquals(23, db.valueLength(ref));
        for (int i = 0; i < 23; i++) {
            assertEquals(0, db.valueByte(ref, i));
        }
        assertEquals(55, db.expireAt(ref));
        assertEquals(ref, db.find(b("k2")));
    }

    @Test
    void expiry_setClearAndVolatileCount() {
        long a = db.putString(b("a"), b("1"), NO_EXPIRY);
        long c = db.putString(b("c"), b("3"), NO_EXPIRY);
        db.setExpireAt(a, 100);
        db.setExpireAt(c, 300);
        assertEquals(2, db.volatileSize());
        assertEquals(100, db.expireAt(a));
        db.setExpireAt(a, 150);
        assertEquals(150, db.expireAt(a));
        db.setExpireAt(a, NO_EXPIRY);
        assertEquals(NO_EXPIRY, db.expireAt(a));
        assertEquals(300, db.expireAt(c), "the moved volatile record keeps its time");
        assertEquals(1, db.volatileSize());
        assertEquals(c, db.randomVolatileEntry());
        db.delete(c);
        assertEquals(0, db.volatileSize());
        assertEquals(NONE, db.randomVolatileEntry());
    }

    @Test
    void accessClock_isKeptApartFromType() {
        db.setNewEntryClock(0xABCDEF);
        long ref = db.putString(b("k"), b("v"), 5);
        assertEquals(0xABCDEF, db.accessClock(ref));
        db.setAccessClock(ref, 0x123456);
        assertEquals(0x123456, db.accessClock(ref));
        assertEquals(ValueType.STRING, db.type(ref));
        assertEquals(5, db.expireAt(ref));
        db.setExpireAt(ref, NO_EXPIRY);
        assertEquals(0x123456, db.accessClock(ref));
    }

    @Test
    void resizeString_growsWithSlackAndKeepsMetadata() {
        long ref = db.putString(b("k"), b("ab"), 777);
        db.setAccessClock(ref, 42);
        ref = db.resizeString(ref, 1000);
        assertEquals(1000, db.valueLength(ref));
        assertEquals('b', db.valueByte(ref, 1));
        assertEquals(0, db.valueByte(ref, 999));
        assertEquals(777, db.expireAt(ref));
        assertEquals(42, db.accessClock(ref));
        assertEquals(ref, db.find(b("k")));
        // Appends within the slack keep the reference.
        long grown = db.resizeString(ref, 1500);
        assertEquals(ref, grown);
        // Shrink then grow: the bytes beyond the short length read as zeros again.
        db.setValueByte(ref, 1400, (byte) 9);
        ref = db.resizeString(ref, 1200);
        ref = db.resizeString(ref, 1500);
        assertEquals(0, db.valueByte(ref, 1400));
        assertEquals(1, db.size());
        assertEquals(1, db.volatileSize());
    }

    @Test
    void resizeString_appendsAreAmortised() {
        long ref = db.putString(b("k"), new byte[0], NO_EXPIRY);
        Set<Long> refs = new HashSet<>();
        for (int i = 1; i <= 100_000; i++) {
            ref = db.resizeString(ref, i);
            db.setValueByte(ref, i - 1, (byte) i);
            refs.add(ref);
        }
        assertTrue(refs.size() < 40, "moves: " + refs.size());
        for (int i = 1; i <= 100_000; i += 997) {
            assertEquals((byte) i, db.valueByte(ref, i - 1));
        }
    }

    @Test
    void resizeString_shrinkFreesMemory() {
        long ref = db.putString(b("k"), new byte[100_000], NO_EXPIRY);
        long before = db.usedMemory();
        ref = db.resizeString(ref, 10);
        assertTrue(db.usedMemory() < before - 90_000);
        assertEquals(10, db.valueLength(ref));
    }

    @Test
    void largeValues_ownBlocksAndAccounting() {
        byte[] big = new byte[3 << 20];
        big[0] = 1;
        big[big.length - 1] = 2;
        long base = db.usedMemory();
        long ref = db.putString(b("big"), big, NO_EXPIRY);
        assertEquals(2, db.valueByte(ref, big.length - 1));
        assertTrue(db.entryMemory(ref) >= big.length);
        assertTrue(db.usedMemory() - base >= big.length);
        ByteBuf out = Unpooled.directBuffer(big.length);
        db.copyValue(ref, 0, out, big.length);
        assertEquals(1, out.getByte(0));
        db.delete(ref);
        assertEquals(base, db.usedMemory());
    }

    @Test
    void putObject_andAccounting() {
        AccountedObject value = () -> 1000;
        long base = db.usedMemory();
        long ref = db.putObject(b("h"), ValueType.HASH, value, 50);
        assertEquals(ValueType.HASH, db.type(ref));
        assertSame(value, db.object(ref));
        assertEquals(50, db.expireAt(ref));
        assertTrue(db.entryMemory(ref) >= 1000);
        long[] size = {1000};
        ref = db.putObject(buf("h"), 3, 1, ValueType.LIST, (AccountedObject) () -> size[0], NO_EXPIRY);
        assertEquals(ValueType.LIST, db.type(ref));
        assertEquals(1, db.size());
        long used = db.usedMemory();
        size[0] = 5000;
        db.objectMemoryChanged(ref);
        assertEquals(used + 4000, db.usedMemory());
        db.delete(ref);
        assertThrows(IllegalArgumentException.class, () -> db.putObject(b("x"), ValueType.STRING, "s", NO_EXPIRY));
        assertEquals(0, db.size());
    }

    @Test
    void delete_andClear() {
        long base = db.usedMemory();
        for (int i = 0; i < 1000; i++) {
            db.putString(b("key" + i), b("value" + i), i % 2 == 0 ? i : NO_EXPIRY);
        }
        assertEquals(1000, db.size());
        assertEquals(500, db.volatileSize());
        db.delete(db.find(b("key7")));
        assertEquals(NONE, db.find(b("key7")));
        assertEquals(999, db.size());
        db.clear();
        assertEquals(0, db.size());
        assertEquals(0, db.volatileSize());
        assertEquals(NONE, db.find(b("key8")));
        assertEquals(base, db.usedMemory());
        long ref = db.putString(b("again"), b("v"), NO_EXPIRY);
        assertEquals(ref, db.find(b("again")));
    }

    @Test
    void deleteAll_returnsMemoryToBaseline() {
        long base = db.usedMemory();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            db.putString(b("key:" + i), new byte[i % 300], i % 3 == 0 ? i : NO_EXPIRY);
        }
        assertTrue(db.usedMemory() > base + n * 40L);
        for (int i = 0; i < n; i++) {
            db.delete(db.find(b("key:" + i)));
            while (db.rehash(100)) {
                // finish shrinking so the index is back to its initial size
            }
        }
        assertEquals(0, db.size());
        assertEquals(base, db.usedMemory());
        db.purgeMemory();
        assertEquals(db.memoryStats().reservedBytes(), db.usedMemory(), "no pages left after purge");
    }

    @Test
    void randomEntry_returnsPresentKeysAndCoversThem() {
        assertEquals(NONE, db.randomEntry());
        for (int i = 0; i < 100; i++) {
            db.putString(b("k" + i), b("v"), i < 10 ? 1 : NO_EXPIRY);
        }
        Set<String> seen = new HashSet<>();
        Set<String> volatileSeen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(new String(db.key(db.randomEntry()), StandardCharsets.UTF_8));
            volatileSeen.add(new String(db.key(db.randomVolatileEntry()), StandardCharsets.UTF_8));
        }
        assertEquals(100, seen.size());
        assertEquals(10, volatileSeen.size());
    }

    @Test
    void scanVolatile_visitsEveryVolatileKey() {
        for (int i = 0; i < 100; i++) {
            db.putString(b("k" + i), b("v"), i % 4 == 0 ? 1 : NO_EXPIRY);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        do {
            cursor = db.scanVolatile(cursor, ref -> seen.add(new String(db.key(ref), StandardCharsets.UTF_8)));
        } while (cursor != 0);
        assertEquals(25, seen.size());
    }

    @Test
    void memoryStats_reportsUsedReservedAndFragmentation() {
        for (int i = 0; i < 10_000; i++) {
            db.putString(b("key:" + i), b("value:" + i), NO_EXPIRY);
        }
        MemoryStats stats = db.memoryStats();
        assertEquals(10_000, stats.keys());
        assertEquals(db.usedMemory(), stats.usedBytes());
        assertTrue(stats.reservedBytes() >= stats.usedBytes());
        assertTrue(stats.fragmentationRatio() >= 1.0 && stats.fragmentationRatio() < 2.0, stats.toString());
    }

    @Test
    void release_canRunOnAnotherThread() throws Exception {
        Keyspace keyspace = new Keyspace(2, Databases.offHeap());
        keyspace.db(0).putString(b("k"), b("v"), NO_EXPIRY);
        Database old = keyspace.detach(0);
        assertEquals(0, keyspace.db(0).size());
        Thread t = new Thread(old::release);
        t.start();
        t.join();
        assertEquals(0, old.size());
        keyspace.db(1).putString(b("k"), b("v"), NO_EXPIRY);
        Database[] all = keyspace.detachAll();
        assertEquals(1, all[1].size());
        assertEquals(0, keyspace.keyCount());
        assertFalse(keyspace.memoryStats().usedBytes() < 0);
    }
}
