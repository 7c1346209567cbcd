package io.redoubt.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keyspace notifications: a subscriber to {@code __key*__:*} collects the events a script of commands causes,
 * checked against Redis's event names and order, and compared with a real redis-server where one is installed.
 */
class KeyspaceEventsIT {
    private RedoubtServer server;

    @BeforeEach
    void start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Commands run in order by the publisher; every family Redis notifies for. */
    private static final String[][] SCRIPT = {
            {"SET", "s", "v"}, {"SET", "s", "w", "EX", "100"}, {"APPEND", "s", "x"}, {"APPEND", "s2", "x"},
            {"SETRANGE", "s", "1", "yy"}, {"SETRANGE", "s3", "2", "z"}, {"INCR", "n"}, {"INCRBY", "n", "5"},
            {"DECR", "n"}, {"INCRBYFLOAT", "f", "1.5"}, {"GETSET", "s", "g"}, {"GETDEL", "s2"}, {"MSET", "m1", "1", "m2", "2"},
            {"SETNX", "m1", "x"}, {"SETNX", "m3", "x"}, {"SETEX", "e", "100", "v"}, {"PSETEX", "e", "100000", "v"},
            {"GETEX", "e", "EX", "200"}, {"GETEX", "e", "PERSIST"}, {"EXPIRE", "m1", "100"}, {"PERSIST", "m1"},
            {"PEXPIREAT", "m3", "1"}, {"RENAME", "m1", "r1"}, {"RENAME", "r1", "m2"}, {"MOVE", "m2", "1"},
            {"COPY", "n", "n2"}, {"COPY", "n", "n2", "REPLACE"}, {"COPY", "n", "n3", "DB", "1"}, {"DEL", "n", "n2", "missing"},
            {"UNLINK", "f"}, {"SETBIT", "b", "7", "1"}, {"SETBIT", "b", "7", "1"}, {"BITFIELD", "b", "SET", "u8", "8", "3"},
            {"BITOP", "NOT", "b2", "b"}, {"BITOP", "AND", "b2", "nokey"},
            {"LPUSH", "l", "a", "b", "c"}, {"RPUSH", "l", "d"}, {"LPUSHX", "l", "e"}, {"RPUSHX", "nol", "e"},
            {"LPOP", "l"}, {"RPOP", "l", "1"}, {"LINSERT", "l", "BEFORE", "a", "z"}, {"LSET", "l", "0", "q"},
            {"LREM", "l", "0", "z"}, {"LTRIM", "l", "0", "5"}, {"LMOVE", "l", "l2", "LEFT", "RIGHT"},
            {"RPOPLPUSH", "l", "l2"}, {"LMPOP", "2", "nol", "l2", "LEFT", "COUNT", "10"}, {"BLPOP", "l", "0"},
            {"RPUSH", "l3", "x"}, {"LTRIM", "l3", "1", "0"},
            {"HSET", "h", "a", "1", "b", "2"}, {"HSETNX", "h", "c", "3"}, {"HSETNX", "h", "c", "4"}, {"HINCRBY", "h", "a", "2"},
            {"HINCRBYFLOAT", "h", "b", "0.5"}, {"HDEL", "h", "a", "zz"}, {"HDEL", "h", "b", "c"},
            {"SADD", "S", "a", "b", "c"}, {"SADD", "S", "a"}, {"SREM", "S", "zz"}, {"SREM", "S", "a"},
            {"SMOVE", "S", "S2", "b"}, {"SADD", "S3", "b", "q"}, {"SINTERSTORE", "Si", "S2", "S3"},
            {"SUNIONSTORE", "Su", "S2", "S3"}, {"SDIFFSTORE", "Si", "S2", "S2"}, {"SPOP", "S"},
            {"ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f"}, {"ZADD", "z", "1", "a"},
            {"ZINCRBY", "z", "1", "a"}, {"ZREM", "z", "a"}, {"ZREMRANGEBYSCORE", "z", "2", "2"},
            {"ZREMRANGEBYRANK", "z", "0", "0"}, {"ZREMRANGEBYLEX", "z", "[d", "[d"}, {"ZPOPMIN", "z"},
            {"ZADD", "z2", "1", "x"}, {"ZUNIONSTORE", "zu", "2", "z", "z2"}, {"ZINTERSTORE", "zi", "2", "z", "z2"},
            {"ZDIFFSTORE", "zd", "1", "z"}, {"ZRANGESTORE", "zr", "z", "0", "-1"}, {"ZRANGESTORE", "zr", "z", "5", "6"},
            {"ZPOPMAX", "z"}, {"BZPOPMIN", "z2", "0"}, {"ZMPOP", "1", "zu", "MAX"},
            {"RPUSH", "sl", "3", "1", "2"}, {"SORT", "sl", "STORE", "sorted"}, {"SORT", "nosuch", "STORE", "sorted"},
    };

