package io.redoubt.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Lazy expiry on access and active expiry from the cron, which removes keys nobody touches. */
class ExpiryIT {
    private RedoubtServer server;
    private Jedis j;

    @BeforeEach
    void start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").set("hz", "50").start();
        j = new Jedis(server.host(), server.port(), 30_000);
    }

    @AfterEach
    void stop() {
        j.close();
        server.close();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void activeExpire(boolean on) {
        server.call(() -> {
            server.internals().activeExpire(on);
            return null;
        });
    }

    /**
     * Waits until the server's own clock has passed {@code unixMs}, so that keys due by then are expired.
     * Callers pass their clock read after the SET plus its PX: the server's expiry time is at most that.
     */
    private void awaitServerTimePast(long unixMs) {
        await("the server clock to pass " + unixMs, () -> server.call(() -> {
            server.internals().updateClock();
            return server.internals().now() > unixMs;
        }));
    }

    private long expiredKeys() {
        return server.call(() -> server.internals().stats().expiredKeys);
    }

    @Test
    void activeExpiry_removesKeysNobodyTouches() {
        int volatileKeys = 5000;
        try (Pipeline p = j.pipelined()) {
            for (int i = 0; i < volatileKeys; i++) {
                p.set("v:" + i, "x", SetParams.setParams().px(20 + i % 30));
            }
            for (int i = 0; i < 100; i++) {
                p.set("p:" + i, "x");
            }
            for (int i = 0; i < 100; i++) {
                p.set("later:" + i, "x", SetParams.setParams().ex(1000));
            }
            p.sync();
        }
        // DBSIZE counts keys without looking them up, so only active expiry can make it drop.
        await("active expiry to remove every expired key", () -> j.dbSize() == 200);
        assertEquals(volatileKeys, expiredKeys());
        assertEquals("x", j.get("p:0"));
        long ttl = j.ttl("later:0");
        assertTrue(ttl > 900 && ttl <= 1000, "ttl " + ttl);
        double stale = server.call(() -> server.internals().stats().expiredStalePerc);
        assertTrue(stale > 0 && stale <= 1, "expired_stale_perc " + stale);
    }

    @Test
    void lazyExpiry_deletesOnAccessWhenActiveExpiryIsOff() {
        activeExpire(false);
        j.set("k", "v", SetParams.setParams().px(30));
        j.set("other", "v", SetParams.setParams().px(30));
        awaitServerTimePast(System.currentTimeMillis() + 30);
        // Let several cron runs pass: with active expiry off they must leave the expired keys in place.
        long loops = server.call(() -> server.internals().cronLoops());
        await("a few cron runs", () -> server.call(() -> server.internals().cronLoops()) > loops + 3);
        assertEquals(2, j.dbSize(), "expired keys stay until accessed");
        assertNull(j.get("k"), "an expired key reads as missing");
        assertEquals(1, j.dbSize(), "and reading it deleted it");
        assertEquals(-2, j.ttl("other"));
        assertEquals(0, j.dbSize());
        assertEquals(2, expiredKeys());

        activeExpire(true);
        j.set("k2", "v", SetParams.setParams().px(10));
        await("active expiry back on", () -> j.dbSize() == 0);
    }

    @Test
    void lazyExpiry_everyCommandSeesExpiredKeysAsMissing() {
        activeExpire(false);
        String[] keys = {"a", "b", "c", "d", "e"};
        for (String k : keys) {
            j.set(k, "v", SetParams.setParams().px(20));
        }
        j.set("dst", "keep");
        awaitServerTimePast(System.currentTimeMillis() + 20);
        assertFalse(j.exists("a"));
        assertEquals("none", j.type("b"));
        assertEquals(0, j.expire("c", 100));
        assertEquals(0, j.del("d"));
        assertEquals(0, j.move("e", 1));
        assertEquals(java.util.Set.of("dst"), j.keys("*"), "KEYS skips expired keys");
        assertEquals(1, j.dbSize());
        assertEquals(5, expiredKeys());
    }

    @Test
    void activeExpiry_offAndOnAgainAtFullEffort() {
        activeExpire(false);
        try (Pipeline p = j.pipelined()) {
            for (int i = 0; i < 1000; i++) {
                p.set("v:" + i, "x", SetParams.setParams().px(10));
            }
            p.sync();
        }
        awaitServerTimePast(System.currentTimeMillis() + 10);
        long loops = server.call(() -> server.internals().cronLoops());
        await("a few cron runs", () -> server.call(() -> server.internals().cronLoops()) > loops + 3);
        assertEquals(1000, j.dbSize());
        server.call(() -> {
            server.internals().config().set("active-expire-effort", "10");
            return null;
        });
        activeExpire(true);
        await("active expiry to catch up", () -> j.dbSize() == 0);
        assertEquals(1000, expiredKeys());
    }

    @Test
    void randomkeyAndScan_skipAndDeleteExpiredKeys() {
        activeExpire(false);
        try (Pipeline p = j.pipelined()) {
            for (int i = 0; i < 50; i++) {
                p.set("gone:" + i, "x", SetParams.setParams().px(20));
            }
            p.sync();
        }
        j.set("stays", "x");
        awaitServerTimePast(System.currentTimeMillis() + 20);
        for (int i = 0; i < 20; i++) {
            assertEquals("stays", j.randomKey(), "RANDOMKEY never returns an expired key");
        }
        java.util.Set<String> scanned = new java.util.HashSet<>();
        String cursor = "0";
        do {
            redis.clients.jedis.resps.ScanResult<String> r = j.scan(cursor);
            scanned.addAll(r.getResult());
            cursor = r.getCursor();
        } while (!cursor.equals("0"));
        assertEquals(java.util.Set.of("stays"), scanned);
        assertEquals(1, j.dbSize(), "SCAN deleted the expired keys it met");
        assertEquals(50, expiredKeys());
    }
}
