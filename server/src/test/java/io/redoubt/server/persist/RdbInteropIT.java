package io.redoubt.server.persist;

import io.redoubt.server.testutil.ProcessRun;
import io.redoubt.server.testutil.Programs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dump.rdb files move between Redoubt and Redis 7 with the same contents, compared key by key (every type,
 * compact and large encodings, big and binary values, several databases, expiries), and redis-check-rdb
 * accepts Redoubt's files. Both directions are tested with the data written through commands, so each
 * server writes its files its own way.
 */
class RdbInteropIT {

    /** Redoubt SAVEs; redis-check-rdb passes; redis-server and a restarted Redoubt load the same keyspace. */
    @ParameterizedTest(name = "rdbcompression {0}, rdbchecksum {1}")
    @CsvSource({"yes, yes", "no, yes", "yes, no"})
    void redoubtDump_loadsIntoRedisWithIdenticalContents(String compression, String checksum) throws Exception {
        Path checkRdb = Programs.require("redis-check-rdb", "redis-tools");
        try (ServerProcess redoubt = ServerProcess.redoubt("--save", "", "--appendonly", "no",
                "--rdbcompression", compression, "--rdbchecksum", checksum);
             ServerProcess redis = ServerProcess.redis("--save", "", "--appendonly", "no")) {
            redoubt.start();
            Keyspace expected;
            try (Jedis j = new Jedis(redoubt.host(), redoubt.port(), 60_000)) {
                Dataset.write(j, 1, Dataset.expireBase());
                assertEquals("OK", j.save());
            }
            expected = Keyspace.read(redoubt.host(), redoubt.port());
            Path dump = redoubt.dir().resolve("dump.rdb");
            ProcessRun check = ProcessRun.run(List.of(checkRdb.toString(), dump.toString()), null, 60);
            assertEquals(0, check.exitCode(), "redis-check-rdb on Redoubt's dump.rdb:\n" + check);
            assertTrue(check.stdout().contains("RDB looks OK"), check.toString());

            PersistOps.copy(dump, redis.dir().resolve("dump.rdb"));
            redis.start();
            Keyspace.assertSame(expected, Keyspace.read(redis.host(), redis.port()), "redis-server loading Redoubt's dump.rdb");

            redoubt.kill();
            redoubt.start();
            Keyspace.assertSame(expected, Keyspace.read(redoubt.host(), redoubt.port()), "Redoubt reloading its own dump.rdb");
        }
    }

    /**
     * Redis SAVEs (in its default compact encodings, in its large ones, or uncompressed); Redoubt loads the
     * file with the same keyspace, and the file it saves in turn loads back into Redis unchanged.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"default encodings, ''",
            "large encodings, --hash-max-listpack-entries 0 --zset-max-listpack-entries 0 --set-max-intset-entries 0 --list-max-listpack-size 1",
            "no compression, --rdbcompression no",
            "no checksum, --rdbchecksum no"})
    void redisDump_loadsIntoRedoubtWithIdenticalContents(String variant, String redisArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--save", "", "--appendonly", "no"));
        if (!redisArgs.isBlank()) {
            args.addAll(List.of(redisArgs.trim().split(" ")));
        }
        try (ServerProcess redis = ServerProcess.redis(args.toArray(String[]::new));
             ServerProcess redoubt = ServerProcess.redoubt("--save", "", "--appendonly", "no");
             ServerProcess back = ServerProcess.redis("--save", "", "--appendonly", "no")) {
            redis.start();
            try (Jedis j = new Jedis(redis.host(), redis.port(), 60_000)) {
                Dataset.write(j, 2, Dataset.expireBase());
                assertEquals("OK", j.save());
            }
            Keyspace expected = Keyspace.read(redis.host(), redis.port());
            PersistOps.copy(redis.dir().resolve("dump.rdb"), redoubt.dir().resolve("dump.rdb"));
            redoubt.start();
            Keyspace.assertSame(expected, Keyspace.read(redoubt.host(), redoubt.port()), variant + ": Redoubt loading Redis's dump.rdb");

            try (Jedis j = new Jedis(redoubt.host(), redoubt.port(), 60_000)) {
                assertEquals("OK", j.save());
            }
            PersistOps.copy(redoubt.dir().resolve("dump.rdb"), back.dir().resolve("dump.rdb"));
            back.start();
            Keyspace.assertSame(expected, Keyspace.read(back.host(), back.port()), variant + ": Redis loading it back from Redoubt");
        }
    }
}
