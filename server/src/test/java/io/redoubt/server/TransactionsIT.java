package io.redoubt.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TransactionsIT {
    private RedoubtServer server;
    private Jedis jedis;

    @BeforeEach
    void start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
        jedis = new Jedis(server.host(), server.port(), 30_000);
    }

    @AfterEach
    void stop() {
        jedis.close();
        server.close();
    }

    @Test
    void exec_runsQueuedCommandsInOrder() {
        Transaction t = jedis.multi();
        t.set("a", "1");
        t.get("a");
        t.set("a", "2");
        List<Object> replies = t.exec();
        assertEquals(List.of("OK", "1", "OK"), replies);
        assertEquals("2", jedis.get("a"));
    }

    @Test
    void queueingError_abortsTheWholeTransaction() {
        jedis.sendCommand(() -> "MULTI".getBytes());
        jedis.set("a", "1");
        JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.sendCommand(() -> "NOSUCHCOMMAND".getBytes()));
        JedisDataException abort = assertThrows(JedisDataException.class, () -> jedis.sendCommand(() -> "EXEC".getBytes()));
        assertEquals("EXECABORT Transaction discarded because of previous errors.", abort.getMessage());
        assertNull(jedis.get("a"));
        assertEquals("ERR unknown command 'NOSUCHCOMMAND', with args beginning with: ", e.getMessage());
    }

    @Test
    void arityErrorWhileQueueing_aborts() {
        jedis.sendCommand(() -> "MULTI".getBytes());
        assertThrows(JedisDataException.class, () -> jedis.sendCommand(() -> "GET".getBytes()));
        JedisDataException abort = assertThrows(JedisDataException.class, () -> jedis.sendCommand(() -> "EXEC".getBytes()));
        assertEquals("EXECABORT Transaction discarded because of previous errors.", abort.getMessage());
    }

    @Test
    void runtimeError_doesNotAbortTheOthers() {
        Transaction t = jedis.multi();
        t.set("a", "1");
        t.sendCommand(redis.clients.jedis.Protocol.Command.SELECT, "99");
        t.set("b", "2");
        List<Object> replies = t.exec();
        assertEquals("OK", replies.get(0));
        assertInstanceOf(JedisDataException.class, replies.get(1));
        assertEquals("OK", replies.get(2));
        assertEquals("2", jedis.get("b"));
    }

    @Test
    void watch_brokenByAnotherClientsWrite() {
        jedis.set("w", "0");
        jedis.watch("w");
        try (Jedis other = new Jedis(server.host(), server.port(), 30_000)) {
            other.set("w", "changed");
        }
        Transaction t = jedis.multi();
        t.set("w", "mine");
        assertNull(t.exec());
        assertEquals("changed", jedis.get("w"));
    }

    @Test
    void watch_untouchedKeyLetsExecRun() {
        jedis.set("w", "0");
        jedis.watch("w");
        try (Jedis other = new Jedis(server.host(), server.port(), 30_000)) {
            other.set("unrelated", "x");
        }
        Transaction t = jedis.multi();
        t.set("w", "mine");
        assertEquals(List.of("OK"), t.exec());
    }

    @Test
    void watch_brokenByExpiry() throws Exception {
        jedis.set("w", "0", redis.clients.jedis.params.SetParams.setParams().px(1));
        jedis.watch("w");
        long deadline = System.nanoTime() + 10_000_000_000L;
        // Reading the key after its time has passed deletes it lazily: an expiry, which breaks the WATCH.
        while (jedis.get("w") != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("key did not expire");
            }
            Thread.onSpinWait();
        }
        Transaction t = jedis.multi();
        t.set("x", "1");
        assertNull(t.exec());
    }

    @Test
    void unwatchAndDiscard() {
        jedis.set("w", "0");
        jedis.watch("w");
        jedis.unwatch();
        try (Jedis other = new Jedis(server.host(), server.port(), 30_000)) {
            other.set("w", "changed");
        }
        Transaction t = jedis.multi();
        t.set("w", "mine");
        t.exec();
        assertEquals("mine", jedis.get("w"));

        Transaction d = jedis.multi();
        d.set("w", "discarded");
        d.discard();
        assertEquals("mine", jedis.get("w"));
    }

    @Test
    void errorsOfMisplacedCommands() {
        assertEquals("ERR EXEC without MULTI",
                assertThrows(JedisDataException.class, () -> jedis.sendCommand(() -> "EXEC".getBytes())).getMessage());
        assertEquals("ERR DISCARD without MULTI",
                assertThrows(JedisDataException.class, () -> jedis.sendCommand(() -> "DISCARD".getBytes())).getMessage());
        jedis.sendCommand(() -> "MULTI".getBytes());
        assertEquals("ERR MULTI calls can not be nested",
                assertThrows(JedisDataException.class, () -> jedis.sendCommand(() -> "MULTI".getBytes())).getMessage());
        assertEquals("ERR WATCH inside MULTI is not allowed",
                assertThrows(JedisDataException.class, () -> jedis.sendCommand(() -> "WATCH".getBytes(), "k")).getMessage());
        // Neither error aborts the transaction.
        assertEquals(List.of(), jedis.sendCommand(() -> "EXEC".getBytes()));
    }

    @Test
    void watch_brokenByFlushAllAndSwapDb() {
        jedis.set("w", "0");
        jedis.watch("w");
        try (Jedis other = new Jedis(server.host(), server.port(), 30_000)) {
            other.flushAll();
        }
        Transaction t = jedis.multi();
        t.set("x", "1");
        assertNull(t.exec());

        jedis.set("w", "0");
        jedis.watch("w");
        try (Jedis other = new Jedis(server.host(), server.port(), 30_000)) {
            other.swapDB(0, 1);
        }
        Transaction t2 = jedis.multi();
        t2.set("x", "1");
        assertNull(t2.exec());
    }

    /** Out of memory at EXEC: a transaction with a command that may grow memory is refused whole, a read-only one runs. */
    @Test
    void exec_outOfMemory_refusesOnlyTransactionsThatMayGrowMemory() throws Exception {
        try (RawClient c = new RawClient(server.port()); RawClient admin = new RawClient(server.port())) {
            c.call("SET", "x", "value");
            c.call("MULTI");
            c.call("GET", "x");
            admin.call("CONFIG", "SET", "maxmemory", "1");
            assertEquals("*1\r\n$5\r\nvalue\r\n", c.call("EXEC"));
            admin.call("CONFIG", "SET", "maxmemory", "0");

            c.call("MULTI");
            c.call("SET", "x", "1");
            admin.call("CONFIG", "SET", "maxmemory", "1");
            assertEquals("-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.\r\n",
                    c.call("EXEC"));
            admin.call("CONFIG", "SET", "maxmemory", "0");
            assertEquals("-ERR EXEC without MULTI\r\n", c.call("EXEC"), "the transaction was discarded");
            assertEquals("$5\r\nvalue\r\n", c.call("GET", "x"));
        }
    }
}
