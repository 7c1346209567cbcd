package io.redoubt.server.persist;

import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Persistence steps the crash and interoperability tests share, the same on Redoubt and on Redis. */
final class PersistOps {
    private PersistOps() {
    }

    /** BGSAVE, then waits for it to finish and checks it succeeded. */
    static void bgsaveAndWait(Jedis j) {
        String reply = j.bgsave();
        assertTrue(reply.startsWith("Background saving started"), "BGSAVE: " + reply);
        awaitInfo(j, "rdb_bgsave_in_progress:0", "BGSAVE");
        String info = j.info("persistence");
        assertTrue(info.contains("rdb_last_bgsave_status:ok"), "BGSAVE failed:\n" + info);
    }

    /** BGREWRITEAOF, then waits for the rewrite to finish and checks it succeeded. */
    static void rewriteAndWait(Jedis j) {
        String reply = j.bgrewriteaof();
        assertTrue(reply.startsWith("Background append only file rewriting"), "BGREWRITEAOF: " + reply);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            String info = j.info("persistence");
            if (info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0")) {
                assertTrue(info.contains("aof_last_bgrewrite_status:ok"), "BGREWRITEAOF failed:\n" + info);
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("BGREWRITEAOF still running after 120 s:\n" + info);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void awaitInfo(Jedis j, String line, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            String info = j.info("persistence");
            if (info.contains(line)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail(what + " still running after 120 s:\n" + info);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Copies a file or a directory tree (an AOF directory) into {@code to}, replacing what is there. */
    static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            Files.createDirectories(to);
            try (var files = Files.list(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    copy(f, to.resolve(f.getFileName().toString()));
                }
            }
        } else {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
