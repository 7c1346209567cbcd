package io.redoubt.server.persist.rdb;

import io.redoubt.server.RedoubtServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What RESTORE propagates, read back from the append-only log (as Redis: a relative TTL becomes its absolute
 * time plus ABSTTL; an already-expired TTL over a REPLACEd key becomes DEL; nothing for a no-op), and that the
 * log replays to the same keyspace; RESTORE of a list serves a client blocked on the key.
 */
class DumpRestorePropagationIT {
    @TempDir
    Path dir;

    private RedoubtServer start() throws IOException {
        return RedoubtServer.builder().port(0).set("save", "").set("dir", dir.toString())
                .set("appendonly", "yes").set("appendfsync", "always").start();
    }

    private String incrLog() throws IOException {
        Path aofDir = dir.resolve("appendonlydir");
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(aofDir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".incr.aof")).sorted().toList()) {
                sb.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void restore_propagatesItsEffect() throws Exception {
        long expireAt;
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            j.rpush("src", "a", "b", "c");
            byte[] payload = j.dump("src");
            long before = System.currentTimeMillis();
            assertEquals("OK", j.restore("rel", 100_000, payload));
            long after = System.currentTimeMillis();
            expireAt = j.pexpireTime("rel");
            assertTrue(expireAt >= before + 100_000 && expireAt <= after + 100_000, "expireAt " + expireAt);
            j.set("victim", "x");
            assertEquals("OK", new String((byte[]) j.sendCommand(Protocol.Command.RESTORE, b("victim"), b("1"), payload,
                    b("ABSTTL"), b("REPLACE")), StandardCharsets.US_ASCII));
            assertFalse(j.exists("victim"));
            assertEquals("OK", new String((byte[]) j.sendCommand(Protocol.Command.RESTORE, b("never"), b("1"), payload,
                    b("ABSTTL")), StandardCharsets.US_ASCII));
            assertEquals("OK", j.restore("plain", 0, payload));

            String log = incrLog();
            String rel = "$7\r\nRESTORE\r\n$3\r\nrel\r\n$" + Long.toString(expireAt).length() + "\r\n" + expireAt + "\r\n";
            assertTrue(log.contains(rel), "RESTORE with its absolute time:\n" + log);
            assertTrue(log.contains("\r\n$6\r\nABSTTL\r\n"), log);
            assertTrue(log.contains("*2\r\n$3\r\nDEL\r\n$6\r\nvictim\r\n"), "the replaced, expired key as DEL:\n" + log);
            assertFalse(log.contains("never"), "an expired RESTORE of a new key propagates nothing:\n" + log);
            assertTrue(log.contains("*4\r\n$7\r\nRESTORE\r\n$5\r\nplain\r\n$1\r\n0\r\n"), "RESTORE without TTL as is:\n" + log);
        }
        try (RedoubtServer s = start(); Jedis j = new Jedis(s.host(), s.port())) {
            assertEquals(List.of("a", "b", "c"), j.lrange("rel", 0, -1));
            assertEquals(expireAt, j.pexpireTime("rel"));
            assertEquals(List.of("a", "b", "c"), j.lrange("plain", 0, -1));
            assertFalse(j.exists("victim"));
            assertFalse(j.exists("never"));
        }
    }

    @Test
    void restore_ofAList_servesABlockedClient() throws Exception {
        try (RedoubtServer s = RedoubtServer.builder().port(0).set("save", "").start();
             Jedis blocked = new Jedis(s.host(), s.port(), 30_000); Jedis j = new Jedis(s.host(), s.port())) {
            j.rpush("src", "x");
            byte[] payload = j.dump("src");
            var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> blocked.blpop(20, "waited"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!j.clientList().contains("cmd=blpop")) {
                assertTrue(System.nanoTime() < deadline, "the client never blocked");
                Thread.onSpinWait();
            }
            assertEquals("OK", j.restore("waited", 0, payload));
            assertEquals(List.of("waited", "x"), result.get(20, TimeUnit.SECONDS));
        }
    }
}
