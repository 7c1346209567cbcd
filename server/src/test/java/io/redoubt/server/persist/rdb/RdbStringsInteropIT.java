package io.redoubt.server.persist.rdb;

import io.redoubt.server.testutil.Programs;
import io.redoubt.server.testutil.RealRedis;
import io.redoubt.server.types.EncodingLimits;
import io.redoubt.store.Database;
import io.redoubt.store.Databases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** String keys in RDB files crossing between Redoubt and a real redis-server, both ways. */
class RdbStringsInteropIT {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void redisLoadsOurFile() throws Exception {
        Path redisServer = Programs.require("redis-server", "redis-server");
        Database db0 = Databases.newOffHeap();
        Database db3 = Databases.newOffHeap();
        byte[] bin = new byte[5000];
        new Random(7).nextBytes(bin);
        long exp = System.currentTimeMillis() + 3_600_000;
        try {
            db0.putString(b("raw"), b("hello"), Database.NO_EXPIRY);
            db0.putString(b("int"), b("-123456"), Database.NO_EXPIRY);
            db0.putString(b("bigint"), b("99999999999"), Database.NO_EXPIRY);
            db0.putString(b("lzf"), b("compress me please ".repeat(500)), exp);
            db0.putString(b("bin"), bin, Database.NO_EXPIRY);
            db0.putString(b("empty"), new byte[0], Database.NO_EXPIRY);
            db0.putString(b("42"), b("integer key"), exp);
            db3.putString(b("in-db-3"), b("x"), Database.NO_EXPIRY);
            Files.write(dir.resolve("ours.rdb"), RdbTestFiles.write(new Database[] {db0, null, null, db3}, true, true));
        } finally {
            db0.release();
            db3.release();
        }
        try (RealRedis r = RealRedis.start(redisServer, "--dir", dir.toString(), "--dbfilename", "ours.rdb");
             Jedis j = new Jedis(r.host(), r.port())) {
            assertEquals(7, j.dbSize());
            assertEquals("hello", j.get("raw"));
            assertEquals("-123456", j.get("int"));
            assertEquals("99999999999", j.get("bigint"));
            assertEquals("compress me please ".repeat(500), j.get("lzf"));
            assertArrayEquals(bin, j.get(b("bin")));
            assertEquals("", j.get("empty"));
            assertEquals("integer key", j.get("42"));
            assertEquals(-1, j.pttl("raw"));
            long ttl = j.pttl("lzf");
            assertTrue(ttl > 3_500_000 && ttl <= 3_600_000, "ttl " + ttl);
            assertEquals(exp, Long.parseLong(j.sendCommand(redis.clients.jedis.Protocol.Command.PEXPIRETIME, "42").toString()));
            j.select(3);
            assertEquals("x", j.get("in-db-3"));
        }
    }

