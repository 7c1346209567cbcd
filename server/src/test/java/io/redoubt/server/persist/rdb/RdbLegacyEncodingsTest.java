package io.redoubt.server.persist.rdb;

import io.redoubt.server.types.EncodingLimits;
import io.redoubt.server.types.HashValue;
import io.redoubt.server.types.ListValue;
import io.redoubt.server.types.SetValue;
import io.redoubt.server.types.ZSetValue;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encodings only older Redis versions wrote, the IDLE/FREQ opcodes, and what is skipped or refused. */
class RdbLegacyEncodingsTest {
    private final EncodingLimits limits = new EncodingLimits();

    private static List<String> list(Object v) {
        List<String> out = new ArrayList<>();
        ((ListValue) v).forEach(e -> out.add(new String(e, StandardCharsets.UTF_8)));
        return out;
    }

    private static Map<String, String> hash(Object v) {
        Map<String, String> out = new TreeMap<>();
        ((HashValue) v).forEach((f, x) -> out.put(new String(f, StandardCharsets.UTF_8), new String(x, StandardCharsets.UTF_8)));
        return out;
    }

    private static Map<String, Double> zset(Object v) {
        Map<String, Double> out = new LinkedHashMap<>();
        ((ZSetValue) v).forEachAscending((m, s) -> out.put(new String(m, StandardCharsets.UTF_8), s));
        return out;
    }

    private static List<String> set(Object v) {
        List<String> out = new ArrayList<>();
        ((SetValue) v).forEach(e -> out.add(new String(e, StandardCharsets.UTF_8)));
        out.sort(null);
        return out;
    }

