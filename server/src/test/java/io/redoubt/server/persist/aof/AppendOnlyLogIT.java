package io.redoubt.server.persist.aof;

import io.redoubt.server.RedoubtServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.SetParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppendOnlyLogIT {
    @TempDir
    Path dir;

    private RedoubtServer start(String... extra) throws IOException {
        RedoubtServer.Builder b = RedoubtServer.builder().port(0).set("save", "").set("dir", dir.toString())
                .set("appendonly", "yes");
        for (int i = 0; i < extra.length; i += 2) {
            b.set(extra[i], extra[i + 1]);
        }
        return b.start();
    }

    private Path aofDir() {
        return dir.resolve("appendonlydir");
    }

    private String manifest() throws IOException {
        return Files.readString(aofDir().resolve("appendonly.aof.manifest"));
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    /** Writes one of every command family, in several databases. */
    static void writeEverything(Jedis j) {
        j.set("s", "v");
        j.set("ttl", "v", SetParams.setParams().ex(1000));
        j.set("n", "10");
        j.incrBy("n", 5);
        j.incrByFloat("f", 1.5);
        j.append("s", "++");
        j.setrange("s", 10, "x");
        j.expire("n", 5000);
        j.rpush("l", "a", "b", "c");
        j.lpush("l", "z");
        j.lpop("l");
        j.linsert("l", redis.clients.jedis.args.ListPosition.BEFORE, "b", "ab");
        j.sadd("set", "1", "2", "3", "x");
        j.spop("set");
        j.srem("set", "x");
        j.hset("h", "f1", "v1");
        j.hset("h", "f2", "v2");
        j.hincrByFloat("h", "fl", 2.25);
        j.hdel("h", "f2");
        j.zadd("z", 1.5, "a");
        j.zadd("z", 2, "b");
        j.zincrby("z", 0.25, "a");
        j.zadd("z", Double.POSITIVE_INFINITY, "inf");
        j.set("gone", "x");
        j.del("gone");
        j.set("ren", "x");
        j.rename("ren", "renamed");
        j.pexpireAt("renamed", System.currentTimeMillis() + 100_000);
        j.persist("renamed");
        Transaction t = j.multi();
        t.set("tx1", "a");
        t.incr("tx2");
        t.rpush("txl", "q");
        t.exec();
        j.select(3);
        j.set("db3", "three");
        j.sadd("db3set", "m");
        j.select(0);
        j.move("s", 5);
        j.copy("l", "lcopy", false);
        j.set("big", "x".repeat(100_000));
    }

    @Test
    void incrementalFile_isRedisSyntax() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("a", "1");
            j.select(2);
            j.set("b", "2");
            Transaction t = j.multi();
            t.set("c", "3");
            t.exec();
        }
        String manifest = manifest();
        assertTrue(manifest.matches("file appendonly\\.aof\\.1\\.base\\.(aof|rdb) seq 1 type b\nfile appendonly\\.aof\\.1\\.incr\\.aof seq 1 type i\n"), manifest);
        String incr = Files.readString(aofDir().resolve("appendonly.aof.1.incr.aof"), StandardCharsets.ISO_8859_1);
        assertEquals("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n"
                + "*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n"
                + "*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1\r\n3\r\n*1\r\n$4\r\nEXEC\r\n", incr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"always", "everysec", "no"})
    void restart_replaysEveryCommandFamily(String fsync) throws IOException {
        String before;
        try (RedoubtServer s = start("appendfsync", fsync); Jedis j = new Jedis(s.host(), s.port())) {
            writeEverything(j);
            before = DataSetDump.dump(j, 16);
        }
        try (RedoubtServer s = start("appendfsync", fsync); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals(before, DataSetDump.dump(j, 16));
            assertEquals("1", DataSetDump.info(j, "persistence").get("aof_enabled"));
        }
    }

    @Test
    void expiredKeys_areLoggedAsDeletes() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("k", "v", SetParams.setParams().px(1));
            await("expiry", () -> System.currentTimeMillis() > 0 && j.get("k") == null);
        }
        String incr = Files.readString(aofDir().resolve("appendonly.aof.1.incr.aof"), StandardCharsets.ISO_8859_1);
        assertTrue(incr.contains("PXAT") && incr.endsWith("*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n"), incr);
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals(0, j.dbSize());
        }
    }

    @Test
    void truncatedTail_isCutAndLoaded() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("a", "1");
            j.set("b", "2");
        }
        Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
        long good = Files.size(incr);
        Files.write(incr, "*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("1", j.get("a"));
            assertEquals("2", j.get("b"));
            assertFalse(j.exists("c"));
            j.set("d", "4");
        }
        assertTrue(Files.size(incr) > good);
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("4", j.get("d"));
        }
    }

    @Test
    void unfinishedTransaction_isReverted() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("a", "1");
        }
        Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
        long good = Files.size(incr);
        Files.write(incr, "*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1\r\n3\r\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("1", j.get("a"));
            assertFalse(j.exists("c"));
        }
        assertEquals(good, Files.size(incr));
    }

    @Test
    void truncatedTail_refusedWithoutAofLoadTruncated() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("a", "1");
        }
        Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
        long good = Files.size(incr);
        Files.write(incr, "*3\r\n$3\r\nSET".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        IOException e = assertThrows(IOException.class, () -> start("aof-load-truncated", "no"));
        assertTrue(e.getMessage().contains("appendonly.aof.1.incr.aof") && e.getMessage().contains("offset " + good), e.getMessage());
    }

    @Test
    void corruptionInTheMiddle_refusesToStart() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("a", "1");
            j.set("b", "2");
            j.set("c", "3");
        }
        Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
        byte[] bytes = Files.readAllBytes(incr);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int second = text.indexOf("*3\r\n$3\r\nSET\r\n$1\r\nb");
        bytes[second] = '!';
        Files.write(incr, bytes);
        IOException e = assertThrows(IOException.class, () -> start());
        assertTrue(e.getMessage().contains("appendonly.aof.1.incr.aof") && e.getMessage().contains("offset " + second), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no"})
    void bgrewriteaof_duringWrites_losesNothing(String preamble) throws Exception {
        String before;
        try (RedoubtServer s = start("aof-use-rdb-preamble", preamble); Jedis j = new Jedis(s.host(), s.port())) {
            for (int i = 0; i < 20_000; i++) {
                j.set("k" + i, "v" + i);
            }
            writeEverything(j);
            for (int i = 0; i < 300; i++) {
                j.rpush("biglist", "e" + i);
                j.hset("bighash", "f" + i, "v" + i);
                j.zadd("bigz", i, "m" + i);
                j.sadd("bigset", "m" + i);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                try (Jedis w = new Jedis(s.host(), s.port())) {
                    for (long i = 0; !stop.get(); i++) {
                        w.incr("counter");
                        w.set("k" + (i % 20_000), "new" + i);
                        w.rpush("biglist", "x" + i);
                        w.hset("bighash", "f" + (i % 500), "w" + i);
                        w.del("k" + ((i * 7) % 20_000));
                        written.incrementAndGet();
                    }
                }
            });
            writer.start();
            await("writes started", () -> written.get() > 100);
            assertEquals("Background append only file rewriting started", j.bgrewriteaof());
            await("rewrite done", () -> "0".equals(DataSetDump.info(j, "persistence").get("aof_rewrite_in_progress")));
            long at = written.get();
            await("more writes", () -> written.get() > at + 100);
            stop.set(true);
            writer.join();
            var info = DataSetDump.info(j, "persistence");
            assertEquals("1", info.get("aof_rewrites"));
            assertEquals("ok", info.get("aof_last_bgrewrite_status"));
            before = DataSetDump.dump(j, 16);
        }
        String m = manifest();
        assertTrue(m.matches("file appendonly\\.aof\\.2\\.base\\.(aof|rdb) seq 2 type b\nfile appendonly\\.aof\\.2\\.incr\\.aof seq 2 type i\n"), m);
        try (Stream<Path> files = Files.list(aofDir())) {
            assertEquals(List.of("appendonly.aof.2.base." + (preamble.equals("yes") ? "rdb" : "aof"), "appendonly.aof.2.incr.aof", "appendonly.aof.manifest"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals(before, DataSetDump.dump(j, 16));
        }
    }

    @Test
    void bgrewriteaof_twice_isRefused() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            for (int i = 0; i < 2000; i++) {
                j.set("k" + i, "v".repeat(2000));
            }
            String first = j.bgrewriteaof();
            assertEquals("Background append only file rewriting started", first);
            // The rewrite may already be over: either answer is Redis's.
            try {
                j.bgrewriteaof();
            } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                assertEquals("ERR Background append only file rewriting already in progress", e.getMessage());
            }
            await("rewrites done", () -> "0".equals(DataSetDump.info(j, "persistence").get("aof_rewrite_in_progress")));
        }
    }

    @Test
    void automaticRewrite_onGrowth() throws IOException {
        try (RedoubtServer s = start("auto-aof-rewrite-min-size", "10000", "auto-aof-rewrite-percentage", "100");
             Jedis j = new Jedis(s.host(), s.port())) {
            for (int i = 0; i < 200; i++) {
                j.set("k" + (i % 10), "v".repeat(100));
            }
            await("automatic rewrite", () -> !"0".equals(DataSetDump.info(j, "persistence").get("aof_rewrites")));
            await("rewrite done", () -> "0".equals(DataSetDump.info(j, "persistence").get("aof_rewrite_in_progress")));
            var info = DataSetDump.info(j, "persistence");
            assertTrue(Long.parseLong(info.get("aof_current_size")) < 10000, info.toString());
        }
    }

    @Test
    void configSetAppendonly_yesWritesBase_noStopsLogging() throws IOException {
        String before;
        try (RedoubtServer s = RedoubtServer.builder().port(0).set("save", "").set("dir", dir.toString()).start();
             Jedis j = new Jedis(s.host(), s.port())) {
            writeEverything(j);
            assertFalse(Files.exists(aofDir().resolve("appendonly.aof.manifest")));
            assertEquals("OK", j.configSet("appendonly", "yes"));
            await("first base", () -> "0".equals(DataSetDump.info(j, "persistence").get("aof_rewrite_in_progress"))
                    && Files.exists(aofDir().resolve("appendonly.aof.manifest")));
            assertEquals("1", DataSetDump.info(j, "persistence").get("aof_enabled"));
            j.set("after", "yes");
            before = DataSetDump.dump(j, 16);
            assertEquals("OK", j.configSet("appendonly", "no"));
            assertEquals("0", DataSetDump.info(j, "persistence").get("aof_enabled"));
            j.set("notlogged", "x");
        }
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals(before, DataSetDump.dump(j, 16));
        }
    }

    @Test
    void infoPersistence_hasRedisFields() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("a", "b");
            var info = DataSetDump.info(j, "persistence");
            for (String f : List.of("aof_enabled", "aof_rewrite_in_progress", "aof_rewrite_scheduled", "aof_last_rewrite_time_sec",
                    "aof_current_rewrite_time_sec", "aof_last_bgrewrite_status", "aof_rewrites", "aof_rewrites_consecutive_failures",
                    "aof_last_write_status", "aof_last_cow_size", "module_fork_in_progress", "module_fork_last_cow_size",
                    "aof_current_size", "aof_base_size", "aof_pending_rewrite", "aof_buffer_length", "aof_pending_bio_fsync",
                    "aof_delayed_fsync")) {
                assertTrue(info.containsKey(f), f);
            }
            await("size counted", () -> Long.parseLong(DataSetDump.info(j, "persistence").get("aof_current_size")) > 0);
        }
    }

    @Test
    void oldSingleFile_isUpgraded() throws IOException {
        Files.writeString(dir.resolve("appendonly.aof"), "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$3\r\nold\r\n$5\r\nstyle\r\n");
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("style", j.get("old"));
            j.set("new", "1");
        }
        assertFalse(Files.exists(dir.resolve("appendonly.aof")));
        assertTrue(manifest().startsWith("file appendonly.aof seq 1 type b\n"), manifest());
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("style", j.get("old"));
            assertEquals("1", j.get("new"));
        }
    }

    @Test
    void oldSingleFile_withRdbPreamble_isLoaded() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("pre", "amble");
            j.rpush("list", "a", "b");
            j.bgrewriteaof();
            await("rewrite", () -> "0".equals(DataSetDump.info(j, "persistence").get("aof_rewrite_in_progress")));
        }
        byte[] rdb = Files.readAllBytes(aofDir().resolve("appendonly.aof.2.base.rdb"));
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Files.write(old.resolve("appendonly.aof"), rdb);
        Files.writeString(old.resolve("appendonly.aof"), "*3\r\n$3\r\nSET\r\n$4\r\ntail\r\n$1\r\n1\r\n", StandardOpenOption.APPEND);
        try (RedoubtServer s = RedoubtServer.builder().port(0).set("save", "").set("dir", old.toString()).set("appendonly", "yes").start();
             Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("amble", j.get("pre"));
            assertEquals(List.of("a", "b"), j.lrange("list", 0, -1));
            assertEquals("1", j.get("tail"));
        }
    }

    @Test
    void writeError_refusesWritesWithMisconf_untilTheRetrySucceeds() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            AppendOnlyLog aof = s.internals().aof();
            s.call(() -> aof.failWritesForTest = new IOException("No space left on device"));
            j.set("a", "1");
            await("write error seen", () -> "err".equals(DataSetDump.info(j, "persistence").get("aof_last_write_status")));
            var e = assertThrows(redis.clients.jedis.exceptions.JedisDataException.class, () -> j.set("b", "2"));
            assertEquals("MISCONF Errors writing to the AOF file: No space left on device", e.getMessage());
            assertEquals("1", j.get("a"));
            s.call(() -> {
                aof.failWritesForTest = null;
                return null;
            });
            await("retry", () -> "ok".equals(DataSetDump.info(j, "persistence").get("aof_last_write_status")));
            j.set("c", "3");
        }
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("1", j.get("a"));
            assertFalse(j.exists("b"));
            assertEquals("3", j.get("c"));
        }
    }

    @Test
    void writeError_withAlways_closesWithoutAcknowledging() throws IOException {
        try (RedoubtServer s = start("appendfsync", "always"); Jedis j = new Jedis(s.host(), s.port())) {
            AppendOnlyLog aof = s.internals().aof();
            j.set("before", "1");
            s.call(() -> aof.failWritesForTest = new IOException("Input/output error"));
            assertThrows(redis.clients.jedis.exceptions.JedisConnectionException.class, () -> j.set("a", "1"));
        }
    }

    @Test
    void rewriteInProgress_isReportedAndRefusedTwice_andSurvivesFlushAndSwap() throws IOException {
        String before;
        try (RedoubtServer s = start("rdb-key-save-delay", "10000"); Jedis j = new Jedis(s.host(), s.port())) {
            for (int i = 0; i < 200; i++) {
                j.set("k" + i, "v" + i);
            }
            j.select(1);
            j.sadd("s1", "a", "b");
            j.select(0);
            assertEquals("Background append only file rewriting started", j.bgrewriteaof());
            var info = DataSetDump.info(j, "persistence");
            assertEquals("1", info.get("aof_rewrite_in_progress"));
            var e = assertThrows(redis.clients.jedis.exceptions.JedisDataException.class, j::bgrewriteaof);
            assertEquals("ERR Background append only file rewriting already in progress", e.getMessage());
            j.set("k1", "changed");
            j.del("k2");
            j.swapDB(0, 1);
            j.flushDB();
            j.select(1);
            j.set("after-swap", "x");
            j.select(0);
            j.set("new", "y");
            j.configSet("rdb-key-save-delay", "0");
            await("rewrite done", () -> "0".equals(DataSetDump.info(j, "persistence").get("aof_rewrite_in_progress")));
            assertEquals("1", DataSetDump.info(j, "persistence").get("aof_rewrites"));
            before = DataSetDump.dump(j, 16);
        }
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals(before, DataSetDump.dump(j, 16));
        }
    }

    @Test
    void configSetAppendonlyNo_duringRewrite_stopsIt() throws IOException {
        try (RedoubtServer s = start("rdb-key-save-delay", "100000"); Jedis j = new Jedis(s.host(), s.port())) {
            for (int i = 0; i < 50; i++) {
                j.set("k" + i, "v" + i);
            }
            j.bgrewriteaof();
            assertEquals("OK", j.configSet("appendonly", "no"));
            var info = DataSetDump.info(j, "persistence");
            assertEquals("0", info.get("aof_rewrite_in_progress"));
            assertEquals("0", info.get("aof_enabled"));
        }
        try (Stream<Path> files = Files.list(aofDir())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("temp-")));
        }
    }

    @Test
    void bgrewriteaof_duringBgsave_isScheduledThenRuns() throws IOException {
        String before;
        try (RedoubtServer s = start("rdb-key-save-delay", "10000"); Jedis j = new Jedis(s.host(), s.port())) {
            for (int i = 0; i < 100; i++) {
                j.set("k" + i, "v" + i);
            }
            assertEquals("Background saving started", j.bgsave());
            assertEquals("Background append only file rewriting scheduled", j.bgrewriteaof());
            assertEquals("1", DataSetDump.info(j, "persistence").get("aof_rewrite_scheduled"));
            j.set("during", "save");
            j.configSet("rdb-key-save-delay", "0");
            await("scheduled rewrite done", () -> {
                var info = DataSetDump.info(j, "persistence");
                return "1".equals(info.get("aof_rewrites")) && "0".equals(info.get("aof_rewrite_scheduled"))
                        && "0".equals(info.get("aof_rewrite_in_progress"));
            });
            before = DataSetDump.dump(j, 16);
        }
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals(before, DataSetDump.dump(j, 16));
        }
    }

    @Test
    void debugLoadAof_reloadsAndCutsATornTail() throws IOException {
        try (RedoubtServer s = start("appendfsync", "always"); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("a", "1");
            j.rpush("l", "x", "y");
            Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
            long good = Files.size(incr);
            Files.write(incr, "*3\r\n$3\r\nSET\r\n$4\r\ntorn".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
            j.set("ghost", "gone after the reload");
            Files.write(incr, Arrays.copyOf(Files.readAllBytes(incr), (int) good + 20));
            assertEquals("OK", new String((byte[]) j.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "LOADAOF")));
            assertEquals("1", j.get("a"));
            assertEquals(List.of("x", "y"), j.lrange("l", 0, -1));
            assertFalse(j.exists("ghost"));
            assertEquals(good, Files.size(incr));
            j.set("b", "2");
        }
        try (RedoubtServer s = start("aof-load-truncated", "no"); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("1", j.get("a"));
            assertEquals("2", j.get("b"));
        }
    }

    @Test
    void tempFilesOfAnInterruptedRewrite_areRemovedAtStart() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("a", "1");
        }
        Files.writeString(aofDir().resolve("temp-rewriteaof-bg-123.aof"), "partial");
        Files.writeString(aofDir().resolve("temp-appendonly.aof.incr"), "*1\r\n");
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals("1", j.get("a"));
        }
        assertFalse(Files.exists(aofDir().resolve("temp-rewriteaof-bg-123.aof")));
        assertFalse(Files.exists(aofDir().resolve("temp-appendonly.aof.incr")));
    }

    @Test
    void loading_ignoresMaxmemoryAndRequirepass_asRedisLoaderDoes() throws IOException {
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            for (int i = 0; i < 300; i++) {
                j.set("k" + i, "v".repeat(4096));
            }
        }
        try (RedoubtServer s = start("maxmemory", "1mb", "maxmemory-policy", "noeviction", "requirepass", "secret");
             Jedis j = new Jedis(s.host(), s.port())) {
            j.auth("secret");
            assertEquals(300, j.dbSize());
        }
    }

    @Test
    void shutdown_whileTheFirstBaseIsWritten_isRefusedUnlessForced() throws IOException {
        try (RedoubtServer s = RedoubtServer.builder().port(0).set("save", "").set("dir", dir.toString())
                .set("rdb-key-save-delay", "100000").start(); Jedis j = new Jedis(s.host(), s.port())) {
            for (int i = 0; i < 20; i++) {
                j.set("k" + i, "v");
            }
            j.configSet("appendonly", "yes");
            var e = assertThrows(redis.clients.jedis.exceptions.JedisDataException.class, j::shutdown);
            assertEquals("ERR Errors trying to SHUTDOWN. Check logs.", e.getMessage());
            assertEquals("PONG", j.ping());
        }
    }
}