    /** Runs {@link #SCRIPT} with a subscriber and returns the messages it received, in order. */
    private static List<String> events(int port, String classes) throws Exception {
        List<String> out = new ArrayList<>();
        try (RawClient sub = new RawClient(port); RawClient pub = new RawClient(port)) {
            pub.call("FLUSHALL");
            pub.call("CONFIG", "SET", "notify-keyspace-events", classes);
            sub.call("PSUBSCRIBE", "__key*__:*");
            sub.call("SUBSCRIBE", "end");
            for (String[] command : SCRIPT) {
                pub.call(command);
            }
            pub.call("PUBLISH", "end", "end");
            for (String m = sub.reply(); !m.contains("$3\r\nend\r\n$3\r\nend"); m = sub.reply()) {
                out.add(readable(m));
            }
            pub.call("CONFIG", "SET", "notify-keyspace-events", "");
        }
        return out;
    }

    /** "channel message" from a RESP2 pmessage. */
    private static String readable(String pmessage) {
        String[] lines = pmessage.split("\r\n");
        return lines[6] + " " + lines[8];
    }

    @Test
    void script_eventsInRedisOrder() throws Exception {
        List<String> e = events(server.port(), "KEA");
        assertTrue(e.containsAll(List.of("__keyspace@0__:s set", "__keyevent@0__:set s", "__keyevent@0__:expire s")));
        List<String> keyevents = e.stream().filter(m -> m.startsWith("__keyevent")).map(m -> m.substring(m.indexOf(':') + 1)).toList();
        int lmove = keyevents.indexOf("rpush l2");
        assertEquals("lpop l", keyevents.get(lmove + 1), "LMOVE: the push is notified before the pop, as Redis 7.2");
        int rename = keyevents.indexOf("rename_from m1");
        assertEquals("rename_to r1", keyevents.get(rename + 1));
        int move = keyevents.indexOf("move_from m2");
        assertEquals("move_to m2", keyevents.get(move + 1));
        assertEquals("__keyevent@1__:move_to m2", e.get(e.indexOf("__keyspace@1__:m2 move_to") + 1));
        int hdel = keyevents.lastIndexOf("hdel h");
        assertEquals("del h", keyevents.get(hdel + 1), "an emptied collection is deleted after its event");
        assertEquals(List.of(), missing(keyevents, List.of("incrby n", "incrbyfloat f", "append s", "setrange s", "setbit b",
                "lpush l", "rpush l", "linsert l", "lset l", "lrem l", "ltrim l", "hset h", "hincrby h", "hincrbyfloat h",
                "sadd S", "srem S", "spop S", "sinterstore Si", "sunionstore Su", "del Si", "zadd z", "zincr z", "zrem z",
                "zremrangebyscore z", "zremrangebyrank z", "zremrangebylex z", "zpopmin z", "zpopmax z", "zunionstore zu",
                "zdiffstore zd", "zrangestore zr", "del zr", "sortstore sorted", "copy_to n2", "persist m1",
                "del m3", "persist e", "lpop l")));
        assertTrue(!keyevents.contains("new s"), "'new' is not part of A");
    }

    private static List<String> missing(List<String> got, List<String> expected) {
        return expected.stream().filter(x -> !got.contains(x)).toList();
    }

    @Test
    void newKeyEvents_onlyForKeysCreated() throws Exception {
        List<String> e = events(server.port(), "En");
        assertEquals("__keyevent@0__:new s", e.get(0));
        assertEquals("__keyevent@0__:new s2", e.get(1), "the second SET of s is no new key");
    }