    @Test
    void version3_zipmapHash_expiryInSeconds_noChecksum() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("f1", "v1");
        fields.put("f2", "x".repeat(300));
        byte[] rdb = new RawRdb(3)
                .op(RdbFormat.OPCODE_EXPIRETIME).bytes(new byte[] {(byte) 0x00, (byte) 0xE1, (byte) 0xF5, (byte) 0x05})
                .key(RdbFormat.TYPE_HASH_ZIPMAP, "h").string(RawRdb.zipmap(fields))
                .key(RdbFormat.TYPE_HASH_ZIPMAP, "small").string(RawRdb.zipmap(Map.of("a", "1")))
                .end(3);
        RdbTestFiles.Collected c = RdbTestFiles.read(rdb, limits);
        assertEquals(2, c.entries.size());
        RdbTestFiles.Entry h = c.get(0, "h");
        assertEquals(ValueType.HASH, h.type());
        assertEquals(new TreeMap<>(fields), hash(h.value()));
        assertEquals("hashtable", ((HashValue) h.value()).encoding(), "a 300-byte value is past hash-max-listpack-value");
        assertEquals(0x05F5E100L * 1000, h.expireAt());
        assertEquals("listpack", ((HashValue) c.get(0, "small").value()).encoding());
        assertEquals(-1, c.get(0, "small").expireAt());
    }

    @Test
    void version6_ziplistsAndQuicklistV1_andStringScores() throws Exception {
        List<Object> listEntries = List.of("a", 0L, 12L, 13L, -1L, 200L, -30000L, 8_000_000L, -8_000_000L,
                2_000_000_000L, 9_000_000_000L, Long.MIN_VALUE, "b".repeat(100), "c".repeat(20_000), "");
        List<String> expectedList = new ArrayList<>();
        for (Object o : listEntries) {
            expectedList.add(o.toString());
        }
        byte[] rdb = new RawRdb(6)
                .op(RdbFormat.OPCODE_SELECTDB).length(2)
                .key(RdbFormat.TYPE_LIST_ZIPLIST, "zl").string(RawRdb.ziplist(listEntries))
                .key(RdbFormat.TYPE_ZSET_ZIPLIST, "zz").string(RawRdb.ziplist(List.of("a", "1.5", "b", 2L, "c", "-inf", "d", "3e2")))
                .key(RdbFormat.TYPE_HASH_ZIPLIST, "hz").string(RawRdb.ziplist(List.of("f", "v", "n", 42L)))
                .op(RdbFormat.OPCODE_EXPIRETIME_MS).bytes(new byte[] {1, 2, 3, 4, 5, 0, 0, 0})
                .key(RdbFormat.TYPE_LIST_QUICKLIST, "ql").length(2)
                .string(RawRdb.ziplist(List.of("x", 1L))).string(RawRdb.ziplist(List.of("y", 2L)))
                .key(RdbFormat.TYPE_ZSET, "z1").length(3)
                .string("m1").op(3).bytes("1.5".getBytes(StandardCharsets.US_ASCII))
                .string("m2").op(254)
                .string("m3").op(255)
                .key(RdbFormat.TYPE_LIST, "plain").length(2).string("p").string("q")
                .key(RdbFormat.TYPE_SET, "pset").length(3).string("1").string("two").string("3")
                .end(6);
        RdbTestFiles.Collected c = RdbTestFiles.read(rdb, limits);
        assertEquals(7, c.entries.size());
        assertEquals(expectedList, list(c.get(2, "zl").value()));
        assertEquals("quicklist", ((ListValue) c.get(2, "zl").value()).encoding(), "a 20 KB element is past the node size");
        Map<String, Double> z = zset(c.get(2, "zz").value());
        assertEquals(List.of("c", "a", "b", "d"), new ArrayList<>(z.keySet()));
        assertEquals(Double.NEGATIVE_INFINITY, z.get("c"));
        assertEquals(1.5, z.get("a"));
        assertEquals(300.0, z.get("d"));
        assertEquals(Map.of("f", "v", "n", "42"), hash(c.get(2, "hz").value()));
        assertEquals(List.of("x", "1", "y", "2"), list(c.get(2, "ql").value()));
        assertEquals(0x0504030201L, c.get(2, "ql").expireAt());
        assertEquals(Map.of("m3", Double.NEGATIVE_INFINITY, "m1", 1.5, "m2", Double.POSITIVE_INFINITY), zset(c.get(2, "z1").value()));
        assertEquals(List.of("p", "q"), list(c.get(2, "plain").value()));
        assertEquals(List.of("1", "3", "two"), set(c.get(2, "pset").value()));
        assertEquals("listpack", ((SetValue) c.get(2, "pset").value()).encoding());
    }

    @Test
    void version11_setListpack_withEveryListpackEncoding() throws Exception {
        List<String> members = List.of("a", "0", "127", "128", "-4096", "4095", "-4097", "32767", "-32769",
                "8388607", "-8388609", "2147483647", "-2147483649", "9223372036854775807", "-9223372036854775808",
                "x".repeat(63), "y".repeat(64), "z".repeat(4095), "w".repeat(4096), "007", "-0", "");
        io.netty.buffer.ByteBuf lp = io.netty.buffer.Unpooled.buffer();
        int start = Listpack.begin(lp);
        for (String m : members) {
            Listpack.append(lp, m.getBytes(StandardCharsets.US_ASCII));
        }
        Listpack.finish(lp, start, members.size());
        byte[] blob = io.netty.buffer.ByteBufUtil.getBytes(lp);
        lp.release();
        byte[] rdb = new RawRdb(11).key(RdbFormat.TYPE_SET_LISTPACK, "s").string(blob).end(11);
        RdbTestFiles.Collected c = RdbTestFiles.read(rdb, limits);
        List<String> expected = new ArrayList<>(members);
        expected.sort(null);
        assertEquals(expected, set(c.get(0, "s").value()));
        assertEquals("hashtable", ((SetValue) c.get(0, "s").value()).encoding(), "members past set-max-listpack-value");
    }

    @Test
    void idleAndFreq_areWrittenAndRead() throws Exception {
        ListValue l = ListValue.empty(limits);
        l.addLast("e".getBytes(StandardCharsets.US_ASCII));
        for (boolean lru : new boolean[] {true, false}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RdbWriter w = new RdbWriter(RdbSink.of(out));
            if (lru) {
                w.accessClock(clock -> clock * 2, null);
            } else {
                w.accessClock(null, clock -> clock + 1);
            }
            w.header(10);
            w.entry("s".getBytes(StandardCharsets.US_ASCII), ValueType.STRING, "v".getBytes(StandardCharsets.US_ASCII),
                    Database.NO_EXPIRY, 100);
            w.entry("l".getBytes(StandardCharsets.US_ASCII), ValueType.LIST, l, 5000, 7);
            w.end();
            RdbTestFiles.Collected c = RdbTestFiles.read(out.toByteArray(), limits);
            assertEquals(lru ? 200 : -1, c.get(0, "s").idle());
            assertEquals(lru ? -1 : 101, c.get(0, "s").freq());
            assertEquals(lru ? 14 : -1, c.get(0, "l").idle());
            assertEquals(lru ? -1 : 8, c.get(0, "l").freq());
            assertEquals(5000, c.get(0, "l").expireAt());
        }
    }

    @Test
    void functionsAndModuleAux_areSkippedWithWarnings_streamsAndModulesRefused() throws Exception {
        byte[] rdb = new RawRdb(10)
                .op(RdbFormat.OPCODE_FUNCTION2).string("#!lua name=mylib\nredis.register_function('f', function() return 1 end)")
                .op(RdbFormat.OPCODE_MODULE_AUX).length(12345).length(2).length(2)
                .length(1).length(7).length(5).string("aux").length(3).bytes(new byte[4]).length(4).bytes(new byte[8]).length(0)
                .op(RdbFormat.OPCODE_SLOT_INFO).length(866).length(1).length(0)
                .key(RdbFormat.TYPE_STRING, "k").string("v")
                .key(RdbFormat.TYPE_SET, "empty").length(0)
                .end(10);
        RdbTestFiles.Collected c = RdbTestFiles.read(rdb, limits);
        assertEquals(1, c.entries.size());
        assertEquals(3, c.warnings.size(), c.warnings.toString());
        assertTrue(c.warnings.get(0).contains("function"), c.warnings.toString());
        assertTrue(c.warnings.get(1).contains("module aux"), c.warnings.toString());
        assertTrue(c.warnings.get(2).contains("empty key"), c.warnings.toString());

        byte[] stream = new RawRdb(10).key(RdbFormat.TYPE_STREAM_LISTPACKS_2, "s").length(0).end(10);
        RdbFormatException e = assertThrows(RdbFormatException.class, () -> RdbTestFiles.read(stream, limits));
        assertTrue(e.getMessage().matches("test\\.rdb: stream values are not supported at offset \\d+"), e.getMessage());
        byte[] module = new RawRdb(10).key(RdbFormat.TYPE_MODULE_2, "m").length(1).end(10);
        e = assertThrows(RdbFormatException.class, () -> RdbTestFiles.read(module, limits));
        assertTrue(e.getMessage().contains("module values are not supported"), e.getMessage());
        byte[] hfe = new RawRdb(12).key(RdbFormat.TYPE_HASH_LISTPACK_EX, "h").length(0).end(12);
        e = assertThrows(RdbFormatException.class, () -> RdbTestFiles.read(hfe, limits));
        assertTrue(e.getMessage().contains("field expiration"), e.getMessage());
        byte[] v13 = new RawRdb(13).end(13);
        e = assertThrows(RdbFormatException.class, () -> RdbTestFiles.read(v13, limits));
        assertTrue(e.getMessage().contains("unsupported RDB version 13"), e.getMessage());
    }

    @Test
    void duplicatesAndNaN_areRefused() {
        byte[][] bad = {
                new RawRdb(10).key(RdbFormat.TYPE_SET, "s").length(2).string("a").string("a").end(10),
                new RawRdb(10).key(RdbFormat.TYPE_HASH, "h").length(2).string("a").string("1").string("a").string("2").end(10),
                new RawRdb(10).key(RdbFormat.TYPE_ZSET, "z").length(1).string("a").op(253).end(10),
                new RawRdb(10).key(RdbFormat.TYPE_ZSET_ZIPLIST, "z").string(RawRdb.ziplist(List.of("a", 1L, "a", 2L))).end(10),
                new RawRdb(10).key(RdbFormat.TYPE_HASH_ZIPLIST, "h").string(RawRdb.ziplist(List.of("a", 1L, "b"))).end(10),
        };
        for (byte[] rdb : bad) {
            RdbFormatException e = assertThrows(RdbFormatException.class, () -> RdbTestFiles.read(rdb, limits));
            assertTrue(e.getMessage().startsWith("test.rdb: "), e.getMessage());
        }
    }

    /** The fixture files of Redis's own test suite, where a Redis source tree is at hand. */
    @Test
    void redisTestSuiteAssets() throws Exception {
        Path assets = Path.of(System.getProperty("redis.assets", "/tmp/redis-src/tests/assets"));
        Assumptions.assumeTrue(Files.isRegularFile(assets.resolve("encodings.rdb")),
                () -> "skipped: Redis's tests/assets not found at " + assets + " (set -Dredis.assets)");
        RdbTestFiles.Collected c = RdbTestFiles.read(Files.readAllBytes(assets.resolve("encodings.rdb")), limits);
        assertEquals(13, c.entries.size());
        assertEquals(List.of("1", "2", "3", "a", "b", "c", "100000", "6000000000"), list(c.get(0, "list_zipped").value()));
        assertEquals(List.of("1000000000", "2000000000", "3000000000", "4000000000", "5000000000", "6000000000"),
                set(c.get(0, "set_zipped_3").value()));
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), hash(c.get(0, "hash_zipped").value()));
        assertEquals(5e9, zset(c.get(0, "zset").value()).get("bbbb"));
        assertEquals("a".repeat(10), new String((byte[]) c.get(0, "compressible").value()).substring(0, 10));
        c = RdbTestFiles.read(Files.readAllBytes(assets.resolve("hash-zipmap.rdb")), limits);
        assertEquals(Map.of("f1", "v1", "f2", "v2"), hash(c.get(0, "hash").value()));
        c = RdbTestFiles.read(Files.readAllBytes(assets.resolve("hash-ziplist.rdb")), limits);
        assertEquals(Map.of("f1", "v1", "f2", "v2"), hash(c.get(0, "hash").value()));
        c = RdbTestFiles.read(Files.readAllBytes(assets.resolve("list-quicklist.rdb")), limits);
        assertEquals(List.of("7"), list(c.get(0, "list").value()));
        c = RdbTestFiles.read(Files.readAllBytes(assets.resolve("zset-ziplist.rdb")), limits);
        assertEquals(Map.of("one", 1.0, "two", 2.0), zset(c.get(0, "zset").value()));
        c = RdbTestFiles.read(Files.readAllBytes(assets.resolve("corrupt_empty_keys.rdb")), limits);
        assertEquals(0, c.entries.size());
        assertTrue(c.warnings.size() >= 5, c.warnings.toString());
        byte[] corrupt = Files.readAllBytes(assets.resolve("corrupt_ziplist.rdb"));
        assertThrows(RdbFormatException.class, () -> RdbTestFiles.read(corrupt, limits));
    }
}
