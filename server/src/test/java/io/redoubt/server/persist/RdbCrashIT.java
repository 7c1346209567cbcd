package io.redoubt.server.persist;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Snapshots only (no append-only log): after SIGKILL and a restart the server holds exactly the state of
 * its last completed save, whatever was written after it; a save still running when the process dies leaves
 * the previous file intact; and a BGSAVE taken while writes continue is one point in time across keys.
 */
class RdbCrashIT {
    private static final int POPULATED = 20_000;

    @Test
    void rdbOnly_killAfterSaveRestoresExactlyTheSavedState() throws Exception {
        Random rnd = new Random();
        long seed = rnd.nextLong();
        rnd.setSeed(seed);
        try (ServerProcess server = ServerProcess.redoubt("--save", "", "--appendonly", "no")) {
            server.start();
            Keyspace first;
            Keyspace second;
            try (Jedis j = new Jedis(server.host(), server.port(), 60_000)) {
                j.sendCommand(() -> "DEBUG".getBytes(), "POPULATE", Integer.toString(POPULATED), "pop", "16");
                Dataset.write(j, seed, Dataset.expireBase());
                PersistOps.bgsaveAndWait(j);
                first = Keyspace.read(server.host(), server.port());
                // Changes the save must not see: a kill before the next completed save loses them.
                j.del("list:long", "hash:large", "str:compressible");
                j.set("after:first:save", "x");
                j.select(7);
                j.flushDB();
                j.select(0);
                j.incr("str:int:3");
                second = Keyspace.read(server.host(), server.port());
                // A kill right after BGSAVE starts: the save may or may not have completed; either way the
                // file on disk must be one of the two complete states, never a torn one.
                j.bgsave();
            }
            server.kill();
            server.start();
            Keyspace afterKillDuringSave = Keyspace.read(server.host(), server.port());
            boolean isFirst = Keyspace.diff(first, afterKillDuringSave, 1).isEmpty();
            boolean isSecond = Keyspace.diff(second, afterKillDuringSave, 1).isEmpty();
            assertTrue(isFirst || isSecond, "after a kill during BGSAVE the state is neither the previous save "
                    + "nor the new one; against the previous: " + Keyspace.diff(first, afterKillDuringSave, 10)
                    + "; against the new: " + Keyspace.diff(second, afterKillDuringSave, 10));
            System.out.println("kill right after BGSAVE started: restarted with the " + (isSecond ? "new" : "previous") + " save");

            for (int trial = 0; trial < 3; trial++) {
                Keyspace saved;
                try (Jedis j = new Jedis(server.host(), server.port(), 60_000)) {
                    j.set("trial", Integer.toString(trial));
                    PersistOps.bgsaveAndWait(j);
                    saved = Keyspace.read(server.host(), server.port());
                }
                WriteLoad load = new WriteLoad(server.host(), server.port(), "after:" + trial + ":", 2);
                load.start();
                long killAfter = 200 + rnd.nextInt(3000);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (load.acknowledged() < killAfter && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                server.kill();
                load.join();
                server.start();
                Keyspace.assertSame(saved, Keyspace.read(server.host(), server.port()),
                        "trial " + trial + ": state after kill -9 against the last completed save (seed " + seed + ")");
            }
        }
    }

    @Test
    void bgsave_duringWrites_isOnePointInTime() throws Exception {
        try (ServerProcess server = ServerProcess.redoubt("--save", "", "--appendonly", "no")) {
            server.start();
            int populated = 200_000;
            try (Jedis j = new Jedis(server.host(), server.port(), 60_000)) {
                j.sendCommand(() -> "DEBUG".getBytes(), "POPULATE", Integer.toString(populated), "pop", "16");
            }
            AtomicLong acked = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> {
                try (Jedis w = new Jedis(server.host(), server.port(), 10_000)) {
                    for (long n = 1; !Thread.currentThread().isInterrupted(); n++) {
                        sent.set(n);
                        // One transaction touches keys all over the table: a save that is not one point in
                        // time would hold some of a transaction's keys and not others.
                        Transaction t = w.multi();
                        t.set("pit:a", Long.toString(n));
                        t.rpush("pit:list", Long.toString(n));
                        t.set("pop:" + touched(n, populated), Long.toString(n));
                        t.set("pit:b", Long.toString(n));
                        t.exec();
                        acked.set(n);
                    }
                } catch (RuntimeException serverGone) {
                    // Stopped by the kill.
                }
            }, "pit-writer");
            writer.setDaemon(true);
            writer.start();
            long before;
            long after;
            try (Jedis j = new Jedis(server.host(), server.port(), 60_000)) {
                awaitAtLeast(acked, 200);
                before = acked.get();
                PersistOps.bgsaveAndWait(j);
                after = sent.get();
            }
            awaitAtLeast(acked, after + 100);
            server.kill();
            writer.join(30_000);
            server.start();
            try (Jedis j = new Jedis(server.host(), server.port(), 60_000)) {
                long n = Long.parseLong(j.get("pit:a"));
                assertTrue(n >= before && n <= after, "the save holds transaction " + n + ", outside the "
                        + before + ".." + after + " running while BGSAVE ran");
                assertEquals(Long.toString(n), j.get("pit:b"), "pit:b against pit:a");
                List<String> list = j.lrange("pit:list", 0, -1);
                assertEquals(n, list.size(), "pit:list length against pit:a");
                for (int i = 0; i < list.size(); i++) {
                    assertEquals(Integer.toString(i + 1), list.get(i));
                }
                Map<Long, Long> latest = new HashMap<>();
                for (long m = 1; m <= after + 100; m++) {
                    long idx = touched(m, populated);
                    if (m <= n) {
                        latest.put(idx, m);
                    } else {
                        latest.putIfAbsent(idx, -1L);
                    }
                }
                for (var e : latest.entrySet()) {
                    String v = j.get("pop:" + e.getKey());
                    if (e.getValue() > 0) {
                        assertEquals(Long.toString(e.getValue()), v, "pop:" + e.getKey() + " in a save of transaction " + n);
                    } else if (v == null || v.chars().allMatch(Character::isDigit)) {
                        fail("pop:" + e.getKey() + " holds " + v + ", written after transaction " + n + " of the save");
                    }
                }
                assertEquals(populated + 3, j.dbSize());
                assertNull(j.get("pit:missing"));
                System.out.println("BGSAVE during writes saved transaction " + n + " (running: " + before + ".." + after + ")");
            }
        }
    }

    /** The populated key transaction {@code n} overwrites: spread over the whole table. */
    private static long touched(long n, int populated) {
        return (n * 7919) % populated;
    }

    private static void awaitAtLeast(AtomicLong counter, long n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (counter.get() < n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertTrue(counter.get() >= n, "the writer did not reach " + n + " transactions in 60 s");
    }
}
