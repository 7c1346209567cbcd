package io.redoubt.server.persist;

import io.redoubt.server.testutil.ProcessRun;
import io.redoubt.server.testutil.Programs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis 7's multi-part append-only directory (manifest, base with or without an RDB preamble, incremental
 * files) moves between Redoubt and Redis with the same contents, and redis-check-aof accepts Redoubt's.
 * The data goes through a rewrite (the base) and then more commands (the incremental file), including
 * commands a log must record as their effect (relative expiries, INCRBYFLOAT, SPOP), transactions and
 * several databases.
 */
class AofInteropIT {

    @ParameterizedTest(name = "aof-use-rdb-preamble {0}")
    @ValueSource(strings = {"yes", "no"})
    void redoubtAof_loadsIntoRedisWithIdenticalContents(String preamble) throws Exception {
        Path checkAof = Programs.require("redis-check-aof", "redis-tools");
        try (ServerProcess redoubt = ServerProcess.redoubt("--save", "", "--appendonly", "yes",
                "--appendfsync", "always", "--aof-use-rdb-preamble", preamble);
             ServerProcess redis = ServerProcess.redis("--save", "", "--appendonly", "yes")) {
            redoubt.start();
            Keyspace expected = writeRewriteWrite(redoubt);
            // No clean shutdown: with appendfsync always the files are complete as they are.
            redoubt.kill();
            Path aofDir = redoubt.dir().resolve("appendonlydir");
            ProcessRun check = ProcessRun.run(List.of(checkAof.toString(),
                    aofDir.resolve("appendonly.aof.manifest").toString()), null, 60);
            assertEquals(0, check.exitCode(), "redis-check-aof on Redoubt's AOF directory:\n" + check);
            assertTrue(check.stdout().contains("All AOF files and manifest are valid"), check.toString());

            PersistOps.copy(aofDir, redis.dir().resolve("appendonlydir"));
            redis.start();
            Keyspace.assertSame(expected, Keyspace.read(redis.host(), redis.port()), "redis-server loading Redoubt's AOF");

            redoubt.start();
            Keyspace.assertSame(expected, Keyspace.read(redoubt.host(), redoubt.port()), "Redoubt reloading its own AOF");
        }
    }

    @ParameterizedTest(name = "aof-use-rdb-preamble {0}")
    @ValueSource(strings = {"yes", "no"})
    void redisAof_loadsIntoRedoubtWithIdenticalContents(String preamble) throws Exception {
        try (ServerProcess redis = ServerProcess.redis("--save", "", "--appendonly", "yes",
                "--appendfsync", "always", "--aof-use-rdb-preamble", preamble);
             ServerProcess redoubt = ServerProcess.redoubt("--save", "", "--appendonly", "yes")) {
            redis.start();
            Keyspace expected = writeRewriteWrite(redis);
            assertEquals(0, redis.terminate(), "redis-server's exit status");
            PersistOps.copy(redis.dir().resolve("appendonlydir"), redoubt.dir().resolve("appendonlydir"));
            redoubt.start();
            Keyspace.assertSame(expected, Keyspace.read(redoubt.host(), redoubt.port()), "Redoubt loading Redis's AOF");
        }
    }

    /** The data set, a rewrite (the base file), then changes (the incremental file): the keyspace read back. */
    private static Keyspace writeRewriteWrite(ServerProcess server) {
        long base = Dataset.expireBase();
        try (Jedis j = new Jedis(server.host(), server.port(), 60_000)) {
            Dataset.write(j, 3, base);
            PersistOps.rewriteAndWait(j);
            Dataset.write(j, 4, base);
            Dataset.mutate(j, base);
        }
        return Keyspace.read(server.host(), server.port());
    }
}
