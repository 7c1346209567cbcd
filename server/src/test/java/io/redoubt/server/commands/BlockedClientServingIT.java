package io.redoubt.server.commands;

import io.redoubt.server.RawClient;
import io.redoubt.server.RedoubtServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When and how clients blocked on keys are served, as Redis 7.2 does it; each test is a case Redis's Tcl suite
 * (unit/type/list) checks and Redoubt once got wrong.
 */
class BlockedClientServingIT {
    private RedoubtServer server;
    private RawClient r;

    @BeforeEach
    void start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
        r = new RawClient(server.port());
    }

    @AfterEach
    void stop() throws IOException {
        r.close();
        server.close();
    }

    private RawClient client() throws IOException {
        return new RawClient(server.port());
    }

    /** Waits for INFO's blocked_clients to reach {@code n}, as the suite's wait_for_blocked_clients_count does. */
    private void awaitBlocked(int n) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int now;
        while ((now = (int) infoField("clients", "blocked_clients")) != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " blocked clients in INFO, have " + now);
            }
            Thread.onSpinWait();
        }
    }

    private long infoField(String section, String field) throws IOException {
        Matcher m = Pattern.compile(field + ":(\\d+)").matcher(r.call("INFO", section));
        assertTrue(m.find(), field);
        return Long.parseLong(m.group(1));
    }

    @Test
    void blpop_notServedWhenTheKeyIsNoLongerAListAtTheEndOfTheTransaction() throws Exception {
        try (RawClient waiter = client()) {
            waiter.command("BLPOP", "list", "0");
            awaitBlocked(1);
            r.call("MULTI");
            r.call("LPUSH", "list", "a");
            r.call("DEL", "list");
            r.call("SET", "list", "foo");
            assertEquals("*3\r\n:1\r\n:1\r\n+OK\r\n", r.call("EXEC"));
            assertEquals(1, infoField("clients", "blocked_clients"), "a string under the key serves nobody");
            r.call("DEL", "list");
            r.call("LPUSH", "list", "b");
            assertEquals("*2\r\n$4\r\nlist\r\n$1\r\nb\r\n", waiter.reply());
        }
    }

    @Test
    void bzpopmin_notServedByAListUnderItsKey() throws Exception {
        try (RawClient waiter = client()) {
            waiter.command("BZPOPMIN", "k", "0");
            awaitBlocked(1);
            r.call("RPUSH", "k", "x");
            assertEquals(1, infoField("clients", "blocked_clients"));
            r.call("DEL", "k");
            r.call("ZADD", "k", "1", "m");
            assertEquals("*3\r\n$1\r\nk\r\n$1\r\nm\r\n$1\r\n1\r\n", waiter.reply());
        }
    }

    @Test
    void brpoplpush_blocksDespiteAWrongTypeDestinationAndFailsWhenServed() throws Exception {
        try (RawClient waiter = client()) {
            r.call("SET", "target", "nolist");
            waiter.command("BRPOPLPUSH", "blist", "target", "0");
            awaitBlocked(1);
            r.call("RPUSH", "blist", "a", "b", "c");
            assertTrue(waiter.reply().startsWith("-WRONGTYPE"));
            assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", r.call("LRANGE", "blist", "0", "-1"),
                    "the failed move leaves the source as it was");
            assertEquals(0, infoField("clients", "blocked_clients"));
        }
    }

    @Test
    void brpoplpush_aFailedClientDoesNotStopTheNextOneBeingServed() throws Exception {
        try (RawClient first = client(); RawClient second = client()) {
            r.call("SET", "target1", "nolist");
            first.command("BRPOPLPUSH", "blist", "target1", "0");
            awaitBlocked(1);
            second.command("BRPOPLPUSH", "blist", "target2", "0");
            awaitBlocked(2);
            r.call("LPUSH", "blist", "foo");
            assertTrue(first.reply().startsWith("-WRONGTYPE"));
            assertEquals("$3\r\nfoo\r\n", second.reply());
            assertEquals("*1\r\n$3\r\nfoo\r\n", r.call("LRANGE", "target2", "0", "-1"));
        }
    }

    @Test
    void swapdb_servesClientsBlockedOnKeysThatNowExist() throws Exception {
        r.call("SELECT", "1");
        r.call("RPUSH", "k", "hello");
        try (RawClient waiter = client()) {
            waiter.call("SELECT", "9");
            waiter.command("BRPOP", "k", "5");
            awaitBlocked(1);
            r.call("SWAPDB", "1", "9");
            assertEquals("*2\r\n$1\r\nk\r\n$5\r\nhello\r\n", waiter.reply());
        }
    }

    @Test
    void servedBlpopAndBlmove_countTwoChangesWithTheirPush() throws Exception {
        try (RawClient waiter = client()) {
            long dirty = infoField("persistence", "rdb_changes_since_last_save");
            waiter.command("BLPOP", "lst", "0");
            awaitBlocked(1);
            r.call("LPUSH", "lst", "a");
            waiter.reply();
            assertEquals(dirty + 2, infoField("persistence", "rdb_changes_since_last_save"));

            dirty = infoField("persistence", "rdb_changes_since_last_save");
            waiter.command("BLMOVE", "lst", "lst1", "LEFT", "LEFT", "0");
            awaitBlocked(1);
            r.call("LPUSH", "lst", "a");
            assertEquals("$1\r\na\r\n", waiter.reply());
            assertEquals(dirty + 2, infoField("persistence", "rdb_changes_since_last_save"),
                    "LPUSH and the move: one change each");
        }
    }

    @Test
    void servedBlockingCommand_countedOnceInCommandstats() throws Exception {
        try (RawClient waiter = client()) {
            r.call("CONFIG", "RESETSTAT");
            waiter.command("BLPOP", "mylist", "0");
            awaitBlocked(1);
            r.call("LPUSH", "mylist", "1");
            waiter.reply();
            assertTrue(r.call("INFO", "commandstats").contains("cmdstat_blpop:calls=1,"));

            r.call("CONFIG", "RESETSTAT");
            assertEquals("*-1\r\n", waiter.call("BLPOP", "mylist", "0.01"));
            assertTrue(r.call("INFO", "commandstats").contains("cmdstat_blpop:calls=1,"), "the timeout counts the call");
        }
    }

    @Test
    void timeouts_parsedAsRedis72() throws Exception {
        assertEquals("-ERR timeout is out of range\r\n", r.call("BLPOP", "l", "0x7FFFFFFFFFFFFF"));
        assertEquals("-ERR timeout is out of range\r\n", r.call("BLPOP", "l", "inf"));
        assertEquals("-ERR timeout is out of range\r\n", r.call("BZPOPMIN", "z", "1e300"));
        assertEquals("-ERR timeout is negative\r\n", r.call("BLPOP", "l", "-inf"));
        assertEquals("-ERR timeout is negative\r\n", r.call("BRPOP", "l", "-1"));
        assertEquals("-ERR timeout is not a float or out of range\r\n", r.call("BLPOP", "l", "nan"));
        assertEquals("-ERR timeout is not a float or out of range\r\n", r.call("BLMOVE", "a", "b", "LEFT", "LEFT", "x"));
        assertEquals("*-1\r\n", r.call("BLPOP", "l", "0x1p-10"), "hex fractions are seconds too");
        // BLMPOP and BZMPOP parse numkeys, the end and COUNT before the timeout.
        assertEquals("-ERR numkeys should be greater than 0\r\n", r.call("BLMPOP", "x", "a", "l", "LEFT"));
        assertEquals("-ERR syntax error\r\n", r.call("BZMPOP", "x", "1", "z", "UP"));
    }
}
