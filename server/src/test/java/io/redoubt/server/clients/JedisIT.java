package io.redoubt.server.clients;

import io.redoubt.server.testutil.TargetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jedis, the most used Java client, against an embedded server: plain calls, pipelines, binary values, a pool. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JedisIT {
    private TargetServer server;
    private Jedis jedis;

    @BeforeAll
    void start() throws IOException {
        server = TargetServer.start();
        jedis = new Jedis(server.host(), server.port());
    }

    @AfterAll
    void stop() {
        if (jedis != null) {
            jedis.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void empty() {
        jedis.flushAll();
    }

    @Test
    void strings_and_counters() {
        assertEquals("PONG", jedis.ping());
        assertEquals("OK", jedis.set("k", "v"));
        assertEquals("v", jedis.get("k"));
        assertNull(jedis.get("missing"));
        assertNull(jedis.set("k", "w", SetParams.setParams().nx()));
        assertEquals("v", jedis.setGet("k", "w"));
        assertEquals(1, jedis.incr("n"));
        assertEquals(11, jedis.incrBy("n", 10));
        assertEquals(1.5, jedis.incrByFloat("f", 1.5), 0.0);
        assertEquals("OK", jedis.mset("a", "1", "b", "2"));
        assertEquals(List.of("1", "2"), jedis.mget("a", "b"));
        assertEquals(5, jedis.append("s", "hello"));
        assertEquals("ell", jedis.getrange("s", 1, 3));
        JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.incr("s"));
        assertEquals("ERR value is not an integer or out of range", e.getMessage());
    }

    @Test
    void keys_and_expiry() {
        jedis.set("k", "v");
        assertEquals(1, jedis.expire("k", 100));
        long ttl = jedis.ttl("k");
        assertTrue(ttl > 90 && ttl <= 100, "ttl " + ttl);
        assertEquals(1, jedis.persist("k"));
        assertEquals(-1, jedis.ttl("k"));
        assertEquals(-2, jedis.ttl("missing"));
        assertEquals("string", jedis.type("k"));
        assertEquals("OK", jedis.rename("k", "k2"));
        assertTrue(jedis.exists("k2"));
        assertEquals(1, jedis.del("k2"));
        assertEquals(0, jedis.dbSize());
    }

    @Test
    void binary_values_round_trip() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] key = {0, '\r', '\n', (byte) 0xff, ' '};
        jedis.set(key, all);
        assertArrayEquals(all, jedis.get(key));

        byte[] big = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(big);
        jedis.set("big".getBytes(StandardCharsets.US_ASCII), big);
        assertArrayEquals(big, jedis.get("big".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(big.length, jedis.strlen("big"));

        assertArrayEquals(new byte[0], jedis.get(setEmpty()));
    }

    private byte[] setEmpty() {
        byte[] k = "empty".getBytes(StandardCharsets.US_ASCII);
        jedis.set(k, new byte[0]);
        return k;
    }

    @Test
    void pipeline_of_thousands_of_commands() {
        int n = 5_000;
        List<Response<String>> gets = new ArrayList<>();
        try (Pipeline p = jedis.pipelined()) {
            for (int i = 0; i < n; i++) {
                p.set("key:" + i, "value:" + i);
            }
            for (int i = 0; i < n; i++) {
                gets.add(p.get("key:" + i));
            }
            p.sync();
        }
        for (int i = 0; i < n; i++) {
            assertEquals("value:" + i, gets.get(i).get());
        }
        assertEquals(n, jedis.dbSize());
    }

    @Test
    void pipeline_carries_errors_in_place() {
        jedis.set("s", "text");
        Response<Long> ok;
        Response<Long> bad;
        Response<String> after;
        try (Pipeline p = jedis.pipelined()) {
            ok = p.incr("n");
            bad = p.incr("s");
            after = p.get("s");
            p.sync();
        }
        assertEquals(1L, ok.get());
        assertThrows(JedisDataException.class, bad::get);
        assertEquals("text", after.get());
    }

    @Test
    void pool_of_connections_sees_one_keyspace() {
        try (JedisPool pool = new JedisPool(server.host(), server.port())) {
            for (int i = 0; i < 8; i++) {
                try (Jedis j = pool.getResource()) {
                    j.incr("shared");
                }
            }
        }
        assertEquals("8", jedis.get("shared"));
    }

    @Test
    void select_gives_separate_databases() {
        try (Jedis other = new Jedis(server.host(), server.port())) {
            other.select(3);
            other.set("k", "in db 3");
            assertNull(jedis.get("k"));
            assertEquals("in db 3", other.get("k"));
        }
    }
}
