package io.redoubt.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvictionIT {
    private RedoubtServer server;

    private Jedis start(String policy, long headroom) throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
        long limit = server.internals().usedMemory() + headroom;
        server.call(() -> {
            server.internals().config().set("maxmemory", Long.toString(limit));
            server.internals().config().set("maxmemory-policy", policy);
            server.internals().config().set("maxmemory-samples", "64");
            return null;
        });
        return new Jedis(server.host(), server.port(), 30_000);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private long used() {
        return server.call(() -> server.internals().usedMemory());
    }

    private long evicted() {
        return server.call(() -> server.internals().stats().evictedKeys);
    }

    private static String value() {
        char[] v = new char[1000];
        Arrays.fill(v, 'v');
        return new String(v);
    }

    @Test
    void noeviction_refusesDenyoomCommandsButServesReads() throws Exception {
        try (Jedis j = start("noeviction", 64 * 1024)) {
            String v = value();
            JedisDataException oom = assertThrows(JedisDataException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    j.set("key:" + i, v);
                }
            });
            assertEquals("OOM command not allowed when used memory > 'maxmemory'.", oom.getMessage());
            assertEquals(v, j.get("key:0"));
            assertEquals(0, evicted());
        }
    }

    @Test
    void allkeysLru_keepsMemoryUnderTheLimit() throws Exception {
        try (Jedis j = start("allkeys-lru", 256 * 1024)) {
            String v = value();
            long limit = server.call(() -> server.internals().eviction().maxMemory());
            for (int i = 0; i < 2000; i++) {
                j.set("key:" + i, v);
            }
            j.ping();
            assertTrue(used() <= limit + 4096, "used " + used() + " limit " + limit);
            assertTrue(evicted() > 1000, "evicted " + evicted());
            assertEquals(v, j.get("key:1999"), "the newest key survives");
        }
    }

    @Test
    void volatilePolicies_evictOnlyKeysWithTtl() throws Exception {
        for (String policy : new String[] {"volatile-lru", "volatile-random", "volatile-ttl", "volatile-lfu"}) {
            try (Jedis j = start(policy, 512 * 1024)) {
                String v = value();
                for (int i = 0; i < 100; i++) {
                    j.set("persistent:" + i, v);
                }
                for (int i = 0; i < 1000; i++) {
                    j.set("volatile:" + i, v, SetParams.setParams().ex(1000 + i));
                }
                for (int i = 0; i < 100; i++) {
                    assertEquals(v, j.get("persistent:" + i), policy + " kept persistent:" + i);
                }
                assertTrue(evicted() > 0, policy);
            } finally {
                stop();
                server = null;
            }
        }
    }

    @Test
    void volatileTtl_evictsTheNearestExpiryFirst() throws Exception {
        try (Jedis j = start("volatile-ttl", 128 * 1024)) {
            String v = value();
            for (int i = 0; i < 400; i++) {
                j.set("k:" + i, v, SetParams.setParams().ex(100_000 - i));
            }
            j.ping();
            // Keys were written with falling TTLs: the first ones expire last and are the last to go.
            int early = 0;
            int late = 0;
            for (int i = 0; i < 50; i++) {
                early += j.get("k:" + i) != null ? 1 : 0;
                late += j.get("k:" + (300 + i)) != null ? 1 : 0;
            }
            assertEquals(v, j.get("k:0"));
            assertTrue(early > late, "survivors among the longest TTLs " + early + ", among shorter ones " + late);
        }
    }
}
