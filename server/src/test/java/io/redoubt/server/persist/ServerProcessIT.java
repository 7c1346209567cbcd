package io.redoubt.server.persist;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The crash harness itself: a Redoubt child process that answers, dies on SIGKILL and starts again. */
class ServerProcessIT {

    @Test
    void redoubtProcess_startsKillsAndRestarts() throws Exception {
        try (ServerProcess server = ServerProcess.redoubt("--save", "", "--appendonly", "no")) {
            server.start();
            long firstPid = server.pid();
            try (Jedis j = new Jedis(server.host(), server.port())) {
                assertEquals("PONG", j.ping());
                j.set("k", "v");
            }
            server.kill();
            assertFalse(server.alive());
            server.start();
            assertTrue(server.pid() != firstPid);
            try (Jedis j = new Jedis(server.host(), server.port())) {
                // No persistence configured: the kill lost everything, as it should.
                assertEquals(0L, j.dbSize());
            }
        }
    }

    @Test
    void keyspace_sameDatasetReadsTheSameOnRedoubtAndRedis() throws Exception {
        try (ServerProcess redoubt = ServerProcess.redoubt("--save", "");
             ServerProcess redis = ServerProcess.redis("--save", "")) {
            redoubt.start();
            redis.start();
            long base = Dataset.expireBase();
            try (Jedis a = new Jedis(redoubt.host(), redoubt.port()); Jedis b = new Jedis(redis.host(), redis.port())) {
                Dataset.write(a, 42, base);
                Dataset.write(b, 42, base);
            }
            Keyspace expected = Keyspace.read(redis.host(), redis.port());
            Keyspace actual = Keyspace.read(redoubt.host(), redoubt.port());
            assertTrue(expected.size() > 2000);
            Keyspace.assertSame(expected, actual, "the same commands on Redoubt and Redis");
        }
    }
}
