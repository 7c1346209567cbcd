package io.redoubt.server.commands;

import io.redoubt.server.RedoubtServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.SortedSetOption;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.KeyValue;
import redis.clients.jedis.util.SafeEncoder;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sorted-set behaviour beyond single replies: blocking pops woken by ZADD, encodings, ZSCAN, random members. */
class ZSetCommandsIT {
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
    void bzpopmin_wokenByZaddFromAnotherClient() throws Exception {
        try (Jedis waiter = client()) {
            CompletableFuture<KeyValue<String, Tuple>> popped =
                    CompletableFuture.supplyAsync(() -> waiter.bzpopmin(0, "a", "b"), pool);
            awaitBlocked(1);
            jedis.zadd("b", 2, "two");
            jedis.zadd("b", 1, "one");
            KeyValue<String, Tuple> got = popped.get(20, TimeUnit.SECONDS);
            assertEquals("b", got.getKey());
            assertEquals(new Tuple("two", 2.0), got.getValue(), "served as soon as the first ZADD finished");
            assertEquals(List.of("one"), jedis.zrange("b", 0, -1));
        }
    }

    @Test
    void bzpopmax_servesClientsInArrivalOrder() throws Exception {
        try (Jedis first = client(); Jedis second = client()) {
            CompletableFuture<KeyValue<String, Tuple>> p1 = CompletableFuture.supplyAsync(() -> first.bzpopmax(0, "z"), pool);
            awaitBlocked(1);
            CompletableFuture<KeyValue<String, Tuple>> p2 = CompletableFuture.supplyAsync(() -> second.bzpopmax(0, "z"), pool);
            awaitBlocked(2);
            jedis.zadd("z", java.util.Map.of("x", 1.0, "y", 5.0));
            assertEquals(new Tuple("y", 5.0), p1.get(20, TimeUnit.SECONDS).getValue());
            assertEquals(new Tuple("x", 1.0), p2.get(20, TimeUnit.SECONDS).getValue());
            assertEquals(false, jedis.exists("z"));
        }
    }

    @Test
    void bzmpop_wokenByZadd_popsUpToCount() throws Exception {
        try (Jedis waiter = client()) {
            CompletableFuture<KeyValue<String, List<Tuple>>> popped = CompletableFuture.supplyAsync(
                    () -> waiter.bzmpop(0, SortedSetOption.MIN, 2, "k1", "k2"), pool);
            awaitBlocked(1);
            jedis.zadd("k2", java.util.Map.of("a", 1.0, "b", 2.0, "c", 3.0));
            KeyValue<String, List<Tuple>> got = popped.get(20, TimeUnit.SECONDS);
            assertEquals("k2", got.getKey());
            assertEquals(List.of(new Tuple("a", 1.0), new Tuple("b", 2.0)), got.getValue());
        }
    }

    @Test
    void bzpopmin_timesOutWithANullReply() {
        assertNull(jedis.bzpopmin(0.05, "none"));
    }

    @Test
    void zaddInsideMulti_wakesBlockedClientAfterExec() throws Exception {
        try (Jedis waiter = client()) {
            CompletableFuture<KeyValue<String, Tuple>> popped = CompletableFuture.supplyAsync(() -> waiter.bzpopmin(0, "q"), pool);
            awaitBlocked(1);
            Transaction t = jedis.multi();
            t.zadd("q", 5, "five");
            t.zadd("q", 1, "one");
            t.zcard("q");
            List<Object> replies = t.exec();
            assertEquals(2L, replies.get(2));
            assertEquals(new Tuple("one", 1.0), popped.get(20, TimeUnit.SECONDS).getValue());
        }
    }

    @Test
    void zrankWithScore_isRedis72() {
        jedis.zadd("z", java.util.Map.of("a", 1.5, "b", 2.5));
        Object reply = jedis.sendCommand(Protocol.Command.ZRANK, "z", "b", "WITHSCORE");
        List<?> list = (List<?>) reply;
        assertEquals(1L, list.get(0));
        assertEquals("2.5", SafeEncoder.encode((byte[]) list.get(1)));
        Object rev = jedis.sendCommand(Protocol.Command.ZREVRANK, "z", "b", "withscore");
        assertEquals(0L, ((List<?>) rev).get(0));
        assertNull(jedis.sendCommand(Protocol.Command.ZRANK, "z", "nosuch", "WITHSCORE"));
    }

    @Test
    void encoding_convertsAtTheListpackLimits() {
        jedis.configSet("zset-max-listpack-entries", "4");
        jedis.configSet("zset-max-listpack-value", "8");
        jedis.zadd("z", java.util.Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0));
        assertEquals("listpack", jedis.objectEncoding("z"));
        jedis.zadd("z", 5, "e");
        assertEquals("skiplist", jedis.objectEncoding("z"));
        jedis.zremrangeByRank("z", 0, 3);
        assertEquals("skiplist", jedis.objectEncoding("z"), "no conversion back on removal");
        jedis.zadd("long", 1, "123456789");
        assertEquals("skiplist", jedis.objectEncoding("long"));
        jedis.zunionstore("u", "z");
        assertEquals("listpack", jedis.objectEncoding("u"), "store results compacted when they fit");
    }

    @Test
    void zscan_onALargeSet_returnsEveryMemberWithItsScore() {
        for (int i = 0; i < 1000; i++) {
            jedis.zadd("big", i, "m" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int calls = 0;
        do {
            ScanResult<Tuple> page = jedis.zscan("big", cursor, new ScanParams().count(50));
            for (Tuple t : page.getResult()) {
                assertEquals(Double.parseDouble(t.getElement().substring(1)), t.getScore());
                seen.add(t.getElement());
            }
            cursor = page.getCursor();
            calls++;
        } while (!cursor.equals("0"));
        assertEquals(1000, seen.size());
        assertTrue(calls > 1, "a skiplist set is scanned in several steps");
        ScanResult<Tuple> matched = jedis.zscan("big", "0", new ScanParams().match("m99*").count(10_000));
        assertEquals(11, matched.getResult().size());
    }

    @Test
    void zrandmember_distinctForPositiveCounts_repeatsForNegative() {
        for (int i = 0; i < 300; i++) {
            jedis.zadd("z", i, "m" + i);
        }
        List<String> distinct = jedis.zrandmember("z", 100);
        assertEquals(100, new HashSet<>(distinct).size());
        assertEquals(300, jedis.zrandmember("z", 1000).size());
        assertEquals(500, jedis.zrandmember("z", -500).size());
        for (Tuple t : jedis.zrandmemberWithScores("z", 20)) {
            assertEquals(Double.parseDouble(t.getElement().substring(1)), t.getScore());
        }
    }

    @Test
    void largeSet_rangesStayConsistentUnderUpdates() {
        for (int i = 0; i < 2000; i++) {
            jedis.zadd("z", i % 100, "m" + i);
        }
        for (int i = 0; i < 2000; i += 3) {
            jedis.zincrby("z", 1000, "m" + i);
        }
        List<Tuple> all = jedis.zrangeWithScores("z", 0, -1);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).compareTo(all.get(i)) < 0, "ascending at " + i);
        }
        for (int r = 0; r < all.size(); r += 97) {
            assertEquals(r, (long) jedis.zrank("z", all.get(r).getElement()));
        }
        assertEquals(jedis.zcount("z", "1000", "+inf"), (long) jedis.zrangeByScore("z", "1000", "+inf").size());
    }
}
