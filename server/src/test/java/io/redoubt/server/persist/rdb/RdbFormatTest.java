package io.redoubt.server.persist.rdb;

import io.redoubt.server.types.EncodingLimits;
import io.redoubt.store.Database;
import io.redoubt.store.Databases;
import io.redoubt.store.ValueType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CRC-64, LZF, and strings written then read back. */
class RdbFormatTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void crc64_matchesRedisTestVector() {
        byte[] data = b("123456789");
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.update(0, data, 0, data.length));
        // The same across split updates and through a direct buffer.
        long split = Crc64.update(Crc64.update(0, data, 0, 4), data, 4, 5);
        assertEquals(0xe9c6d914c4b8d9caL, split);
        io.netty.buffer.ByteBuf direct = io.netty.buffer.Unpooled.directBuffer(16).writeBytes(data);
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.update(0, direct, 0, data.length));
        direct.release();
    }

    @Test
    void lzf_roundTripsRandomAndRepetitiveInput() {
        Random rnd = new Random(42);
        Lzf.Compressor lzf = new Lzf.Compressor();
        for (int iter = 0; iter < 500; iter++) {
            int len = 1 + rnd.nextInt(iter < 250 ? 300 : 20000);
            byte[] in = new byte[len + 3];
            int alphabet = 1 + rnd.nextInt(iter % 3 == 0 ? 256 : 4);
            for (int i = 0; i < in.length; i++) {
                in[i] = (byte) rnd.nextInt(alphabet);
            }
            byte[] out = new byte[len + len / 32 + 64];
            int n = lzf.compress(in, 3, len, out, out.length);
            assertTrue(n > 0, "fits with slack");
            byte[] back = new byte[len];
            assertTrue(Lzf.decompress(out, 0, n, back));
            assertArrayEquals(Arrays.copyOfRange(in, 3, 3 + len), back);
        }
        byte[] aaa = new byte[10000];
        Arrays.fill(aaa, (byte) 'a');
        byte[] out = new byte[10000];
        int n = lzf.compress(aaa, 0, aaa.length, out, out.length);
        assertTrue(n > 0 && n < 200, "a run compresses well: " + n);
        // Stale table entries from earlier inputs never change the output.
        byte[] first = Arrays.copyOf(out, n);
        lzf.compress(b("abcdefgh".repeat(50)), 0, 400, new byte[500], 500);
        assertEquals(n, lzf.compress(aaa, 0, aaa.length, out, out.length));
        assertArrayEquals(first, Arrays.copyOf(out, n));
        assertArrayEquals(first, Arrays.copyOf(out, new Lzf.Compressor().compress(aaa, 0, aaa.length, out, out.length)));
        byte[] rnd16 = new byte[64];
        rnd.nextBytes(rnd16);
        assertEquals(0, lzf.compress(rnd16, 0, rnd16.length, out, rnd16.length - 4), "random data does not fit len-4");
    }

    @Test
    void strings_writeAndReadBack() throws Exception {
        Database db0 = Databases.newOffHeap();
        Database db5 = Databases.newOffHeap();
        try {
            long exp = System.currentTimeMillis() + 100_000;
            db0.putString(b("raw"), b("hello"), Database.NO_EXPIRY);
            db0.putString(b("int8"), b("-7"), Database.NO_EXPIRY);
            db0.putString(b("int16"), b("30000"), Database.NO_EXPIRY);
            db0.putString(b("int32"), b("-2000000000"), Database.NO_EXPIRY);
            db0.putString(b("bigint"), b("4294967296"), Database.NO_EXPIRY);
            db0.putString(b("zero-led"), b("0123"), Database.NO_EXPIRY);
            db0.putString(b("minus-zero"), b("-0"), Database.NO_EXPIRY);
            db0.putString(b("empty"), b(""), Database.NO_EXPIRY);
            db0.putString(b("lzf"), b("abcabcabc".repeat(100)), exp);
            db0.putString(b("12345"), b("int key"), Database.NO_EXPIRY);
            db0.putString(b("k".repeat(100)), b("long key"), Database.NO_EXPIRY);
            byte[] bin = new byte[300];
            new Random(1).nextBytes(bin);
            db0.putString(b("binary"), bin, Database.NO_EXPIRY);
            db5.putString(b("other"), b("x"), exp);
            for (boolean compression : new boolean[] {true, false}) {
                for (boolean checksum : new boolean[] {true, false}) {
                    byte[] rdb = RdbTestFiles.write(new Database[] {db0, null, null, null, null, db5}, compression, checksum);
                    RdbTestFiles.Collected c = RdbTestFiles.read(rdb, new EncodingLimits());
                    assertTrue(c.ended);
                    assertEquals(10, c.version);
                    assertEquals(13, c.entries.size());
                    assertArrayEquals(b("hello"), (byte[]) c.get(0, "raw").value());
                    assertArrayEquals(b("-7"), (byte[]) c.get(0, "int8").value());
                    assertArrayEquals(b("30000"), (byte[]) c.get(0, "int16").value());
                    assertArrayEquals(b("-2000000000"), (byte[]) c.get(0, "int32").value());
                    assertArrayEquals(b("4294967296"), (byte[]) c.get(0, "bigint").value());
                    assertArrayEquals(b("0123"), (byte[]) c.get(0, "zero-led").value());
                    assertArrayEquals(b("-0"), (byte[]) c.get(0, "minus-zero").value());
                    assertArrayEquals(b(""), (byte[]) c.get(0, "empty").value());
                    assertArrayEquals(b("abcabcabc".repeat(100)), (byte[]) c.get(0, "lzf").value());
                    assertEquals(exp, c.get(0, "lzf").expireAt());
                    assertEquals(-1, c.get(0, "raw").expireAt());
                    assertArrayEquals(b("int key"), (byte[]) c.get(0, "12345").value());
                    assertNotNull(c.get(0, "k".repeat(100)));
                    assertArrayEquals(bin, (byte[]) c.get(0, "binary").value());
                    assertEquals(5, c.get(5, "other").db());
                    assertEquals(ValueType.STRING, c.get(5, "other").type());
                    assertTrue(c.aux.contains("redis-bits=64"));
                    if (compression) {
                        assertTrue(rdb.length < 900, "LZF shrank the repetitive value: " + rdb.length);
                    }
                }
            }
        } finally {
            db0.release();
            db5.release();
        }
    }

    @Test
    void checksumMismatch_isReportedWithOffset() throws Exception {
        Database db = Databases.newOffHeap();
        try {
            db.putString(b("a"), b("b"), Database.NO_EXPIRY);
            byte[] rdb = RdbTestFiles.write(new Database[] {db}, true, true);
            rdb[rdb.length - 12] ^= 1; // inside the value, before EOF
            RdbFormatException e = assertThrows(RdbFormatException.class, () -> RdbTestFiles.read(rdb, new EncodingLimits()));
            assertTrue(e.getMessage().startsWith("test.rdb: "), e.getMessage());
            assertTrue(e.getMessage().contains(" at offset "), e.getMessage());
        } finally {
            db.release();
        }
    }
}