    /** IDLE and FREQ cross both ways: Redis writes them under LRU/LFU policies, and loads ours into its clock. */
    @Test
    void accessClocks_crossBothWays() throws Exception {
        Path redisServer = Programs.require("redis-server", "redis-server");
        for (String policy : new String[] {"allkeys-lru", "allkeys-lfu"}) {
            Path sub = Files.createDirectories(dir.resolve(policy));
            try (RealRedis r = RealRedis.start(redisServer, "--dir", sub.toString(), "--dbfilename", "theirs.rdb",
                    "--maxmemory-policy", policy);
                 Jedis j = new Jedis(r.host(), r.port())) {
                j.set("k", "v");
                for (int i = 0; i < 50; i++) {
                    j.get("k");
                }
                assertEquals("OK", j.save());
            }
            RdbTestFiles.Collected c = RdbTestFiles.read(Files.readAllBytes(sub.resolve("theirs.rdb")), new EncodingLimits());
            RdbTestFiles.Entry k = c.get(0, "k");
            if (policy.endsWith("lru")) {
                assertTrue(k.idle() >= 0 && k.idle() < 100, "idle " + k.idle());
                assertEquals(-1, k.freq());
            } else {
                assertTrue(k.freq() > 5, "freq " + k.freq());
                assertEquals(-1, k.idle());
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        RdbWriter w = new RdbWriter(RdbSink.of(out)).accessClock(null, clock -> 77);
        w.header(RdbFormat.WRITE_VERSION);
        w.entry(b("f"), io.redoubt.store.ValueType.STRING, b("v"), Database.NO_EXPIRY, 0);
        w.end();
        Path lfuDir = Files.createDirectories(dir.resolve("ours-lfu"));
        Files.write(lfuDir.resolve("ours.rdb"), out.toByteArray());
        try (RealRedis r = RealRedis.start(redisServer, "--dir", lfuDir.toString(), "--dbfilename", "ours.rdb",
                "--maxmemory-policy", "allkeys-lfu");
             Jedis j = new Jedis(r.host(), r.port())) {
            assertEquals(77L, j.objectFreq("f"));
        }
        out.reset();
        w = new RdbWriter(RdbSink.of(out)).accessClock(clock -> 5000, null);
        w.header(RdbFormat.WRITE_VERSION);
        w.entry(b("i"), io.redoubt.store.ValueType.STRING, b("v"), Database.NO_EXPIRY, 0);
        w.end();
        Path lruDir = Files.createDirectories(dir.resolve("ours-lru"));
        Files.write(lruDir.resolve("ours.rdb"), out.toByteArray());
        try (RealRedis r = RealRedis.start(redisServer, "--dir", lruDir.toString(), "--dbfilename", "ours.rdb",
                "--maxmemory-policy", "allkeys-lru");
             Jedis j = new Jedis(r.host(), r.port())) {
            long idle = j.objectIdletime("i");
            assertTrue(idle >= 5000 && idle < 5100, "idle " + idle);
        }
    }

    @Test
    void weReadRedisDump() throws Exception {
        Path redisServer = Programs.require("redis-server", "redis-server");
        byte[] bin = new byte[3000];
        new Random(9).nextBytes(bin);
        long exp = System.currentTimeMillis() + 3_600_000;
        try (RealRedis r = RealRedis.start(redisServer, "--dir", dir.toString(), "--dbfilename", "theirs.rdb");
             Jedis j = new Jedis(r.host(), r.port())) {
            j.set("raw", "hello");
            j.set("int8", "12");
            j.set("int16", "-1234");
            j.set("int32", "123456789");
            j.set("bigint", "12345678901234");
            j.set("lzf", "abcdefgh".repeat(300));
            j.set(b("bin"), bin);
            j.set("empty", "");
            j.set("ttl", "v");
            j.pexpireAt("ttl", exp);
            j.select(9);
            j.set("nine", "9");
            assertEquals("OK", j.save());
        }
        byte[] rdb = Files.readAllBytes(dir.resolve("theirs.rdb"));
        RdbTestFiles.Collected c = RdbTestFiles.read(rdb, new EncodingLimits());
        assertTrue(c.ended);
        assertEquals(10, c.entries.size());
        assertArrayEquals(b("hello"), (byte[]) c.get(0, "raw").value());
        assertArrayEquals(b("12"), (byte[]) c.get(0, "int8").value());
        assertArrayEquals(b("-1234"), (byte[]) c.get(0, "int16").value());
        assertArrayEquals(b("123456789"), (byte[]) c.get(0, "int32").value());
        assertArrayEquals(b("12345678901234"), (byte[]) c.get(0, "bigint").value());
        assertArrayEquals(b("abcdefgh".repeat(300)), (byte[]) c.get(0, "lzf").value());
        assertArrayEquals(bin, (byte[]) c.get(0, "bin").value());
        assertArrayEquals(new byte[0], (byte[]) c.get(0, "empty").value());
        assertEquals(exp, c.get(0, "ttl").expireAt());
        assertArrayEquals(b("9"), (byte[]) c.get(9, "nine").value());
        assertTrue(c.aux.stream().anyMatch(a -> a.startsWith("redis-ver=")), c.aux.toString());
    }
}
