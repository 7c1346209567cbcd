package io.redoubt.server;

import io.redoubt.resp.CommandArgs;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A command that runs out of memory fails with Redis's OOM error; the connection and the server live on. */
class DirectMemoryExhaustionIT {
    @Test
    void outOfMemoryInACommand_repliesOomAndKeepsTheConnection() throws Exception {
        try (RedoubtServer server = RedoubtServer.builder().port(0).set("save", "").start();
             Jedis jedis = new Jedis(server.host(), server.port(), 30_000)) {
            server.call(() -> {
                server.internals().commands().add("testoom", 1, "write denyoom", DirectMemoryExhaustionIT::failWithOom);
                return null;
            });
            JedisDataException e = assertThrows(JedisDataException.class,
                    () -> jedis.sendCommand(() -> SafeEncoder.encode("TESTOOM")));
            assertEquals("OOM command not allowed when used memory > 'maxmemory'.", e.getMessage());
            assertEquals("PONG", jedis.ping());
        }
    }

    static void failWithOom(Client c, CommandArgs a) {
        throw new OutOfMemoryError("Cannot reserve 536870912 bytes of direct buffer memory");
    }
}
