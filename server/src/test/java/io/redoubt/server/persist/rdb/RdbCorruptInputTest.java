package io.redoubt.server.persist.rdb;

import io.redoubt.server.types.EncodingLimits;
import io.redoubt.server.types.HashValue;
import io.redoubt.server.types.ListValue;
import io.redoubt.server.types.SetValue;
import io.redoubt.server.types.ZSetValue;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged input — truncated at every length, random bytes flipped, lengths made huge — ends either in a valid
 * load or in an {@link RdbFormatException} naming the source and an offset: never another exception, a hang
 * or an out-of-memory error.
 */
class RdbCorruptInputTest {
    private final EncodingLimits limits = new EncodingLimits();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A file with every type in its compact and large forms, LZF and integer strings, expiries. */
    private byte[] sample(boolean checksum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter w = new RdbWriter(RdbSink.of(out)).checksum(checksum);
        w.header(10);
        w.aux("redis-ver", "7.0.15");
        w.selectDb(0);
        w.resizeDb(10, 1);
        w.entry(b("str"), ValueType.STRING, b("hello"), Database.NO_EXPIRY, 0);
        w.entry(b("int"), ValueType.STRING, b("123456"), 1_900_000_000_000L, 0);
        w.entry(b("lzf"), ValueType.STRING, b("abcabcabcabc".repeat(20)), Database.NO_EXPIRY, 0);
        ListValue small = ListValue.empty(limits);
        ListValue big = ListValue.empty(limits);
        for (int i = 0; i < 5; i++) {
            small.addLast(b(i % 2 == 0 ? "e" + i : Integer.toString(i * 1000)));
        }
        for (int i = 0; i < 300; i++) {
            big.addLast(b("element-" + i + "-".repeat(i % 40)));
        }
        w.entry(b("list"), ValueType.LIST, small, Database.NO_EXPIRY, 0);
        w.entry(b("biglist"), ValueType.LIST, big, Database.NO_EXPIRY, 0);
        SetValue ints = SetValue.empty(limits);
        SetValue strs = SetValue.empty(limits);
        for (int i = 0; i < 20; i++) {
            ints.add(b(Integer.toString(i * 7919)));
            strs.add(b("m" + i));
        }
        w.entry(b("intset"), ValueType.SET, ints, Database.NO_EXPIRY, 0);
        w.entry(b("set"), ValueType.SET, strs, Database.NO_EXPIRY, 0);
        HashValue h = HashValue.empty(limits);
        HashValue bigh = HashValue.empty(limits);
        for (int i = 0; i < 10; i++) {
            h.put(b("f" + i), b(Integer.toString(i)));
        }
        for (int i = 0; i < 600; i++) {
            bigh.put(b("field" + i), b("v" + i));
        }
        w.entry(b("hash"), ValueType.HASH, h, Database.NO_EXPIRY, 0);
        w.entry(b("bighash"), ValueType.HASH, bigh, Database.NO_EXPIRY, 0);
        ZSetValue z = ZSetValue.empty(limits);
        ZSetValue bigz = ZSetValue.empty(limits);
        for (int i = 0; i < 10; i++) {
            z.add(b("z" + i), i * 1.5);
        }
        for (int i = 0; i < 200; i++) {
            bigz.add(b("member" + i), -i);
        }
        w.entry(b("zset"), ValueType.ZSET, z, Database.NO_EXPIRY, 0);
        w.entry(b("bigzset"), ValueType.ZSET, bigz, Database.NO_EXPIRY, 0);
        w.end();
        return out.toByteArray();
    }

    private void readExpectingFormatErrorOrSuccess(byte[] data, boolean knownLength, String what) {
        try {
            RdbTestFiles.Collected c = new RdbTestFiles.Collected();
            new RdbReader(limits).read(new ByteArrayInputStream(data), knownLength ? data.length : -1, "fuzz.rdb", c);
        } catch (RdbFormatException e) {
            if (!e.getMessage().startsWith("fuzz.rdb: ") || !e.getMessage().matches("(?s).* at offset \\d+$")) {
                fail(what + ": message without source or offset: " + e.getMessage());
            }
            if (e.offset() < 0 || e.offset() > data.length) {
                fail(what + ": offset " + e.offset() + " outside the input of " + data.length + " bytes");
            }
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        }
    }

    @Test
    void sample_readsBack() throws Exception {
        RdbTestFiles.Collected c = RdbTestFiles.read(sample(true), limits);
        assertEquals(11, c.entries.size());
    }

    @Test
    @Timeout(120)
    void truncatedAtEveryLength_isAFormatError() throws Exception {
        byte[] full = sample(true);
        // Every length through the header, aux fields and first values, then every 7th: each cut lands in a
        // different place of some record.
        for (int len = 0; len < full.length; len += len < 3000 ? 1 : 7) {
            byte[] cut = Arrays.copyOf(full, len);
            for (boolean known : new boolean[] {true, false}) {
                RdbFormatException e = assertThrows(RdbFormatException.class, () -> {
                    new RdbReader(limits).read(new ByteArrayInputStream(cut), known ? cut.length : -1, "fuzz.rdb",
                            new RdbTestFiles.Collected());
                }, "truncated to " + len);
                assertTrue(e.getMessage().startsWith("fuzz.rdb: "), e.getMessage());
            }
        }
    }

