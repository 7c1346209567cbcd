package io.redoubt.server.diff;

import io.redoubt.server.RedoubtServer;
import io.redoubt.server.testutil.Programs;
import io.redoubt.server.testutil.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;

/**
 * A real redis-server and an embedded Redoubt for one test class, each with an empty keyspace before every
 * test. Skipped, with a message, where redis-server is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DiffTestBase {
    RealRedis redis;
    RedoubtServer redoubt;
    RespClient redisClient;
    RespClient redoubtClient;
    DiffSession session;

    @BeforeAll
    void startServers() throws IOException {
        redis = RealRedis.start(Programs.require("redis-server", "redis-server"));
        redisClient = new RespClient(redis.host(), redis.port());
        RespValue info = redisClient.call("INFO", "server");
        String text = ((RespValue.Bulk) info).text();
        String version = text.replaceAll("(?s).*redis_version:([0-9.]+).*", "$1");
        Assumptions.assumeTrue(Integer.parseInt(version.split("\\.")[0]) >= 7,
                () -> "skipped: the differential test needs redis-server 7 or newer, found " + version);
        redoubt = RedoubtServer.builder().port(0).set("save", "").set("appendonly", "no").start();
        redoubtClient = new RespClient(redoubt.host(), redoubt.port());
        session = new DiffSession(redisClient, redoubtClient);
    }

    @BeforeEach
    void emptyKeyspaces() throws IOException {
        for (RespClient c : new RespClient[] {redisClient, redoubtClient}) {
            c.call("SELECT", "0");
            c.call("FLUSHALL");
        }
    }

    @AfterAll
    void stopServers() throws IOException {
        if (redisClient != null) {
            redisClient.close();
        }
        if (redoubtClient != null) {
            redoubtClient.close();
        }
        if (redoubt != null) {
            redoubt.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
