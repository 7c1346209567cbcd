package io.redoubt.server.commands;

import io.redoubt.server.RedoubtServer;
import io.redoubt.server.types.CollectionValue;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.args.FlushMode;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.SafeEncoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every keyspace command and option against an embedded server, with Redis 7.2's exact replies and errors. */
class KeyCommandsIT {
    private static RedoubtServer server;
    private Jedis j;

    @BeforeAll
    static void startServer() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() {
        j = new Jedis(server.host(), server.port(), 30_000);
        j.flushAll();
    }

    @AfterEach
    void disconnect() {
        j.close();
    }

    /** A TTL just set to {@code expected} seconds, allowing for the seconds a loaded machine takes to get here. */
    private static void assertTtlNear(long expected, long ttl) {
        assertTrue(ttl <= expected && ttl > expected - 10, "ttl " + ttl + ", expected about " + expected);
    }

    /** Sends a raw command and returns Jedis's raw reply (Long, byte[], List...). */
    private Object call(String... args) {
        byte[] name = SafeEncoder.encode(args[0]);
        ProtocolCommand cmd = () -> name;
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        return j.sendCommand(cmd, rest);
    }

    private String error(String... args) {
        return assertThrows(JedisDataException.class, () -> call(args)).getMessage();
    }

    private static String text(Object reply) {
        return reply == null ? null : new String((byte[]) reply, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ DEL, UNLINK, EXISTS, TYPE, TOUCH

    @Test
    void del_countsOnlyExistingKeys() {
        j.set("a", "1");
        j.set("b", "2");
        assertEquals(2, j.del("a", "b", "c"));
        assertEquals(0, j.del("a"));
        assertEquals("ERR wrong number of arguments for 'del' command", error("del"));
    }

    @Test
    void unlink_deletesLikeDel() {
        j.set("a", "1");
        j.set("big", "x".repeat(100_000));
        assertEquals(2, j.unlink("a", "big", "nokey"));
        assertEquals(0, j.dbSize());
    }

    @Test
    void exists_countsRepeatedKeys() {
        j.set("a", "1");
        assertEquals(3, j.exists("a", "a", "nokey", "a"));
        assertFalse(j.exists("nokey"));
    }

    @Test
    void type_namesTheValueType() {
        j.set("s", "v");
        assertEquals("string", j.type("s"));
        assertEquals("none", j.type("nokey"));
    }

    @Test
    void touch_countsExistingKeys() {
        j.set("a", "1");
        assertEquals(2, j.touch("a", "a", "nokey"));
    }

    // ------------------------------------------------------------------ EXPIRE family, TTL family, PERSIST

    @Test
    void expire_optionErrors() {
        j.set("a", "1");
        assertEquals("ERR NX and XX, GT or LT options at the same time are not compatible", error("expire", "a", "10", "nx", "xx"));
        assertEquals("ERR NX and XX, GT or LT options at the same time are not compatible", error("expire", "a", "10", "nx", "gt"));
        assertEquals("ERR GT and LT options at the same time are not compatible", error("expire", "a", "10", "gt", "lt"));
        assertEquals("ERR Unsupported option foo", error("expire", "a", "10", "foo"));
        assertEquals("ERR value is not an integer or out of range", error("expire", "a", "abc"));
    }

    @Test
    void expire_overflowingTimesAreInvalid() {
        j.set("a", "1");
        assertEquals("ERR invalid expire time in 'expire' command", error("expire", "a", "9223372036854775807"));
        assertEquals("ERR invalid expire time in 'expire' command", error("expire", "a", "-9223372036854775808"));
        assertEquals("ERR invalid expire time in 'pexpire' command", error("pexpire", "a", "9223372036854775807"));
        assertEquals("ERR invalid expire time in 'expireat' command", error("expireat", "a", "9223372036854775807"));
        assertEquals(1L, call("pexpireat", "a", "9223372036854775807"));
    }

    @Test
    void expire_nxXxGtLt() {
        j.set("a", "1");
        assertEquals(0, j.expire("a", 10, ExpiryOption.XX), "XX needs an existing TTL");
        assertEquals(0, j.expire("a", 10, ExpiryOption.GT), "no TTL is infinite: nothing is greater");
        assertEquals(1, j.expire("a", 100, ExpiryOption.NX));
        assertEquals(0, j.expire("a", 200, ExpiryOption.NX));
        assertEquals(0, j.expire("a", 50, ExpiryOption.GT));
        assertEquals(1, j.expire("a", 200, ExpiryOption.GT));
        assertEquals(0, j.expire("a", 300, ExpiryOption.LT));
        assertEquals(1, j.expire("a", 150, ExpiryOption.LT));
        assertTtlNear(150, j.ttl("a"));
        assertEquals(1, j.expire("a", 160, ExpiryOption.XX));
        j.persist("a");
        assertEquals(1, j.expire("a", 5, ExpiryOption.LT), "no TTL is infinite: anything is less");
        assertEquals(0, j.expire("nokey", 10));
    }

    @Test
    void expire_inThePastDeletesTheKey() {
        for (String[] cmd : new String[][] {{"expire", "a", "-1"}, {"pexpire", "a", "0"}, {"expireat", "a", "100"},
                {"pexpireat", "a", "1"}}) {
            j.set("a", "1");
            assertEquals(1L, call(cmd), String.join(" ", cmd));
            assertFalse(j.exists("a"));
        }
    }

    @Test
    void ttlFamily() {
        assertEquals(-2, j.ttl("nokey"));
        assertEquals(-2, j.pttl("nokey"));
        assertEquals(-2, j.expireTime("nokey"));
        assertEquals(-2, j.pexpireTime("nokey"));
        j.set("a", "1");
        assertEquals(-1, j.ttl("a"));
        assertEquals(-1, j.pttl("a"));
        assertEquals(-1, j.expireTime("a"));
        assertEquals(-1, j.pexpireTime("a"));
        j.pexpireAt("a", 4_000_000_000_123L);
        assertEquals(4_000_000_000_123L, j.pexpireTime("a"));
        assertEquals(4_000_000_000L, j.expireTime("a"));
        j.expireAt("a", 4_000_000_001L);
        assertEquals(4_000_000_001_000L, j.pexpireTime("a"));
        j.pexpire("a", 100_000);
        long pttl = j.pttl("a");
        assertTrue(pttl > 90_000 && pttl <= 100_000, "pttl " + pttl);
        assertTtlNear(100, j.ttl("a"));
    }

    @Test
    void persist_removesTheTtlOnce() {
        j.set("a", "1");
        assertEquals(0, j.persist("a"));
        j.expire("a", 100);
        assertEquals(1, j.persist("a"));
        assertEquals(0, j.persist("a"));
        assertEquals(-1, j.ttl("a"));
        assertEquals(0, j.persist("nokey"));
    }

    // ------------------------------------------------------------------ RENAME, RENAMENX, MOVE, COPY

    @Test
    void rename_movesValueAndTtl() {
        assertEquals("ERR no such key", error("rename", "nokey", "b"));
        assertEquals("ERR no such key", error("renamenx", "nokey", "b"));
        j.set("a", "1");
        assertEquals("OK", j.rename("a", "a"));
        assertEquals(0, j.renamenx("a", "a"));
        j.expire("a", 100);
        j.set("b", "old");
        assertEquals("OK", j.rename("a", "b"));
        assertEquals("1", j.get("b"));
        assertFalse(j.exists("a"));
        assertTtlNear(100, j.ttl("b"));
        j.set("c", "2");
        assertEquals(0, j.renamenx("b", "c"));
        assertEquals(1, j.renamenx("b", "d"));
        assertEquals("1", j.get("d"));
        assertTtlNear(100, j.ttl("d"));
        assertEquals("2", j.get("c"));
    }

    @Test
    void move_toAnotherDatabase() {
        j.set("a", "1");
        j.expire("a", 100);
        assertEquals("ERR source and destination objects are the same", error("move", "a", "0"));
        assertEquals("ERR DB index is out of range", error("move", "a", "16"));
        assertEquals("ERR DB index is out of range", error("move", "a", "-1"));
        assertEquals("ERR value is not an integer or out of range", error("move", "a", "x"));
        assertEquals(0, j.move("nokey", 1));
        assertEquals(1, j.move("a", 1));
        assertFalse(j.exists("a"));
        j.set("a", "again");
        assertEquals(0, j.move("a", 1), "the destination already has the key");
        j.select(1);
        assertEquals("1", j.get("a"));
        assertTtlNear(100, j.ttl("a"));
    }

    @Test
    void copy_withDbAndReplace() {
        j.set("a", "1");
        j.expire("a", 100);
        assertEquals("ERR source and destination objects are the same", error("copy", "a", "a"));
        assertEquals("ERR DB index is out of range", error("copy", "a", "b", "db", "99"));
        assertEquals("ERR value is not an integer or out of range", error("copy", "a", "b", "db", "x"));
        assertEquals("ERR syntax error", error("copy", "a", "b", "foo"));
        assertEquals("ERR syntax error", error("copy", "a", "b", "db"));
        assertFalse(j.copy("nokey", "b", false));
        assertTrue(j.copy("a", "b", false));
        assertTtlNear(100, j.ttl("b"));
        j.set("a", "2");
        assertFalse(j.copy("a", "b", false));
        assertTrue(j.copy("a", "b", true));
        assertEquals("2", j.get("b"));
        assertEquals("2", j.get("a"), "the source stays");
        assertEquals(1L, call("copy", "a", "a", "db", "1"), "same name in another database");
        assertEquals(0L, call("copy", "a", "a", "db", "1"));
        assertEquals(1L, call("copy", "b", "a", "db", "1", "replace"));
        j.select(1);
        assertEquals("2", j.get("a"));
    }

    @Test
    void renameMoveCopy_largeValuesArriveIntact() {
        byte[] big = new byte[1_000_003];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >>> 8));
        }
        byte[] key = "big".getBytes(StandardCharsets.UTF_8);
        j.set(key, big);
        j.expire(key, 100);
        assertEquals("OK", j.rename("big", "big2"));
        assertTrue(java.util.Arrays.equals(big, j.get("big2".getBytes(StandardCharsets.UTF_8))));
        assertTrue(j.copy("big2", "big3", false));
        assertTrue(java.util.Arrays.equals(big, j.get("big3".getBytes(StandardCharsets.UTF_8))));
        assertEquals(1, j.move("big3", 1));
        assertTrue(j.copy("big2", "big4", 2, false));
        j.select(1);
        assertTrue(java.util.Arrays.equals(big, j.get("big3".getBytes(StandardCharsets.UTF_8))));
        assertTtlNear(100, j.ttl("big3"));
        j.select(2);
        assertTrue(java.util.Arrays.equals(big, j.get("big4".getBytes(StandardCharsets.UTF_8))));
    }

    // ------------------------------------------------------------------ RANDOMKEY, KEYS, SCAN, DBSIZE

    @Test
    void randomkey_returnsAKeyOrNil() {
        assertNull(j.randomKey());
        j.set("only", "1");
        assertEquals("only", j.randomKey());
    }

    @Test
    void keys_matchesGlobPatterns() {
        for (String k : List.of("hello", "hallo", "hxllo", "hllo", "heeeello", "other")) {
            j.set(k, "1");
        }
        assertEquals(Set.of("hello", "hallo", "hxllo"), j.keys("h?llo"));
        assertEquals(Set.of("hello", "hallo", "hllo", "heeeello", "hxllo"), j.keys("h*llo"));
        assertEquals(Set.of("hello", "hallo"), j.keys("h[ae]llo"));
        assertEquals(Set.of("hallo", "hxllo"), j.keys("h[^e]llo"));
        assertEquals(6, j.keys("*").size());
        assertEquals(Set.of(), j.keys("nomatch*"));
    }

    @Test
    void keys_returnsEachKeyOnceWhileTheTableGrows() {
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            j.set("k:" + i, "v");
        }
        @SuppressWarnings("unchecked")
        List<byte[]> raw = (List<byte[]>) call("keys", "*");
        Set<String> distinct = new HashSet<>();
        for (byte[] k : raw) {
            distinct.add(new String(k, StandardCharsets.UTF_8));
        }
        assertEquals(n, raw.size());
        assertEquals(n, distinct.size());
    }

    @Test
    void scan_errorsAndCursorSyntax() {
        assertEquals("ERR invalid cursor", error("scan", "abc"));
        assertEquals("ERR invalid cursor", error("scan", "18446744073709551616"));
        assertEquals("ERR invalid cursor", error("scan", " 1"));
        assertEquals("ERR invalid cursor", error("scan", "-"));
        assertEquals("ERR syntax error", error("scan", "0", "count", "0"));
        assertEquals("ERR value is not an integer or out of range", error("scan", "0", "count", "x"));
        assertEquals("ERR syntax error", error("scan", "0", "type"));
        assertEquals("ERR syntax error", error("scan", "0", "foo", "bar"));
        @SuppressWarnings("unchecked")
        List<Object> reply = (List<Object>) call("scan", "18446744073709551615");
        assertEquals(2, reply.size());
        call("scan", "-1");
        call("scan", "+0");
    }

    @Test
    void scan_matchCountAndType() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            j.set("user:" + i, "v");
            j.set("item:" + i, "v");
            expected.add("user:" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match("user:*").count(50);
        do {
            ScanResult<String> r = j.scan(cursor, params);
            seen.addAll(r.getResult());
            cursor = r.getCursor();
        } while (!cursor.equals("0"));
        assertEquals(expected, seen);

        seen.clear();
        cursor = "0";
        do {
            ScanResult<String> r = j.scan(cursor, new ScanParams().count(1000), "string");
            seen.addAll(r.getResult());
            cursor = r.getCursor();
        } while (!cursor.equals("0"));
        assertEquals(1000, seen.size());
        @SuppressWarnings("unchecked")
        List<Object> all = (List<Object>) call("scan", "0", "count", "9223372036854775807");
        assertEquals("0", text(all.get(0)), "a huge COUNT finishes the scan in one call");
        assertEquals(1000, ((List<?>) all.get(1)).size());
        cursor = "0";
        do {
            ScanResult<String> r = j.scan(cursor, new ScanParams().count(1000), "list");
            assertTrue(r.getResult().isEmpty());
            cursor = r.getCursor();
        } while (!cursor.equals("0"));
    }

    @Test
    void scan_returnsEveryKeyPresentForTheWholeScanWhileKeysComeAndGo() {
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            j.set("stable:" + i, "v");
            stable.add("stable:" + i);
        }
        List<String> transientKeys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            j.set("tmp:" + i, "v");
            transientKeys.add("tmp:" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int round = 0;
        int added = 0;
        do {
            ScanResult<String> r = j.scan(cursor, new ScanParams().count(20));
            seen.addAll(r.getResult());
            cursor = r.getCursor();
            // Between calls: grow the table with new keys early on, then shrink it by deleting the transient ones.
            if (round < 60) {
                for (int i = 0; i < 200; i++) {
                    j.set("new:" + added++, "v");
                }
            } else if (!transientKeys.isEmpty()) {
                for (int i = 0; i < 300 && !transientKeys.isEmpty(); i++) {
                    j.del(transientKeys.remove(transientKeys.size() - 1));
                }
                for (int i = 0; i < 300 && added > 0; i++) {
                    j.del("new:" + --added);
                }
            }
            round++;
        } while (!cursor.equals("0"));
        Set<String> missing = new HashSet<>(stable);
        missing.removeAll(seen);
        assertTrue(missing.isEmpty(), "keys present for the whole scan but not returned: " + missing.size());
    }

    @Test
    void dbsize_countsTheSelectedDatabase() {
        j.set("a", "1");
        j.set("b", "1");
        assertEquals(2, j.dbSize());
        j.select(1);
        assertEquals(0, j.dbSize());
    }

    // ------------------------------------------------------------------ SWAPDB, FLUSHDB, FLUSHALL

    @Test
    void swapdb_errorsAndClientsSeeTheSwappedData() {
        assertEquals("ERR DB index is out of range", error("swapdb", "0", "99"));
        assertEquals("ERR DB index is out of range", error("swapdb", "-1", "0"));
        assertEquals("ERR invalid first DB index", error("swapdb", "x", "0"));
        assertEquals("ERR invalid second DB index", error("swapdb", "0", "x"));
        assertEquals("OK", j.swapDB(0, 0));
        j.set("in0", "zero");
        try (Jedis other = new Jedis(server.host(), server.port(), 30_000)) {
            other.select(1);
            other.set("in1", "one");
            assertEquals("OK", j.swapDB(0, 1));
            assertEquals("zero", other.get("in0"), "a client on db 1 sees the former db 0");
            assertNull(other.get("in1"));
            assertEquals("one", j.get("in1"));
        }
    }

    @Test
    void flushdb_syncAndAsync() {
        assertEquals("ERR syntax error", error("flushdb", "foo"));
        assertEquals("ERR syntax error", error("flushall", "async", "sync"));
        j.set("a", "1");
        j.select(1);
        j.set("b", "1");
        assertEquals("OK", j.flushDB(FlushMode.SYNC));
        assertEquals(0, j.dbSize());
        j.select(0);
        assertEquals(1, j.dbSize(), "FLUSHDB empties only the selected database");
        try (Jedis other = new Jedis(server.host(), server.port(), 30_000)) {
            other.get("a");
            assertEquals("OK", j.flushDB(FlushMode.ASYNC));
            assertEquals(0, other.dbSize(), "another client on the flushed database sees it empty");
            other.set("after", "1");
            assertEquals("1", j.get("after"), "both clients use the new database");
        }
        assertEquals("OK", j.flushDB());
    }

    @Test
    void flushall_syncAndAsync() {
        for (FlushMode mode : FlushMode.values()) {
            for (int db = 0; db < 16; db++) {
                j.select(db);
                for (int i = 0; i < 100; i++) {
                    j.set("k" + i, "v");
                }
            }
            assertEquals("OK", j.flushAll(mode));
            for (int db = 0; db < 16; db++) {
                j.select(db);
                assertEquals(0, j.dbSize(), mode + " db " + db);
            }
            j.set("x", "1");
            assertEquals("1", j.get("x"));
            j.select(0);
        }
    }

    // ------------------------------------------------------------------ OBJECT

    private static void awaitCronRuns(int runs) {
        long loops = server.call(() -> server.internals().cronLoops());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.call(() -> server.internals().cronLoops()) < loops + runs) {
            assertTrue(System.nanoTime() < deadline, "the cron does not run");
            Thread.onSpinWait();
        }
    }

    @Test
    void object_encodingOfStrings() {
        String[][] cases = {
            {"1", "int"}, {"-5", "int"}, {"9223372036854775807", "int"}, {"12345678901234567890", "embstr"},
            {"01", "embstr"}, {"+5", "embstr"}, {" 5", "embstr"}, {"", "embstr"},
            {"x".repeat(44), "embstr"}, {"x".repeat(45), "raw"},
        };
        for (String[] c : cases) {
            j.set("k", c[0]);
            assertEquals(c[1], j.objectEncoding("k"), "'" + c[0] + "'");
        }
        assertNull(j.objectEncoding("nokey"));
    }

    @Test
    void object_refcountIdletimeFreqHelp() {
        j.set("small", "100");
        j.set("large", "10000");
        j.set("text", "abc");
        assertEquals(2147483647L, j.objectRefcount("small"), "small integers are shared");
        assertEquals(1, j.objectRefcount("large"));
        assertEquals(1, j.objectRefcount("text"));
        assertNull(j.objectRefcount("nokey"));
        long idle = j.objectIdletime("text");
        assertTrue(idle >= 0 && idle < 5, "idle " + idle);
        assertNull(j.objectIdletime("nokey"));
        assertEquals("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that "
                + "when switching between policies at runtime LRU and LFU data will take some time to adjust.",
                error("object", "freq", "text"));
        List<String> help = j.objectHelp();
        assertEquals("OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help.get(0));
        assertEquals("    Prints this help.", help.get(help.size() - 1));
        assertEquals(15, help.size());
        assertEquals("ERR unknown subcommand 'foo'. Try OBJECT HELP.", error("object", "foo"));
        assertEquals("ERR wrong number of arguments for 'object|encoding' command", error("object", "encoding"));
    }

    @Test
    void object_underLfu() {
        j.set("k", "v");
        server.call(() -> {
            server.internals().config().set("maxmemory-policy", "allkeys-lfu");
            return null;
        });
        try {
            // New entries take the LFU clock from the next cron run.
            awaitCronRuns(2);
            j.set("k2", "v");
            assertEquals("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when "
                    + "switching between policies at runtime LRU and LFU data will take some time to adjust.",
                    error("object", "idletime", "k2"));
            long freq = j.objectFreq("k2");
            assertTrue(freq >= 5 && freq <= 6, "new keys start at LFU_INIT_VAL: " + freq);
        } finally {
            server.call(() -> {
                server.internals().config().set("maxmemory-policy", "noeviction");
                return null;
            });
            awaitCronRuns(2);
        }
    }

    // ------------------------------------------------------------------ collections (through the object table)

    /** A stand-in list value until the list commands exist. */
    private static final class FakeList implements CollectionValue {
        final List<String> items;

        FakeList(List<String> items) {
            this.items = new ArrayList<>(items);
        }

        @Override
        public String encoding() {
            return "listpack";
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public CollectionValue copy() {
            return new FakeList(items);
        }

        @Override
        public long memoryUsage() {
            return 64 + 16L * items.size();
        }
    }

    private void putList(int db, String key, FakeList value) {
        server.call(() -> server.internals().keyspace().db(db).putObject(key.getBytes(StandardCharsets.UTF_8),
                ValueType.LIST, value, Database.NO_EXPIRY));
    }

    private Object objectAt(int db, String key) {
        return server.call(() -> {
            Database d = server.internals().keyspace().db(db);
            long ref = d.find(key.getBytes(StandardCharsets.UTF_8));
            return ref == Database.NONE ? null : d.object(ref);
        });
    }

    @Test
    void collections_typeEncodingRenameMoveCopy() {
        FakeList list = new FakeList(List.of("a", "b"));
        putList(0, "l", list);
        assertEquals("list", j.type("l"));
        assertEquals("listpack", j.objectEncoding("l"));
        assertEquals(1, j.objectRefcount("l"));
        j.expire("l", 100);

        assertEquals("OK", j.rename("l", "l2"));
        assertSame(list, objectAt(0, "l2"), "RENAME moves the value itself");
        assertTtlNear(100, j.ttl("l2"));

        assertTrue(j.copy("l2", "l3", false));
        Object copy = objectAt(0, "l3");
        assertNotSame(list, copy, "COPY makes an independent value");
        assertEquals(List.of("a", "b"), ((FakeList) copy).items);
        assertTtlNear(100, j.ttl("l3"));

        assertEquals(1, j.move("l2", 2));
        assertSame(list, objectAt(2, "l2"));
        assertNull(objectAt(0, "l2"));

        j.set("s", "string");
        assertEquals("OK", j.rename("l3", "s"), "RENAME replaces a value of another type");
        assertEquals("list", j.type("s"));
        assertEquals(1, j.del("s", "nokey", "l"));
        assertEquals(0, j.dbSize());
        j.select(2);
        assertEquals(1, j.del("l2"));
        assertNull(objectAt(2, "l2"));
    }
}