    @Test
    void script_matchesRealRedis() throws Exception {
        RealRedis redis = RealRedis.start();
        assumeTrue(redis != null, "redis-server is not installed: skipping the comparison with Redis");
        try (redis) {
            for (String classes : new String[] {"KEA", "KEAn", "Kl", "Eg$", "KEn"}) {
                assertEquals(events(redis.port(), classes), events(server.port(), classes), classes);
            }
        }
    }

    /** Events of blocked clients served by a push: the push first, then what the served command did. */
    private static List<String> blockedEvents(int port) throws Exception {
        List<String> out = new ArrayList<>();
        try (RawClient sub = new RawClient(port); RawClient pub = new RawClient(port); RawClient blocked = new RawClient(port)) {
            pub.call("FLUSHALL");
            pub.call("CONFIG", "SET", "notify-keyspace-events", "KEA");
            sub.call("PSUBSCRIBE", "__key*__:*");
            sub.call("SUBSCRIBE", "end");
            String[][] served = {{"BLMOVE", "src", "dst", "RIGHT", "LEFT", "0"}, {"BLPOP", "src", "0"},
                    {"BZPOPMIN", "zs", "0"}, {"BLMPOP", "0", "1", "src", "LEFT", "COUNT", "2"}};
            String[][] feeders = {{"LPUSH", "src", "a"}, {"RPUSH", "src", "a"}, {"ZADD", "zs", "1", "m"}, {"RPUSH", "src", "c", "d"}};
            for (int i = 0; i < served.length; i++) {
                blocked.command(served[i]);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (!pub.call("INFO", "clients").contains("blocked_clients:1") && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                pub.call(feeders[i]);
                blocked.reply();
            }
            pub.call("PUBLISH", "end", "end");
            for (String m = sub.reply(); !m.contains("$3\r\nend\r\n$3\r\nend"); m = sub.reply()) {
                out.add(readable(m));
            }
            pub.call("CONFIG", "SET", "notify-keyspace-events", "");
        }
        return out;
    }

    @Test
    void blockedClientsServed_eventsAsRedis() throws Exception {
        List<String> e = blockedEvents(server.port());
        List<String> keyevents = e.stream().filter(m -> m.startsWith("__keyevent")).map(m -> m.substring(m.indexOf(':') + 1)).toList();
        assertEquals(List.of("lpush src", "lpush dst", "rpop src", "del src", "rpush src", "lpop src", "del src", "zadd zs",
                "zpopmin zs", "del zs", "rpush src", "lpop src", "del src"), keyevents);
        RealRedis redis = RealRedis.start();
        assumeTrue(redis != null, "redis-server is not installed: skipping the comparison with Redis");
        try (redis) {
            assertEquals(blockedEvents(redis.port()), e);
        }
    }

    @Test
    void expiredAndEvictedEvents() throws Exception {
        try (RawClient sub = new RawClient(server.port()); RawClient pub = new RawClient(server.port())) {
            pub.call("CONFIG", "SET", "notify-keyspace-events", "Exe");
            sub.call("PSUBSCRIBE", "__key*__:*");
            pub.call("SET", "lazy", "v", "PX", "1");
            pub.call("SET", "active", "v", "PX", "1");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!pub.call("PTTL", "lazy").equals(":-2\r\n") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            List<String> got = List.of(readable(sub.reply()), readable(sub.reply()));
            assertTrue(got.contains("__keyevent@0__:expired lazy"), got.toString());
            assertTrue(got.contains("__keyevent@0__:expired active"), got.toString());
            pub.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
            pub.call("SET", "foo", "bar");
            pub.call("CONFIG", "SET", "maxmemory", "1");
            assertEquals("__keyevent@0__:evicted foo", readable(sub.reply()));
            pub.call("CONFIG", "SET", "maxmemory", "0");
        }
    }

    @Test
    void keyMissEvents() throws Exception {
        try (RawClient sub = new RawClient(server.port()); RawClient pub = new RawClient(server.port())) {
            pub.call("CONFIG", "SET", "notify-keyspace-events", "Em");
            sub.call("PSUBSCRIBE", "__key*__:*");
            pub.call("GET", "absent");
            assertEquals("__keyevent@0__:keymiss absent", readable(sub.reply()));
        }
    }
}
