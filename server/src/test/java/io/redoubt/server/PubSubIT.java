package io.redoubt.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Pub/Sub over raw sockets, byte for byte, and compared with a real redis-server where one is installed. */
class PubSubIT {
    private RedoubtServer server;

    @BeforeEach
    void start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Runs a fixed subscriber/publisher conversation and returns every reply in order. */
    private static List<String> conversation(int port) throws Exception {
        List<String> out = new ArrayList<>();
        try (RawClient sub = new RawClient(port); RawClient pub = new RawClient(port); RawClient sub3 = new RawClient(port)) {
            out.add(sub.call("SUBSCRIBE", "news", "sport"));
            out.add(sub.reply());
            out.add(sub.call("PSUBSCRIBE", "n*"));
            out.add(sub3.call("HELLO", "3").isEmpty() ? "" : "hello");
            out.add(sub3.call("SSUBSCRIBE", "shard"));
            out.add(sub3.call("SUBSCRIBE", "news"));
            out.add(pub.call("PUBLISH", "news", "hello"));
            out.add(sub.reply());
            out.add(sub.reply());
            out.add(sub3.reply());
            out.add(pub.call("SPUBLISH", "shard", "s1"));
            out.add(sub3.reply());
            out.add(pub.call("PUBSUB", "NUMSUB", "news", "sport", "none"));
            out.add(pub.call("PUBSUB", "NUMPAT"));
            out.add(pub.call("PUBSUB", "CHANNELS", "s*"));
            out.add(pub.call("PUBSUB", "SHARDCHANNELS"));
            out.add(pub.call("PUBSUB", "SHARDNUMSUB", "shard"));
            out.add(sub.call("GET", "x"));
            out.add(sub.call("PING"));
            out.add(sub.call("PING", "hi"));
            out.add(sub3.call("GET", "x"));
            out.add(sub.call("UNSUBSCRIBE", "news"));
            out.add(sub.call("PUNSUBSCRIBE"));
            out.add(sub.call("UNSUBSCRIBE"));
            out.add(sub.call("UNSUBSCRIBE"));
            out.add(sub.call("GET", "x"));
            out.add(pub.call("PUBLISH", "sport", "nobody"));
            out.add(sub3.call("RESET"));
            out.add(pub.call("PUBSUB", "NUMSUB", "news"));
        }
        return out;
    }

    @Test
    void conversation_hasRedisReplies() throws Exception {
        List<String> r = conversation(server.port());
        assertEquals("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n", r.get(0));
        assertEquals("*3\r\n$9\r\nsubscribe\r\n$5\r\nsport\r\n:2\r\n", r.get(1));
        assertEquals("*3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:3\r\n", r.get(2));
        assertEquals(">3\r\n$10\r\nssubscribe\r\n$5\r\nshard\r\n:1\r\n", r.get(4));
        assertEquals(":3\r\n", r.get(6), "two channel subscribers and one pattern");
        assertEquals("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n", r.get(7));
        assertEquals("*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$5\r\nhello\r\n", r.get(8));
        assertEquals(">3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n", r.get(9));
        assertEquals(">3\r\n$8\r\nsmessage\r\n$5\r\nshard\r\n$2\r\ns1\r\n", r.get(11));
        assertEquals("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n", r.get(17));
        assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", r.get(18));
        assertEquals("_\r\n", r.get(20), "RESP3 clients may run any command while subscribed");
        assertEquals("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n", r.get(24), "unsubscribing with nothing left");
        assertEquals("$-1\r\n", r.get(25), "out of subscriber mode");
        assertEquals(":0\r\n", r.get(26));
    }

    @Test
    void conversation_matchesRealRedis() throws Exception {
        RealRedis redis = RealRedis.start();
        assumeTrue(redis != null, "redis-server is not installed: skipping the comparison with Redis");
        try (redis) {
            assertEquals(conversation(redis.port()), conversation(server.port()));
        }
    }

    /** Redis 7.2 writes Pub/Sub messages and confirmations even to a client that turned its replies off. */
    @Test
    void clientReplyOff_stillGetsPubSubMessagesAndConfirmations() throws Exception {
        try (RawClient sub = new RawClient(server.port()); RawClient pub = new RawClient(server.port())) {
            sub.call("HELLO", "3");
            sub.command("CLIENT", "REPLY", "OFF");
            assertEquals(">3\r\n$9\r\nsubscribe\r\n$7\r\nchannel\r\n:1\r\n", sub.call("SUBSCRIBE", "channel"));
            assertEquals(">3\r\n$10\r\npsubscribe\r\n$3\r\nch*\r\n:2\r\n", sub.call("PSUBSCRIBE", "ch*"));
            assertEquals(":2\r\n", pub.call("PUBLISH", "channel", "hello"));
            assertEquals(">3\r\n$7\r\nmessage\r\n$7\r\nchannel\r\n$5\r\nhello\r\n", sub.reply());
            assertEquals(">4\r\n$8\r\npmessage\r\n$3\r\nch*\r\n$7\r\nchannel\r\n$5\r\nhello\r\n", sub.reply());
            sub.command("SET", "k", "v");  // replies still off: nothing comes back for it
            assertEquals(">3\r\n$11\r\nunsubscribe\r\n$7\r\nchannel\r\n:1\r\n", sub.call("UNSUBSCRIBE", "channel"));
        }
        try (RawClient sub = new RawClient(server.port()); RawClient pub = new RawClient(server.port())) {
            sub.command("CLIENT", "REPLY", "SKIP");
            assertEquals("*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n", sub.call("SUBSCRIBE", "c"), "RESP2 too");
            pub.call("PUBLISH", "c", "m");
            assertEquals("*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n", sub.reply());
        }
    }

    /** A message a RESP3 client publishes to itself inside MULTI follows the EXEC reply instead of entering it. */
    @Test
    void publishToSelfInsideMulti_messagesFollowTheExecReply() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.call("HELLO", "3");
            c.call("SUBSCRIBE", "foo");
            c.call("MULTI");
            c.call("PING", "abc");
            c.call("PUBLISH", "foo", "bar");
            c.call("UNSUBSCRIBE", "nothere");
            assertEquals("*3\r\n$3\r\nabc\r\n:1\r\n>3\r\n$11\r\nunsubscribe\r\n$7\r\nnothere\r\n:1\r\n", c.call("EXEC"),
                    "an UNSUBSCRIBE confirmation is its reply, so it stays inside");
            assertEquals(">3\r\n$7\r\nmessage\r\n$3\r\nfoo\r\n$3\r\nbar\r\n", c.reply());
            assertEquals(":1\r\n", c.call("PUBLISH", "foo", "vaz"), "outside MULTI too, the reply comes first");
            assertEquals(">3\r\n$7\r\nmessage\r\n$3\r\nfoo\r\n$3\r\nvaz\r\n", c.reply());
        }
    }
}
