package io.redoubt.server.persist;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL during a steady write load with the append-only log on, restart on the same directory, count.
 *
 * <p>Every trial continues on the directory the previous trials left, with its own key prefix, so recovery
 * is also tested after recoveries (a torn tail cut, a log reopened), and every earlier trial's surviving
 * state must still be there unchanged. The kill comes at a random point of the load (after a random number
 * of acknowledged writes), some trials in the middle of a BGREWRITEAOF.
 *
 * <p>A SIGKILL loses what the process held and had not yet written to the kernel, not what the kernel had
 * not yet written to the disk (that would take a power cut): with {@code always} nothing acknowledged may be
 * lost; with {@code everysec} the loss window is measured and printed, and only its shape is asserted
 * (what survives is a prefix of each connection's acknowledged sequence).
 */
class AofCrashIT {
    private static final int TRIALS = 5;
    private static final int WRITERS = 3;

    record Trial(String prefix, int[] survived) {
    }

    @Test
    void appendfsyncAlways_killNineLosesNoAcknowledgedWrite() throws Exception {
        List<String> report = crashTrials("always", true);
        System.out.println("appendfsync always, kill -9 trials:\n  " + String.join("\n  ", report));
    }

    @Test
    void appendfsyncEverysec_survivorsArePrefixesAndTheLossWindowIsMeasured() throws Exception {
        List<String> report = crashTrials("everysec", false);
        System.out.println("appendfsync everysec, kill -9 trials:\n  " + String.join("\n  ", report));
    }

    private List<String> crashTrials(String fsync, boolean noLoss) throws Exception {
        Random rnd = new Random();
        long seed = rnd.nextLong();
        rnd.setSeed(seed);
        List<String> report = new ArrayList<>();
        report.add("seed " + seed);
        List<Trial> done = new ArrayList<>();
        try (ServerProcess server = ServerProcess.redoubt("--save", "", "--appendonly", "yes",
                "--appendfsync", fsync, "--aof-load-truncated", "yes")) {
            server.start();
            for (int t = 0; t < TRIALS; t++) {
                String prefix = "t" + t + ":";
                WriteLoad load = new WriteLoad(server.host(), server.port(), prefix, WRITERS);
                long killAfter = 300 + rnd.nextInt(2500);
                boolean rewrite = t % 3 == 1;
                load.start();
                if (rewrite) {
                    awaitAcknowledged(load, killAfter / 2);
                    try (Jedis admin = new Jedis(server.host(), server.port())) {
                        admin.bgrewriteaof();
                    }
                }
                awaitAcknowledged(load, killAfter);
                server.kill();
                List<WriteLoad.Writer> writers = load.join();
                server.start();
                int[] survived = new int[WRITERS];
                StringBuilder line = new StringBuilder("trial " + t + (rewrite ? " (kill during/after BGREWRITEAOF)" : "")
                        + ": acknowledged/survived");
                try (Jedis j = new Jedis(server.host(), server.port(), 30_000)) {
                    for (Trial earlier : done) {
                        WriteLoad again = new WriteLoad(server.host(), server.port(), earlier.prefix(), WRITERS);
                        for (int w = 0; w < WRITERS; w++) {
                            assertEquals(earlier.survived()[w], again.survivors(j, w, earlier.survived()[w] + 3),
                                    "trial " + earlier.prefix() + " writer " + w + " changed after a later crash");
                        }
                    }
                    for (WriteLoad.Writer w : writers) {
                        int acked = w.acked;
                        // At most one command was in flight when the server died.
                        int got = load.survivors(j, w.index, acked + 1);
                        survived[w.index] = got;
                        assertTrue(got <= acked + 1, "writer " + w.index + ": " + got + " commands survived, only "
                                + acked + " acknowledged and one in flight");
                        line.append(' ').append(acked).append('/').append(got);
                        if (got < acked) {
                            line.append(String.format(" (lost %d, %.1f ms of writes)", acked - got, w.spanMillis(got + 1, acked)));
                        }
                        if (noLoss) {
                            assertTrue(got >= acked, "appendfsync " + fsync + ", trial " + t + ", writer " + w.index
                                    + ": " + (acked - got) + " acknowledged writes lost (acknowledged " + acked
                                    + ", survived " + got + "); seed " + seed);
                        }
                    }
                }
                done.add(new Trial(prefix, survived));
                report.add(line.toString());
            }
        }
        return report;
    }

    private static void awaitAcknowledged(WriteLoad load, long n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (load.acknowledged() < n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertTrue(load.acknowledged() >= n, "the write load did not reach " + n + " acknowledged writes in 30 s");
    }
}
