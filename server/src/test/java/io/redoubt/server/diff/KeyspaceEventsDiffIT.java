package io.redoubt.server.diff;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Keyspace notifications compared with a real Redis: a subscriber on each server collects the messages a
 * script causes (its replies compared too), and the two message lists must be equal, order included.
 */
class KeyspaceEventsDiffIT extends DiffTestBase {

    @AfterEach
    void notificationsOff() throws IOException {
        redisClient.call("CONFIG", "SET", "notify-keyspace-events", "");
        redoubtClient.call("CONFIG", "SET", "notify-keyspace-events", "");
    }

    /** Runs the script with notify-keyspace-events set to {@code classes} and compares the messages. */
    private void compareEvents(String classes, String script) throws IOException {
        try (RespClient redisSub = new RespClient(redis.host(), redis.port());
             RespClient redoubtSub = new RespClient(redoubt.host(), redoubt.port())) {
            List<List<String>> messages = new ArrayList<>();
            for (RespClient sub : new RespClient[] {redisSub, redoubtSub}) {
                sub.call("PSUBSCRIBE", "__key*__:*");
                sub.call("SUBSCRIBE", "end");
            }
            session.both("CONFIG SET notify-keyspace-events " + classes);
            session.run(script);
            session.both("PUBLISH end end");
            for (RespClient sub : new RespClient[] {redisSub, redoubtSub}) {
                List<String> got = new ArrayList<>();
                for (RespValue m = sub.read(); !m.toString().contains("\"end\", \"end\""); m = sub.read()) {
                    got.add(m.toString());
                }
                messages.add(got);
            }
            assertFalse(messages.get(0).isEmpty(), "the script causes events");
            assertEquals(messages.get(0), messages.get(1), "messages of Redis (expected) and Redoubt");
        }
    }

    @Test
    void stringsAndGenericKeyCommands() throws IOException {
        compareEvents("KEA", """
                SET a 1
                SET a 2 PX 100000
                GETEX a PERSIST
                INCRBY a 3
                INCRBYFLOAT a 0.5
                APPEND b xy
                SETRANGE b 5 z
                MSET c 1 d 2
                RENAME c e
                RENAMENX e d
                COPY e f
                MOVE f 2
                EXPIRE d 100
                PERSIST d
                EXPIRE d 0
                DEL a b missing e
                SETBIT bits 3 1
                BITOP OR bits2 bits
                GETDEL bits
                """);
    }

    @Test
    void collections() throws IOException {
        compareEvents("KEA", """
                RPUSH l a b c d
                LMOVE l l2 LEFT LEFT
                LMOVE l l LEFT RIGHT
                LREM l 0 b
                LTRIM l 0 0
                LPOP l
                HSET h f 1
                HINCRBYFLOAT h f 1
                HDEL h f
                SADD s 1 2 3
                SMOVE s t 1
                SDIFFSTORE u s t
                SINTERSTORE u t s
                ZADD z 1 a 2 b
                ZADD z XX CH 3 a
                ZPOPMAX z 5
                ZADD z 1 a
                ZRANGESTORE z2 z 0 0
                ZREM z2 a
                """);
    }

    @Test
    void newKeyEventsAndMasks() throws IOException {
        compareEvents("En", """
                SET k 1
                SET k 2
                LPUSH l x
                LPUSH l y
                HSET h a 1
                ZINCRBY z 1 m
                SADD s m
                RESTORE r 0 "\\x00\\x01y\\n\\x00\\x9c\\xb8\\xc6\\x91\\x94\\xb9Z$"
                """);
        compareEvents("Kz", """
                ZADD z 1 a
                SADD s a
                ZREMRANGEBYSCORE z 0 10
                """);
    }
}
