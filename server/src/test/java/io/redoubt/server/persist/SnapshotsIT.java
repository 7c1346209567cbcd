package io.redoubt.server.persist;

import io.redoubt.server.RedoubtServer;
import io.redoubt.server.testutil.Programs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** SAVE, BGSAVE, save points, MISCONF, SHUTDOWN, DEBUG RELOAD and loading at start, on real sockets. */
class SnapshotsIT {
    private Path dir;
    private final List<RedoubtServer> servers = new ArrayList<>();

    @BeforeEach
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("redoubt-snapshots");
    }

    @AfterEach
    void cleanUp() {
        for (RedoubtServer s : servers) {
            s.close();
        }
        ServerProcess.deleteTree(dir);
    }

    private RedoubtServer start(String... settings) throws IOException {
        RedoubtServer.Builder b = RedoubtServer.builder().port(0).set("save", "").set("dir", dir.toString());
        for (int i = 0; i < settings.length; i += 2) {
            b.set(settings[i], settings[i + 1]);
        }
        RedoubtServer s = b.start();
        servers.add(s);
        return s;
    }

    private static Jedis connect(RedoubtServer s) {
        return new Jedis(s.host(), s.port(), 30_000);
    }

    static Map<String, String> persistence(Jedis j) {
        Map<String, String> f = new HashMap<>();
        for (String line : j.info("persistence").split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                f.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return f;
    }

    static void await(Jedis j, String what, Predicate<Map<String, String>> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, String> f = persistence(j);
        while (!condition.test(f)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; INFO persistence: " + f);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            f = persistence(j);
        }
    }

    static void awaitBgsaveDone(Jedis j) {
        await(j, "the end of BGSAVE", f -> f.get("rdb_bgsave_in_progress").equals("0"));
    }

    @Test
    void save_thenRestart_keepsEveryTypeAndTtl() throws Exception {
        RedoubtServer first = start();
        Keyspace before;
        try (Jedis j = connect(first)) {
            Dataset.write(j, 42, Dataset.expireBase());
            before = Keyspace.read(first.host(), first.port());
            assertEquals("OK", j.save());
            Map<String, String> f = persistence(j);
            assertEquals("0", f.get("rdb_changes_since_last_save"));
            assertEquals("1", f.get("rdb_saves"));
            assertEquals("ok", f.get("rdb_last_bgsave_status"));
            assertTrue(j.lastsave() >= System.currentTimeMillis() / 1000 - 5);
        }
        assertTrue(Files.exists(dir.resolve("dump.rdb")));
        first.close();
        RedoubtServer second = start();
        Keyspace.assertSame(before, Keyspace.read(second.host(), second.port()), "after SAVE and restart");
        try (Jedis j = connect(second)) {
            assertEquals(String.valueOf(before.size()), persistence(j).get("rdb_last_load_keys_loaded"));
        }
    }

    @Test
    void bgsave_isThePointInTimeOfItsStart_whileWritesContinue() throws Exception {
        // A slow save (a key every 50 µs on the keyspace thread's schedule) leaves the writer room to change
        // keys before and after the traversal reaches them.
        RedoubtServer server = start("rdb-key-save-delay", "50");
        Keyspace expected;
        try (Jedis j = connect(server)) {
            Dataset.write(j, 7, Dataset.expireBase());
            for (int i = 0; i < 3000; i++) {
                j.set("k" + i, "v" + i);
            }
            j.rpush("inplace:list", "a", "b", "c");
            j.hset("inplace:hash", "f", "v");
            j.sadd("inplace:set", "1", "2");
            j.zadd("inplace:zset", 1, "m");
            j.select(3);
            j.set("db3:key", "three");
            j.select(4);
            j.set("db4:key", "four");
            j.select(0);
            expected = Keyspace.read(server.host(), server.port());
            assertEquals("Background saving started", j.bgsave());
            assertEquals("1", persistence(j).get("rdb_bgsave_in_progress"));
            JedisDataException twice = assertThrows(JedisDataException.class, j::bgsave);
            assertEquals("ERR Background save already in progress", twice.getMessage());
            assertThrows(JedisDataException.class, j::save);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong rounds = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Jedis w = connect(server)) {
                int round = 0;
                while (!stop.get()) {
                    for (int i = round % 7; i < 3000; i += 7) {
                        switch (i % 4) {
                            case 0 -> w.set("k" + i, "changed" + round);
                            case 1 -> w.del("k" + i);
                            case 2 -> w.pexpire("k" + i, 1);
                            default -> w.append("k" + i, "+");
                        }
                    }
                    w.rpush("inplace:list", "x" + round);
                    w.lset("inplace:list", 0, "changed");
                    w.hset("inplace:hash", "f", "changed" + round);
                    w.sadd("inplace:set", "m" + round);
                    w.zincrby("inplace:zset", 1, "m");
                    w.set("new:" + round, "born after the start");
                    if (round == 3) {
                        w.swapDB(3, 4);
                        w.select(3);
                        w.flushDB();
                        w.select(0);
                    }
                    round++;
                    rounds.incrementAndGet();
                }
            }
        }, "writer");
        writer.start();
        try (Jedis j = connect(server)) {
            awaitBgsaveDone(j);
            assertEquals("ok", persistence(j).get("rdb_last_bgsave_status"));
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(rounds.get() > 0, "the writer ran during the save");
        server.close();
        RedoubtServer reloaded = start();
        Keyspace.assertSame(expected, Keyspace.read(reloaded.host(), reloaded.port()), "BGSAVE image");
    }

    @Test
    void flushallDuringBgsave_abortsItAndSavesTheEmptyDataset() throws Exception {
        RedoubtServer server = start("rdb-key-save-delay", "1000", "save", "3600 1");
        try (Jedis j = connect(server)) {
            for (int i = 0; i < 100; i++) {
                j.set("k" + i, "v");
            }
            assertEquals("Background saving started", j.bgsave());
            assertEquals("OK", j.flushAll());
            Map<String, String> f = persistence(j);
            assertEquals("0", f.get("rdb_bgsave_in_progress"));
            assertEquals("ok", f.get("rdb_last_bgsave_status"));
            assertEquals("0", f.get("rdb_changes_since_last_save"));
            j.set("after", "flush");
        }
        server.close();
        RedoubtServer reloaded = start();
        try (Jedis j = connect(reloaded)) {
            assertEquals(0, j.dbSize());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("dump.rdb"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void savePoints_triggerABackgroundSave() throws Exception {
        RedoubtServer server = start();
        try (Jedis j = connect(server)) {
            j.configSet("save", "1 2 3600 1");
            j.set("a", "1");
            j.set("b", "2");
            await(j, "a save point", f -> f.get("rdb_changes_since_last_save").equals("0")
                    && f.get("rdb_saves").equals("1"));
            assertEquals("ok", persistence(j).get("rdb_last_bgsave_status"));
            assertEquals("1 2 3600 1", j.configGet("save").get("save"));
        }
        assertTrue(Files.exists(dir.resolve("dump.rdb")));
    }

    @Test
    void failedBgsave_misconfRefusesWritesUntilASaveSucceeds() throws Exception {
        RedoubtServer server = start("save", "3600 1");
        // A directory with something in it where the dump should go: the final rename fails.
        Path blocker = Files.createDirectories(dir.resolve("dump.rdb"));
        Files.writeString(blocker.resolve("x"), "x");
        try (Jedis j = connect(server)) {
            j.set("k", "v");
            assertEquals("Background saving started", j.bgsave());
            await(j, "a failed save", f -> f.get("rdb_last_bgsave_status").equals("err"));
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.set("k2", "v"));
            assertEquals(io.redoubt.server.persist.Snapshots.MISCONF, e.getMessage());
            e = assertThrows(JedisDataException.class, j::ping);
            assertTrue(e.getMessage().startsWith("MISCONF "), e.getMessage());
            assertEquals("v", j.get("k"));
            JedisDataException saveError = assertThrows(JedisDataException.class, j::save);
            assertEquals("ERR", saveError.getMessage());

            j.configSet("stop-writes-on-bgsave-error", "no");
            assertEquals("OK", j.set("k2", "v"));
            j.configSet("stop-writes-on-bgsave-error", "yes");
            assertThrows(JedisDataException.class, () -> j.set("k3", "v"));

            ServerProcess.deleteTree(blocker);
            assertEquals("OK", j.save());
            assertEquals("OK", j.set("k3", "v"));
            assertEquals("ok", persistence(j).get("rdb_last_bgsave_status"));
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("dump.rdb"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void failedSave_leavesThePreviousFileWhole() throws Exception {
        RedoubtServer server = start("save", "3600 1");
        try (Jedis j = connect(server)) {
            j.set("good", "1");
            assertEquals("OK", j.save());
        }
        byte[] good = Files.readAllBytes(dir.resolve("dump.rdb"));
        server.close();
        // dir is replaced by a path that is not a directory while the server runs: every save fails.
        RedoubtServer second = start("save", "3600 1", "enable-protected-configs", "yes");
        Path elsewhere = Files.createTempDirectory("redoubt-elsewhere");
        try (Jedis j = connect(second)) {
            j.configSet("dir", elsewhere.toString());
            ServerProcess.deleteTree(elsewhere);
            j.set("bad", "2");
            assertEquals("Background saving started", j.bgsave());
            await(j, "a failed save", f -> f.get("rdb_last_bgsave_status").equals("err"));
        }
        assertEquals(new String(good, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(Files.readAllBytes(dir.resolve("dump.rdb")), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void bgsaveSchedule_waitsForARunningAofRewrite() throws Exception {
        RedoubtServer server = start();
        try (Jedis j = connect(server)) {
            j.sendCommand(() -> "DEBUG".getBytes(), "POPULATE", "200000");
            // Pipelined: the rewrite (200k keys, stepped between commands) is still running when BGSAVE arrives.
            var p = j.pipelined();
            var rewrite = p.sendCommand(() -> "BGREWRITEAOF".getBytes(), new String[0]);
            var refused = p.sendCommand(() -> "BGSAVE".getBytes(), new String[0]);
            var scheduled = p.sendCommand(() -> "BGSAVE".getBytes(), "SCHEDULE");
            p.sync();
            assertTrue(status(rewrite.get()).startsWith("Background append only file rewriting"), status(rewrite.get()));
            JedisDataException e = assertThrows(JedisDataException.class, refused::get);
            assertEquals("ERR Another child process is active (AOF?): can't BGSAVE right now. "
                    + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.", e.getMessage());
            assertEquals("Background saving scheduled", status(scheduled.get()));
            await(j, "the scheduled save", f -> f.get("rdb_saves").equals("1") && f.get("rdb_bgsave_in_progress").equals("0")
                    && f.get("aof_rewrite_in_progress").equals("0"));
            assertEquals("ok", persistence(j).get("rdb_last_bgsave_status"));
        }
        server.close();
        RedoubtServer reloaded = start();
        try (Jedis j = connect(reloaded)) {
            assertEquals(200_000, j.dbSize());
        }
    }

    @Test
    void shutdownSave_keepsTheDataAcrossARestart() throws Exception {
        RedoubtServer server = start();
        try (Jedis j = connect(server)) {
            j.set("k", "v");
            j.hset("h", "f", "v");
            j.sendCommand(() -> "SHUTDOWN".getBytes(), "SAVE");
        } catch (Exception closedByShutdown) {
            // The server closes the connection without a reply.
        }
        awaitStopped(server);
        RedoubtServer second = start();
        try (Jedis j = connect(second)) {
            assertEquals("v", j.get("k"));
            assertEquals("v", j.hget("h", "f"));
        }
    }

    @Test
    void shutdown_refusesToExitWhenTheSaveFails_unlessForced() throws Exception {
        RedoubtServer server = start("save", "3600 1");
        Path blocker = Files.createDirectories(dir.resolve("dump.rdb"));
        Files.writeString(blocker.resolve("x"), "x");
        try (Jedis j = connect(server)) {
            j.set("k", "v");
            JedisDataException e = assertThrows(JedisDataException.class, j::shutdown);
            assertEquals("ERR Errors trying to SHUTDOWN. Check logs.", e.getMessage());
            assertEquals("v", j.get("k"));
            assertThrows(Exception.class, () -> j.sendCommand(() -> "SHUTDOWN".getBytes(), "FORCE"));
        }
        awaitStopped(server);
    }

    @Test
    void shutdownNosave_writesNothing() throws Exception {
        RedoubtServer server = start("save", "3600 1");
        try (Jedis j = connect(server)) {
            j.set("k", "v");
            assertThrows(Exception.class, () -> j.sendCommand(() -> "SHUTDOWN".getBytes(), "NOSAVE"));
        }
        awaitStopped(server);
        assertFalse(Files.exists(dir.resolve("dump.rdb")));
    }

    @Test
    void sigterm_savesWhenSavePointsAreSet() throws Exception {
        try (ServerProcess server = ServerProcess.redoubt("--save", "3600 1")) {
            server.start();
            try (Jedis j = new Jedis(server.host(), server.port(), 30_000)) {
                j.set("k", "v");
                j.rpush("l", "a", "b");
            }
            server.terminate();
            assertTrue(server.output().contains("DB saved on disk"), server.output());
            server.start();
            try (Jedis j = new Jedis(server.host(), server.port(), 30_000)) {
                assertEquals("v", j.get("k"));
                assertEquals(List.of("a", "b"), j.lrange("l", 0, -1));
            }
            assertTrue(server.output().contains("DB loaded from disk: "), server.output());
            assertTrue(server.output().contains("Done loading RDB, keys loaded: 2, keys expired: 0."), server.output());
        }
    }

    private static void awaitStopped(RedoubtServer server) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.stopped()) {
            if (System.nanoTime() > deadline) {
                fail("the server did not stop");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @Test
    void debugReload_savesFlushesAndLoads() throws Exception {
        RedoubtServer server = start();
        try (Jedis j = connect(server)) {
            Dataset.write(j, 3, Dataset.expireBase());
            Keyspace before = Keyspace.read(server.host(), server.port());
            assertEquals("OK", status(j.sendCommand(() -> "DEBUG".getBytes(), "RELOAD")));
            Keyspace.assertSame(before, Keyspace.read(server.host(), server.port()), "after DEBUG RELOAD");

            // NOSAVE: back to the file, dropping what was written since.
            j.set("later", "x");
            assertEquals("OK", status(j.sendCommand(() -> "DEBUG".getBytes(), "RELOAD", "NOSAVE")));
            assertNull(j.get("later"));
            // NOFLUSH without MERGE: the keys clash.
            JedisDataException clash = assertThrows(JedisDataException.class,
                    () -> j.sendCommand(() -> "DEBUG".getBytes(), "RELOAD", "NOSAVE", "NOFLUSH"));
            assertEquals("ERR Error trying to load the RDB dump, check server logs.", clash.getMessage());
            // NOFLUSH MERGE: the file's keys are added to what is there.
            j.flushAll();
            j.set("extra", "kept");
            assertEquals("OK", status(j.sendCommand(() -> "DEBUG".getBytes(), "RELOAD", "NOSAVE", "NOFLUSH", "MERGE")));
            assertEquals("kept", j.get("extra"));
            assertEquals(before.size() + 1, Keyspace.read(server.host(), server.port()).size());
            JedisDataException bad = assertThrows(JedisDataException.class,
                    () -> j.sendCommand(() -> "DEBUG".getBytes(), "RELOAD", "FAST"));
            assertEquals("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.", bad.getMessage());
        }
    }

    @Test
    void corruptOrTruncatedDump_refusesToStart_naming_file_and_offset() throws Exception {
        RedoubtServer server = start();
        try (Jedis j = connect(server)) {
            for (int i = 0; i < 100; i++) {
                j.set("key" + i, "value" + i);
            }
            j.save();
        }
        server.close();
        Path dump = dir.resolve("dump.rdb");
        byte[] good = Files.readAllBytes(dump);

        Files.write(dump, java.util.Arrays.copyOf(good, good.length / 2));
        IOException truncated = assertThrows(IOException.class, this::start);
        assertTrue(truncated.getMessage().contains("dump.rdb") && truncated.getMessage().contains("offset"),
                truncated.getMessage());

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x5a;
        Files.write(dump, flipped);
        IOException corrupt = assertThrows(IOException.class, this::start);
        assertTrue(corrupt.getMessage().contains("dump.rdb") && corrupt.getMessage().contains("offset"),
                corrupt.getMessage());
        // The file is left as it was for the operator to inspect.
        assertEquals(good.length, Files.size(dump));
    }

    @Test
    void missingDump_startsEmpty_andExpiredKeysAreSkippedOnLoad() throws Exception {
        RedoubtServer server = start();
        long dies;
        try (Jedis j = connect(server)) {
            assertEquals(0, j.dbSize());
            j.set("lives", "1");
            j.set("dies", "2");
            j.pexpire("dies", 300);
            dies = j.pexpireTime("dies");
            j.save();
        }
        server.close();
        // The key's time passes while it is on disk: the load must skip it.
        while (System.currentTimeMillis() <= dies) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        RedoubtServer second = start();
        try (Jedis j = connect(second)) {
            assertEquals(1, j.dbSize());
            Map<String, String> f = persistence(j);
            assertEquals("1", f.get("rdb_last_load_keys_loaded"));
            assertEquals("1", f.get("rdb_last_load_keys_expired"));
        }
    }

    @Test
    void loadingAtStart_answersLoadingUntilTheDataIsIn() throws Exception {
        RedoubtServer first = start();
        try (Jedis j = connect(first)) {
            for (int i = 0; i < 500; i++) {
                j.set("k" + i, "v" + i);
            }
            j.save();
        }
        first.close();
        int port = Programs.freePort();
        // 2 ms per key: about a second of loading.
        java.util.concurrent.CompletableFuture<RedoubtServer> starting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return RedoubtServer.builder().port(port).set("save", "").set("dir", dir.toString())
                        .set("key-load-delay", "2000").start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String seen = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // Not bounded by start() returning: the server listens (and may return from start()) before it loads.
        while (seen == null && System.nanoTime() < deadline) {
            try (Jedis j = new Jedis("127.0.0.1", port, 30_000)) {
                j.ping();
                seen = "PONG";
            } catch (JedisDataException e) {
                seen = e.getMessage();
                try (Jedis j = new Jedis("127.0.0.1", port, 30_000)) {
                    Map<String, String> f = persistence(j);
                    assertEquals("1", f.get("loading"));
                    assertEquals(String.valueOf(Files.size(dir.resolve("dump.rdb"))), f.get("loading_total_bytes"));
                    assertTrue(f.containsKey("loading_eta_seconds"), f.toString());
                }
            } catch (redis.clients.jedis.exceptions.JedisConnectionException notListeningYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        assertEquals("LOADING Redis is loading the dataset in memory", seen);
        RedoubtServer server = starting.get(60, TimeUnit.SECONDS);
        servers.add(server);
        try (Jedis j = connect(server)) {
            assertEquals("PONG", j.ping());
            assertEquals(500, j.dbSize());
            Map<String, String> f = persistence(j);
            assertEquals("0", f.get("loading"));
            assertFalse(f.containsKey("loading_total_bytes"));
            assertEquals("500", f.get("rdb_last_load_keys_loaded"));
        }
    }

    @Test
    void shutdownWhileLoading_neverSavesTheHalfLoadedDataset() throws Exception {
        RedoubtServer first = start();
        try (Jedis j = connect(first)) {
            for (int i = 0; i < 500; i++) {
                j.set("k" + i, "v" + i);
            }
            j.save();
        }
        first.close();
        byte[] dump = Files.readAllBytes(dir.resolve("dump.rdb"));
        int port = Programs.freePort();
        java.util.concurrent.CompletableFuture<RedoubtServer> starting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return RedoubtServer.builder().port(port).set("save", "3600 1").set("dir", dir.toString())
                        .set("key-load-delay", "2000").start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        boolean shutDown = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!shutDown && !starting.isDone() && System.nanoTime() < deadline) {
            try (Jedis j = new Jedis("127.0.0.1", port, 30_000)) {
                if (persistence(j).get("loading").equals("1")) {
                    try {
                        j.shutdown();
                    } catch (redis.clients.jedis.exceptions.JedisConnectionException closed) {
                        // No reply: the server closed the connection.
                    }
                    shutDown = true;
                }
            } catch (redis.clients.jedis.exceptions.JedisConnectionException notListeningYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        assertTrue(shutDown, "SHUTDOWN was sent while loading");
        java.util.concurrent.ExecutionException stopped = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> starting.get(60, TimeUnit.SECONDS));
        assertTrue(stopped.getCause().getMessage().contains("loading"), stopped.getCause().toString());
        assertTrue(java.util.Arrays.equals(dump, Files.readAllBytes(dir.resolve("dump.rdb"))), "dump.rdb changed");
    }

    @Test
    void embeddedServerWithoutDir_usesAPrivateDirectoryRemovedOnClose() throws Exception {
        RedoubtServer server = RedoubtServer.builder().port(0).start();
        Path own;
        try (Jedis j = connect(server)) {
            own = Path.of(j.configGet("dir").get("dir"));
            assertFalse(own.equals(Path.of("").toAbsolutePath()), "not the working directory");
            assertEquals("3600 1 300 100 60 10000", j.configGet("save").get("save"));
            j.set("k", "v");
            j.save();
            assertTrue(Files.exists(own.resolve("dump.rdb")));
        } finally {
            server.close();
        }
        assertFalse(Files.exists(own));
    }

    @Test
    void infoPersistence_listsRedisFieldsInOrder() throws Exception {
        RedoubtServer server = start();
        try (Jedis j = connect(server)) {
            List<String> names = new ArrayList<>();
            for (String line : j.info("persistence").split("\r\n")) {
                if (line.contains(":")) {
                    names.add(line.substring(0, line.indexOf(':')));
                }
            }
            assertEquals(List.of("loading", "async_loading", "current_cow_peak", "current_cow_size",
                    "current_cow_size_age", "current_fork_perc", "current_save_keys_processed",
                    "current_save_keys_total", "rdb_changes_since_last_save", "rdb_bgsave_in_progress",
                    "rdb_last_save_time", "rdb_last_bgsave_status", "rdb_last_bgsave_time_sec",
                    "rdb_current_bgsave_time_sec", "rdb_saves", "rdb_last_cow_size", "rdb_last_load_keys_expired",
                    "rdb_last_load_keys_loaded"), names.subList(0, 18));
        }
    }

    private static String status(Object reply) {
        return new String((byte[]) reply, java.nio.charset.StandardCharsets.UTF_8);
    }

    static boolean hasProgram(String name) {
        return Programs.find(name).isPresent();
    }
}
