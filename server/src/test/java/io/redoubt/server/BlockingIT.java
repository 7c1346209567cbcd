package io.redoubt.server;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.command.Arguments;
import io.redoubt.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The blocking mechanism, exercised through two test-only commands registered on the running server:
 * TESTPOP key timeout-ms (takes a string key's value or blocks) and TESTPUSH key value (stores it and
 * signals the key).
 */
class BlockingIT {
    private RedoubtServer server;
    /** Blocking calls need threads of their own: the common pool may have a single one on small machines. */
    private final ExecutorService pool = Executors.newCachedThreadPool();

    private static final ProtocolCommand TESTPOP = () -> SafeEncoder.encode("TESTPOP");
    private static final ProtocolCommand TESTPUSH = () -> SafeEncoder.encode("TESTPUSH");

    @BeforeEach
    void start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
        server.call(() -> {
            server.internals().commands().add("testpop", 3, "write", BlockingIT::testPop).keys(1, 1, 1);
            server.internals().commands().add("testpush", 3, "write", BlockingIT::testPush).keys(1, 1, 1);
            return null;
        });
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        server.close();
    }

    static void testPop(Client c, CommandArgs a) {
        Database db = c.db();
        long ref = c.server().lookupWrite(c, a, 1);
        if (ref == Database.NONE) {
            long timeout = Arguments.longArg(a, 2);
            c.server().blocking().block(c, a, new int[] {1}, timeout, x -> x.reply().nullBulk());
            return;
        }
        c.reply().bulkValue(db, ref);
        db.delete(ref);
        c.server().addDirty(1);
    }

    static void testPush(Client c, CommandArgs a) {
        c.db().putString(a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2), Database.NO_EXPIRY);
        c.server().blocking().signal(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        c.server().addDirty(1);
        c.reply().ok();
    }

    private static final byte[] RESP_POP_THEN_PING =
            "*3\r\n$7\r\nTESTPOP\r\n$1\r\nq\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

    private Jedis jedis() {
        return new Jedis(server.host(), server.port(), 30_000);
    }

    private static Object send(Jedis j, ProtocolCommand cmd, String... args) {
        Connection conn = j.getConnection();
        conn.sendCommand(cmd, args);
        Object r = conn.getOne();
        return r instanceof byte[] b ? SafeEncoder.encode(b) : r;
    }

    private int blocked() {
        return server.call(() -> server.internals().blocking().blockedClients());
    }

    private void awaitBlocked(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (blocked() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " blocked clients, have " + blocked());
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void servedWhenTheKeyIsPushed() throws Exception {
        try (Jedis waiter = jedis(); Jedis pusher = jedis()) {
            CompletableFuture<Object> popped = CompletableFuture.supplyAsync(() -> send(waiter, TESTPOP, "q", "0"), pool);
            awaitBlocked(1);
            assertEquals("OK", send(pusher, TESTPUSH, "q", "v1"));
            assertEquals("v1", popped.get(10, TimeUnit.SECONDS));
            assertEquals(0, blocked());
            assertNull(pusher.get("q"), "the blocked client took the value");
        }
    }

    @Test
    void firstComeFirstServed() throws Exception {
        try (Jedis a = jedis(); Jedis b = jedis(); Jedis pusher = jedis()) {
            CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> send(a, TESTPOP, "q", "0"), pool);
            awaitBlocked(1);
            CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> send(b, TESTPOP, "q", "0"), pool);
            awaitBlocked(2);
            send(pusher, TESTPUSH, "q", "one");
            assertEquals("one", first.get(10, TimeUnit.SECONDS));
            assertEquals(1, blocked(), "the second client keeps waiting");
            send(pusher, TESTPUSH, "q", "two");
            assertEquals("two", second.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void timeoutRepliesWithTheCommandsNullReply() throws Exception {
        try (Jedis j = jedis()) {
            assertNull(send(j, TESTPOP, "q", "50"));
            assertEquals(0, blocked());
        }
    }

    @Test
    void pipelinedRequestsWaitBehindABlockedOne() throws Exception {
        try (Socket waiter = new Socket(server.host(), server.port()); Jedis pusher = jedis()) {
            waiter.setSoTimeout(10_000);
            waiter.getOutputStream().write(RESP_POP_THEN_PING);
            awaitBlocked(1);
            send(pusher, TESTPUSH, "q", "x");
            byte[] expected = "$1\r\nx\r\n+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
            assertEquals(new String(expected, StandardCharsets.US_ASCII),
                    new String(waiter.getInputStream().readNBytes(expected.length), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void disconnectWhileBlockedForgetsTheClient() throws Exception {
        Socket waiter = new Socket(server.host(), server.port());
        waiter.getOutputStream().write("*3\r\n$7\r\nTESTPOP\r\n$1\r\nq\r\n$1\r\n0\r\n".getBytes(StandardCharsets.US_ASCII));
        awaitBlocked(1);
        waiter.close();
        awaitBlocked(0);
        try (Jedis pusher = jedis()) {
            send(pusher, TESTPUSH, "q", "kept");
            assertEquals("kept", pusher.get("q"));
        }
    }

    @Test
    void blockedClientWaitsAcrossDatabases() throws Exception {
        try (Jedis waiter = jedis(); Jedis pusher = jedis()) {
            waiter.select(3);
            CompletableFuture<Object> popped = CompletableFuture.supplyAsync(() -> send(waiter, TESTPOP, "q", "0"), pool);
            awaitBlocked(1);
            send(pusher, TESTPUSH, "q", "db0");
            assertEquals(1, blocked(), "a push to db 0 does not wake a client blocked on db 3");
            pusher.select(3);
            send(pusher, TESTPUSH, "q", "db3");
            assertEquals("db3", popped.get(10, TimeUnit.SECONDS));
        }
    }


    @Test
    void insideMultiABlockingCommandTimesOutAtOnce() throws Exception {
        try (Jedis j = jedis()) {
            redis.clients.jedis.Transaction t = j.multi();
            t.sendCommand(TESTPOP, "q", "0");
            java.util.List<Object> replies = t.exec();
            assertEquals(1, replies.size());
            assertNull(replies.get(0));
            assertEquals(0, blocked());
        }
    }
}
