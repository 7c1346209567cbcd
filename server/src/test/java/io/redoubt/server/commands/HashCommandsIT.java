package io.redoubt.server.commands;

import io.redoubt.server.RawClient;
import io.redoubt.server.RedoubtServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hash behaviour beyond single replies: encodings, large-hash scans and random picks, RESP3 reply shapes. */
class HashCommandsIT {
    private RedoubtServer server;
    private Jedis jedis;

    @BeforeEach
    void start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
        jedis = new Jedis(server.host(), server.port(), 30_000);
    }

    @AfterEach
    void stop() {
        jedis.close();
        server.close();
    }

    @Test
    void encoding_convertsAtTheEntryLimitAndNeverBack() {
        jedis.configSet("hash-max-listpack-entries", "3");
        jedis.hset("h", Map.of("a", "1", "b", "2", "c", "3"));
        assertEquals("listpack", jedis.objectEncoding("h"));
        jedis.hset("h", "d", "4");
        assertEquals("hashtable", jedis.objectEncoding("h"));
        jedis.hdel("h", "a", "b", "c");
        assertEquals("hashtable", jedis.objectEncoding("h"));
        assertEquals(Map.of("d", "4"), jedis.hgetAll("h"));
    }

    @Test
    void encoding_convertsOnALongFieldOrValue_includingByIncrement() {
        jedis.configSet("hash-max-listpack-value", "4");
        jedis.hset("v", "f", "1234");
        assertEquals("listpack", jedis.objectEncoding("v"));
        jedis.hset("v", "f", "12345");
        assertEquals("hashtable", jedis.objectEncoding("v"));
        jedis.hset("k", "12345", "x");
        assertEquals("hashtable", jedis.objectEncoding("k"));
        jedis.hset("i", "n", "9999");
        jedis.hincrBy("i", "n", 1);
        assertEquals("hashtable", jedis.objectEncoding("i"));
        assertEquals("10000", jedis.hget("i", "n"));
    }

    @Test
    void encoding_morePairsThanTheLimitInOneHsetIsAHashtable_asRedis72() {
        // Redis 7.2's hashTypeTryConversion counts the pairs before de-duplicating them; 7.0 kept a listpack.
        jedis.configSet("hash-max-listpack-entries", "4");
        jedis.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode("HSET"),
                "dup", "a", "1", "a", "2", "a", "3", "a", "4", "a", "5");
        assertEquals(1L, jedis.hlen("dup"));
        assertEquals("hashtable", jedis.objectEncoding("dup"));
    }

    @Test
    void hashtable_getSetDeleteManyFields() {
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            jedis.hset("h", "f" + i, "v" + i);
            expected.put("f" + i, "v" + i);
        }
        for (int i = 0; i < 2000; i += 3) {
            assertEquals(1L, jedis.hdel("h", "f" + i));
            expected.remove("f" + i);
        }
        assertEquals("hashtable", jedis.objectEncoding("h"));
        assertEquals(expected.size(), jedis.hlen("h"));
        assertEquals(expected, jedis.hgetAll("h"));
        for (int i = 0; i < 2000; i++) {
            assertEquals(expected.get("f" + i), jedis.hget("h", "f" + i));
        }
        assertEquals(expected.size(), jedis.hkeys("h").size());
        assertEquals(expected.size(), jedis.hvals("h").size());
    }

    @Test
    void hscan_largeHash_returnsEveryFieldPresentThroughout_despiteDeletesAndInserts() {
        for (int i = 0; i < 1000; i++) {
            jedis.hset("h", "f" + i, "v" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int round = 0;
        do {
            ScanResult<Map.Entry<String, String>> page = jedis.hscan("h", cursor, new ScanParams().count(25));
            for (Map.Entry<String, String> e : page.getResult()) {
                seen.add(e.getKey());
                assertEquals(e.getKey().startsWith("new") ? "x" : "v" + e.getKey().substring(1), e.getValue());
            }
            cursor = page.getCursor();
            // Churn between pages: delete fields 500+ (never required), add new ones.
            jedis.hdel("h", "f" + (500 + round));
            jedis.hset("h", "new" + round, "x");
            round++;
        } while (!cursor.equals("0"));
        for (int i = 0; i < 500; i++) {
            assertTrue(seen.contains("f" + i), "missing f" + i);
        }
    }

    @Test
    void hscan_largeHash_cursorBeyondTheHashRestartsFromItsEnd() {
        for (int i = 0; i < 200; i++) {
            jedis.hset("h", "f" + i, "v");
        }
        for (String start : new String[] {"18446744073709551615", "100000"}) {
            Set<String> seen = new HashSet<>();
            String cursor = start;
            do {
                ScanResult<Map.Entry<String, String>> page = jedis.hscan("h", cursor, new ScanParams().count(30));
                page.getResult().forEach(e -> seen.add(e.getKey()));
                cursor = page.getCursor();
            } while (!cursor.equals("0"));
            assertEquals(200, seen.size());
        }
    }

    @Test
    void hscan_matchOnLargeHash() {
        for (int i = 0; i < 300; i++) {
            jedis.hset("h", (i % 2 == 0 ? "even" : "odd") + i, "v");
        }
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<Map.Entry<String, String>> page = jedis.hscan("h", cursor, new ScanParams().match("even*").count(50));
            page.getResult().forEach(e -> seen.add(e.getKey()));
            cursor = page.getCursor();
        } while (!cursor.equals("0"));
        assertEquals(150, seen.size());
        assertTrue(seen.stream().allMatch(f -> f.startsWith("even")));
    }

    @Test
    void hrandfield_countsOnSmallAndLargeHashes() {
        for (String key : new String[] {"small", "large"}) {
            int n = key.equals("small") ? 10 : 1000;
            for (int i = 0; i < n; i++) {
                jedis.hset(key, "f" + i, "v" + i);
            }
            List<String> distinct = jedis.hrandfield(key, 5);
            assertEquals(5, new HashSet<>(distinct).size());
            assertEquals(n, jedis.hrandfield(key, n + 5).size());
            List<String> repeats = jedis.hrandfield(key, -(n * 3L));
            assertEquals(n * 3, repeats.size());
            assertTrue(repeats.stream().allMatch(f -> jedis.hexists(key, f)));
            List<Map.Entry<String, String>> pairs = jedis.hrandfieldWithValues(key, n - 1);
            assertEquals(n - 1, new HashSet<>(pairs.stream().map(Map.Entry::getKey).toList()).size());
            pairs.forEach(e -> assertEquals(e.getValue(), "v" + e.getKey().substring(1)));
            assertTrue(jedis.hexists(key, jedis.hrandfield(key)));
        }
    }

    @Test
    void resp3_replyShapes() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.call("HELLO", "3");
            c.call("HSET", "h", "a", "1");
            assertEquals("%1\r\n$1\r\na\r\n$1\r\n1\r\n", c.call("HGETALL", "h"));
            assertEquals("%0\r\n", c.call("HGETALL", "missing"));
            assertEquals("_\r\n", c.call("HGET", "h", "x"));
            assertEquals("_\r\n", c.call("HRANDFIELD", "missing"));
            assertEquals("*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n",
                    c.call("HRANDFIELD", "h", "-2", "WITHVALUES"));
            assertEquals("*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", c.call("HRANDFIELD", "h", "3", "WITHVALUES"));
            assertEquals("*2\r\n$1\r\na\r\n$1\r\na\r\n", c.call("HRANDFIELD", "h", "-2"));
            assertEquals("*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", c.call("HSCAN", "h", "0"));
            assertEquals("$3\r\n1.5\r\n", c.call("HINCRBYFLOAT", "h", "a", "0.5"));
            c.call("HELLO", "2");
            assertEquals("*4\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\na\r\n$3\r\n1.5\r\n", c.call("HRANDFIELD", "h", "-2", "WITHVALUES"));
            assertEquals("*0\r\n", c.call("HGETALL", "missing"));
        }
    }

    @Test
    void copyAndMemoryUsage_followTheHash() {
        for (int i = 0; i < 100; i++) {
            jedis.hset("h", "field" + i, "value" + i);
        }
        long small = jedis.memoryUsage("h");
        for (int i = 100; i < 1000; i++) {
            jedis.hset("h", "field" + i, "value" + i);
        }
        assertTrue(jedis.memoryUsage("h") > small * 5, "memory usage grows with the hash");
        assertTrue(jedis.copy("h", "h2", false));
        jedis.hset("h", "field0", "changed");
        assertEquals("value0", jedis.hget("h2", "field0"));
        assertEquals(1000L, jedis.hlen("h2"));
    }
}