    @Test
    @Timeout(300)
    void flippedBytes_neverEscapeAsAnotherException() throws Exception {
        // Without a checksum, so that the damage reaches the decoders instead of failing at EOF.
        byte[] full = sample(false);
        Random rnd = new Random(20261126);
        for (int iter = 0; iter < 8_000; iter++) {
            byte[] data = full.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = rnd.nextInt(data.length);
                switch (rnd.nextInt(4)) {
                    case 0 -> data[at] ^= (byte) (1 << rnd.nextInt(8));
                    case 1 -> data[at] = (byte) rnd.nextInt(256);
                    case 2 -> data[at] = (byte) 0xFF;
                    default -> data[at] = (byte) 0x80; // a 32-bit length follows: huge lengths
                }
            }
            if (rnd.nextInt(4) == 0) {
                data = Arrays.copyOf(data, rnd.nextInt(data.length));
            }
            readExpectingFormatErrorOrSuccess(data, iter % 2 == 0, "iteration " + iter);
        }
    }

    /** The encodings only older Redis versions wrote, and the records that are skipped. */
    private static byte[] legacySample() {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("f1", "v1");
        fields.put("f2", "x".repeat(300));
        return new RawRdb(9)
                .op(RdbFormat.OPCODE_FUNCTION2).string("#!lua name=lib\nredis.register_function('f', function() return 1 end)")
                .op(RdbFormat.OPCODE_MODULE_AUX).length(12345).length(2).length(2).length(5).string("aux").length(0)
                .key(RdbFormat.TYPE_HASH_ZIPMAP, "zm").string(RawRdb.zipmap(fields))
                .key(RdbFormat.TYPE_LIST_ZIPLIST, "zl").string(RawRdb.ziplist(List.of("a", 0L, 12L, 200L, -30000L,
                        8_000_000L, 2_000_000_000L, 9_000_000_000L, "b".repeat(100), "c".repeat(300))))
                .key(RdbFormat.TYPE_ZSET_ZIPLIST, "zz").string(RawRdb.ziplist(List.of("a", "1.5", "b", 2L, "c", "-inf")))
                .key(RdbFormat.TYPE_HASH_ZIPLIST, "hz").string(RawRdb.ziplist(List.of("f", "v", "n", 42L)))
                .key(RdbFormat.TYPE_LIST_QUICKLIST, "ql").length(2)
                .string(RawRdb.ziplist(List.of("x", 1L))).string(RawRdb.ziplist(List.of("y", 2L)))
                .key(RdbFormat.TYPE_ZSET, "z1").length(2).string("m1").op(3).bytes(b("1.5")).string("m2").op(254)
                .key(RdbFormat.TYPE_SET_INTSET, "is").string(new byte[] {2, 0, 0, 0, 3, 0, 0, 0, 1, 0, 2, 0, 3, 0})
                .endWithoutChecksum();
    }

    @Test
    @Timeout(300)
    void legacyEncodings_flippedOrTruncated_neverEscapeAsAnotherException() throws Exception {
        byte[] full = legacySample();
        assertEquals(7, RdbTestFiles.read(full, limits).entries.size());
        Random rnd = new Random(77);
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThrows(RdbFormatException.class, () -> RdbTestFiles.read(cut, limits), "truncated to " + len);
        }
        for (int iter = 0; iter < 8_000; iter++) {
            byte[] data = full.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = rnd.nextInt(data.length);
                data[at] = rnd.nextBoolean() ? (byte) (data[at] ^ (1 << rnd.nextInt(8))) : (byte) rnd.nextInt(256);
            }
            readExpectingFormatErrorOrSuccess(data, iter % 2 == 0, "iteration " + iter);
        }
    }

    @Test
    void checksum_catchesAnyFlip() throws Exception {
        byte[] full = sample(true);
        Random rnd = new Random(5);
        for (int iter = 0; iter < 300; iter++) {
            byte[] data = full.clone();
            int at = 9 + rnd.nextInt(data.length - 9 - 8);
            data[at] ^= (byte) (1 + rnd.nextInt(255));
            assertThrows(RdbFormatException.class, () -> RdbTestFiles.read(data, limits), "flip at " + at);
        }
    }

    @Test
    @Timeout(120)
    void dumpPayloads_flippedOrTruncated_failCleanly() {
        List<Object> values = List.of(b("hello world hello world hello world"), b("12"));
        ListValue l = ListValue.empty(limits);
        for (int i = 0; i < 50; i++) {
            l.addLast(b("item" + i));
        }
        ZSetValue z = ZSetValue.empty(limits);
        for (int i = 0; i < 200; i++) {
            z.add(b("m" + i), i / 3.0);
        }
        byte[][] payloads = {
                DumpPayload.create(ValueType.STRING, values.get(0), true, -2),
                DumpPayload.create(ValueType.LIST, l, true, -2),
                DumpPayload.create(ValueType.ZSET, z, true, -2),
        };
        Random rnd = new Random(11);
        for (byte[] p : payloads) {
            assertTrue(DumpPayload.verify(p));
            for (int iter = 0; iter < 3000; iter++) {
                byte[] data = p.clone();
                data[rnd.nextInt(data.length - 10)] = (byte) rnd.nextInt(256);
                if (rnd.nextBoolean()) {
                    data = Arrays.copyOf(data, 10 + rnd.nextInt(data.length - 10));
                }
                try {
                    // Past the checksum, as with skip-checksum-validation: the decoder itself must hold.
                    DumpPayload.decode(data, limits);
                } catch (RdbFormatException expected) {
                    assertTrue(expected.getMessage().startsWith("DUMP payload: "), expected.getMessage());
                } catch (Throwable t) {
                    throw new AssertionError("iteration " + iter + ": " + t, t);
                }
            }
        }
    }
}
