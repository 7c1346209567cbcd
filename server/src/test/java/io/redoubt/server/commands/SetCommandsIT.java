package io.redoubt.server.commands;

import io.redoubt.server.RedoubtServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Set behaviour the differential test cannot compare: Redis 7.2's listpack encoding (the installed reference
 * Redis 7.0 has none), random replies (SPOP, SRANDMEMBER: sizes and membership only), SSCAN over a changing
 * hashtable, memory accounting.
 */
class SetCommandsIT {
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

    /** SMEMBERS in the server's order (Jedis's smembers returns an unordered set). */
    @SuppressWarnings("unchecked")
    private List<String> ordered(String key) {
        List<String> out = new ArrayList<>();
        for (Object m : (List<Object>) jedis.sendCommand(Protocol.Command.SMEMBERS, key)) {
            out.add(new String((byte[]) m, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String[] members(String prefix, int n) {
        String[] m = new String[n];
        for (int i = 0; i < n; i++) {
            m[i] = prefix + i;
        }
        return m;
    }

    @Test
    void encoding_intsetTurnsIntoListpackOnAString_asRedis72() {
        jedis.sadd("s", "3", "1", "2");
        assertEquals("intset", jedis.objectEncoding("s"));
        jedis.sadd("s", "a");
        assertEquals("listpack", jedis.objectEncoding("s"), "Redis 7.0 would say hashtable");
        assertEquals(List.of("1", "2", "3", "a"), ordered("s"), "intset order, then insertion order");
        jedis.sadd("s", "0");
        assertEquals(List.of("1", "2", "3", "a", "0"), ordered("s"));
        jedis.srem("s", "2");
        assertEquals(List.of("1", "3", "a", "0"), ordered("s"), "a removal keeps the order");
    }

    @Test
    void encoding_listpackLimits() {
        jedis.configSet("set-max-listpack-entries", "3");
        jedis.configSet("set-max-listpack-value", "5");
        jedis.sadd("s", "a", "b", "c");
        assertEquals("listpack", jedis.objectEncoding("s"));
        jedis.sadd("s", "d");
        assertEquals("hashtable", jedis.objectEncoding("s"));
        jedis.srem("s", "a", "b", "c");
        assertEquals("hashtable", jedis.objectEncoding("s"), "never back");

        jedis.sadd("long", "abcdef");
        assertEquals("hashtable", jedis.objectEncoding("long"), "created as a listpack, too long a member for one");
        jedis.sadd("long2", "x");
        jedis.sadd("long2", "abcdef");
        assertEquals("hashtable", jedis.objectEncoding("long2"), "a member over set-max-listpack-value");

        jedis.sadd("many", "a", "b", "c", "d");
        assertEquals("hashtable", jedis.objectEncoding("many"), "presized as a hashtable from the argument count");
    }

    @Test
    void encoding_intsetPastItsLimit() {
        jedis.configSet("set-max-intset-entries", "4");
        jedis.sadd("i", "1", "2", "3", "4");
        assertEquals("intset", jedis.objectEncoding("i"));
        jedis.sadd("i", "5");
        assertEquals("hashtable", jedis.objectEncoding("i"));
        jedis.sadd("big", "1", "2", "3", "4", "5", "6");
        assertEquals("listpack", jedis.objectEncoding("big"), "more integers than an intset holds: a listpack in 7.2");
        jedis.sadd("wide", "1", "2");
        jedis.configSet("set-max-listpack-value", "3");
        jedis.sadd("wide2", "1000", "2");
        jedis.sadd("wide2", "x");
        assertEquals("hashtable", jedis.objectEncoding("wide2"), "an integer wider than set-max-listpack-value");
        jedis.sadd("wide", "x");
        assertEquals("listpack", jedis.objectEncoding("wide"));
    }

    @Test
    void storeCommands_chooseTheResultEncoding() {
        jedis.sadd("a", "1", "2", "x");
        jedis.sadd("b", "1", "2", "y");
        jedis.sinterstore("d", "a", "b");
        assertEquals("intset", jedis.objectEncoding("d"), "an all-integer intersection becomes an intset");
        jedis.sunionstore("u", "a", "b");
        assertEquals("listpack", jedis.objectEncoding("u"));
        assertEquals(List.of("1", "2", "x", "y"), ordered("u"));
        jedis.sdiffstore("f", "a", "b");
        assertEquals(List.of("x"), ordered("f"));
        assertEquals("listpack", jedis.objectEncoding("f"));
    }

    @Test
    void spop_withCount_removesWhatItReturns() {
        for (String encoding : new String[] {"intset", "listpack", "hashtable"}) {
            jedis.del("s");
            String[] all = switch (encoding) {
                case "intset" -> members("", 100);
                case "listpack" -> members("m", 100);
                default -> members("member-", 1000);
            };
            jedis.sadd("s", all);
            assertEquals(encoding, jedis.objectEncoding("s"));
            Set<String> left = new HashSet<>(List.of(all));
            for (long count : new long[] {1, 3, all.length / 2, all.length / 2 - 10}) {
                Set<String> popped = jedis.spop("s", count);
                assertEquals(count, popped.size(), encoding);
                assertTrue(left.containsAll(popped), encoding);
                left.removeAll(popped);
                assertEquals(left, jedis.smembers("s"), encoding);
            }
            String one = jedis.spop("s");
            assertTrue(left.remove(one));
            assertEquals(left.size(), jedis.scard("s"));
            assertEquals(left, jedis.spop("s", 10_000));
            assertEquals(false, jedis.exists("s"));
        }
    }

    @Test
    void spop_rebuildingFewRemainingMembers_makesAListpack() {
        jedis.sadd("s", members("member-", 300));
        assertEquals("hashtable", jedis.objectEncoding("s"));
        jedis.spop("s", 290);
        assertEquals(10, jedis.scard("s"));
        assertEquals("listpack", jedis.objectEncoding("s"), "Redis 7.2 rebuilds the set from the 10 members it keeps");
    }

    @Test
    void srandmember_countsAndRepeats() {
        for (String[] all : new String[][] {members("", 50), members("m", 50), members("member-", 1000)}) {
            jedis.del("s");
            jedis.sadd("s", all);
            Set<String> set = new HashSet<>(List.of(all));
            for (int count : new int[] {1, 5, all.length / 2, all.length - 1, all.length, all.length + 5}) {
                List<String> got = jedis.srandmember("s", count);
                assertEquals(Math.min(count, all.length), got.size());
                assertEquals(got.size(), new HashSet<>(got).size(), "distinct for a positive count");
                assertTrue(set.containsAll(got));
            }
            List<String> repeated = jedis.srandmember("s", -3 * all.length);
            assertEquals(3 * all.length, repeated.size());
            assertTrue(set.containsAll(repeated));
            Map<String, Integer> seen = new HashMap<>();
            for (String m : repeated) {
                seen.merge(m, 1, Integer::sum);
            }
            assertTrue(seen.values().stream().anyMatch(n -> n > 1), "a negative count repeats members");
            assertTrue(set.contains(jedis.srandmember("s")));
            assertEquals(all.length, jedis.scard("s"), "SRANDMEMBER removes nothing");
        }
    }

    @Test
    void sscan_returnsEveryMemberPresentForTheWholeScan_whileTheSetChanges() {
        String[] stable = members("stable-", 2000);
        jedis.sadd("s", stable);
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int round = 0;
        do {
            ScanResult<String> page = jedis.sscan("s", cursor, new ScanParams().count(50));
            seen.addAll(page.getResult());
            cursor = page.getCursor();
            // Grow and shrink the table between calls: members added, then removed again.
            if (round % 3 == 0) {
                jedis.sadd("s", members("extra-" + round + "-", 500));
            } else if (round % 3 == 2) {
                jedis.srem("s", members("extra-" + (round - 2) + "-", 500));
            }
            round++;
        } while (!cursor.equals("0"));
        assertTrue(seen.containsAll(List.of(stable)), "missing " + (stable.length - seen.stream().filter(m -> m.startsWith("stable-")).count()));
    }

    @Test
    void sscan_match() {
        jedis.sadd("s", members("k", 1000));
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            ScanResult<String> page = jedis.sscan("s", cursor, new ScanParams().match("k99*").count(100));
            seen.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals("0"));
        assertEquals(Set.of("k99", "k990", "k991", "k992", "k993", "k994", "k995", "k996", "k997", "k998", "k999"), seen);
    }

    @Test
    void copy_isIndependent() {
        jedis.sadd("s", members("m", 300));
        jedis.copy("s", "t", false);
        jedis.srem("s", "m1");
        assertEquals(300, jedis.scard("t"));
        assertEquals(299, jedis.scard("s"));
        assertEquals("hashtable", jedis.objectEncoding("t"));
    }

    private long entryMemory(String key) {
        return server.call(() -> {
            var db = server.internals().keyspace().db(0);
            return db.entryMemory(db.find(key.getBytes()));
        });
    }

    @Test
    void memoryUsage_growsWithTheSet() {
        jedis.sadd("s", "x");
        long small = entryMemory("s");
        jedis.sadd("s", members("element-", 1000));
        long big = entryMemory("s");
        assertTrue(big > small + 1000 * 9, "small " + small + " big " + big);
    }
}
