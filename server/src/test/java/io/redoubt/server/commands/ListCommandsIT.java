package io.redoubt.server.commands;

import io.redoubt.server.RedoubtServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.ListDirection;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** List behaviour beyond single replies: blocking pops woken by pushes, encodings, memory accounting. */
class ListCommandsIT {
    private RedoubtServer server;
    private Jedis jedis;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
        jedis = client();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        jedis.close();
        server.close();
    }

    private Jedis client() {
        return new Jedis(server.host(), server.port(), 30_000);
    }

    private void awaitBlocked(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.call(() -> server.internals().blocking().blockedClients()) != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " blocked clients");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void blpop_wokenByAPushFromAnotherClient() throws Exception {
        try (Jedis waiter = client()) {
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> waiter.blpop(0, "a", "b"), pool);
            awaitBlocked(1);
            jedis.rpush("b", "x", "y");
            assertEquals(List.of("b", "x"), popped.get(20, TimeUnit.SECONDS));
            assertEquals(List.of("y"), jedis.lrange("b", 0, -1));
        }
    }

    @Test
    void blmove_chainsIntoAnotherBlockedClient() throws Exception {
        try (Jedis mover = client(); Jedis popper = client()) {
            CompletableFuture<String> moved = CompletableFuture.supplyAsync(
                    () -> mover.blmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT, 0), pool);
            awaitBlocked(1);
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> popper.brpop(0, "dst"), pool);
            awaitBlocked(2);
            jedis.lpush("src", "v");
            assertEquals("v", moved.get(20, TimeUnit.SECONDS));
            assertEquals(List.of("dst", "v"), popped.get(20, TimeUnit.SECONDS));
            assertEquals(0, (long) jedis.exists("src", "dst"));
        }
    }

    @Test
    void blpop_timesOutWithANullReply() {
        assertNull(jedis.blpop(0.05, "none"));
    }

    @Test
    void pushesInsideMulti_wakeBlockedClientsAfterExec() throws Exception {
        try (Jedis waiter = client()) {
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> waiter.blpop(0, "q"), pool);
            awaitBlocked(1);
            Transaction t = jedis.multi();
            t.rpush("q", "1");
            t.rpush("q", "2");
            t.llen("q");
            List<Object> replies = t.exec();
            assertEquals(2L, replies.get(2), "the transaction saw both elements");
            assertEquals(List.of("q", "1"), popped.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void encoding_followsListMaxListpackSize() {
        jedis.configSet("list-max-listpack-size", "4");
        jedis.rpush("l", "1", "2", "3", "4");
        assertEquals("listpack", jedis.objectEncoding("l"));
        jedis.rpush("l", "5");
        assertEquals("quicklist", jedis.objectEncoding("l"));
        jedis.rpop("l", 3);
        assertEquals("listpack", jedis.objectEncoding("l"), "back to listpack at half the limit");
    }

    private long entryMemory(String key) {
        return server.call(() -> {
            var db = server.internals().keyspace().db(0);
            return db.entryMemory(db.find(key.getBytes()));
        });
    }

    @Test
    void memoryUsage_growsWithTheList() {
        jedis.rpush("l", "x");
        long small = entryMemory("l");
        for (int i = 0; i < 1000; i++) {
            jedis.rpush("l", "element-" + i);
        }
        long big = entryMemory("l");
        assertEquals(true, big > small + 1000 * 9, "small " + small + " big " + big);
    }
}
