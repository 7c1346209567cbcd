package io.redoubt.server.persist.aof;

import io.redoubt.server.RedoubtServer;
import io.redoubt.server.testutil.Programs;
import io.redoubt.server.testutil.RealRedis;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our AOF directory read by redis-check-aof and by a real redis-server, and Redis's read by Redoubt. */
class AofInteropIT {
    @TempDir
    Path dir;

    private String writeWithRedoubt(boolean rewrite, String preamble) throws Exception {
        try (RedoubtServer s = RedoubtServer.builder().port(0).set("save", "").set("dir", dir.toString())
                .set("appendonly", "yes").set("aof-use-rdb-preamble", preamble).start(); Jedis j = new Jedis(s.host(), s.port())) {
            AppendOnlyLogIT.writeEverything(j);
            if (rewrite) {
                j.bgrewriteaof();
                AppendOnlyLogIT.await("rewrite", () -> "0".equals(DataSetDump.info(j, "persistence").get("aof_rewrite_in_progress")));
                j.rpush("after-rewrite", "1", "2");
                j.select(7);
                j.hset("h7", "f", "v");
            }
            return DataSetDump.dump(j, 16);
        }
    }

    @ParameterizedTest
    @CsvSource({"false,yes", "true,yes", "false,no", "true,no"})
    void redisCheckAof_acceptsOurDirectory(boolean rewrite, String preamble) throws Exception {
        Path check = Programs.require("redis-check-aof", "redis-tools");
        writeWithRedoubt(rewrite, preamble);
        Process p = new ProcessBuilder(check.toString(), dir.resolve("appendonlydir/appendonly.aof.manifest").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("is valid"), out);
    }

    @ParameterizedTest
    @CsvSource({"false,yes", "true,yes", "false,no", "true,no"})
    void realRedis_loadsOurDirectory(boolean rewrite, String preamble) throws Exception {
        Path server = Programs.require("redis-server", "redis-server");
        String ours = writeWithRedoubt(rewrite, preamble);
        try (RealRedis r = RealRedis.start(server, "--dir", dir.toString(), "--appendonly", "yes");
             Jedis j = new Jedis(r.host(), r.port())) {
            assertEquals(ours, DataSetDump.dump(j, 16));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no"})
    void redoubt_loadsRedisDirectory(String preamble) throws Exception {
        Path server = Programs.require("redis-server", "redis-server");
        String theirs;
        try (RealRedis r = RealRedis.start(server, "--dir", dir.toString(), "--appendonly", "yes",
                "--aof-use-rdb-preamble", preamble);
             Jedis j = new Jedis(r.host(), r.port())) {
            AppendOnlyLogIT.writeEverything(j);
            j.bgrewriteaof();
            AppendOnlyLogIT.await("rewrite", () -> "0".equals(DataSetDump.info(j, "persistence").get("aof_rewrite_in_progress")));
            j.rpush("after-rewrite", "1", "2");
            j.select(7);
            j.hset("h7", "f", "v");
            theirs = DataSetDump.dump(j, 16);
        }
        assertTrue(Files.exists(dir.resolve("appendonlydir/appendonly.aof.manifest")));
        try (RedoubtServer s = RedoubtServer.builder().port(0).set("save", "").set("dir", dir.toString())
                .set("appendonly", "yes").start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals(theirs, DataSetDump.dump(j, 16));
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.ISO_8859_1);
    }
}
