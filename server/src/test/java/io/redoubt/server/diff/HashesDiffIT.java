package io.redoubt.server.diff;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * Hash commands compared with a real Redis. Hashes stay small (listpack, insertion order) wherever a reply
 * lists fields, so that the order is comparable; random replies are compared only where they are not random
 * (a count covering the whole hash, a single-field hash).
 */
class HashesDiffIT extends DiffTestBase {

    @Test
    void setGetAndDelete() throws IOException {
        session.run("""
                HSET h a 1 b 2 c 3
                HSET h a 10 d 4
                HSET h a
                HSET h a 1 b
                HSET h
                HMSET h e 5 f 6
                HMSET h e
                HSETNX h a x
                HSETNX h g 7
                HSETNX h2 a 1
                HGET h a
                HGET h missing
                HGET nokey a
                HMGET h a missing b
                HMGET nokey a b
                HLEN h
                HLEN nokey
                HSTRLEN h a
                HSTRLEN h missing
                HSTRLEN nokey a
                HEXISTS h a
                HEXISTS h missing
                HEXISTS nokey a
                HKEYS h
                HVALS h
                HGETALL h
                HKEYS nokey
                HVALS nokey
                HGETALL nokey
                HDEL h a missing b
                HDEL h a
                HDEL nokey a
                HGETALL h
                HDEL h c d e f g
                EXISTS h
                HSET h "" ""
                HGET h ""
                HGETALL h
                OBJECT ENCODING h
                """);
    }

    @Test
    void wrongType() throws IOException {
        session.run("""
                SET s v
                HSET s a 1
                HMSET s a 1
                HSETNX s a 1
                HGET s a
                HMGET s a
                HDEL s a
                HLEN s
                HSTRLEN s a
                HEXISTS s a
                HKEYS s
                HVALS s
                HGETALL s
                HINCRBY s a 1
                HINCRBYFLOAT s a 1
                HRANDFIELD s
                HRANDFIELD s 2
                HSCAN s 0
                RPUSH l x
                HGET l a
                HSET h a 1
                GET h
                LLEN h
                """);
    }

    @Test
    void increments() throws IOException {
        session.run("""
                HINCRBY h n 5
                HINCRBY h n -7
                HINCRBY h n x
                HINCRBY h n 1.5
                HINCRBY h n 9223372036854775807
                HSET h big 9223372036854775807 small -9223372036854775808 s hello sp " 1" lz 01 e ""
                HINCRBY h big 1
                HINCRBY h big 0
                HINCRBY h small -1
                HINCRBY h small 1
                HINCRBY h s 1
                HINCRBY h sp 1
                HINCRBY h lz 1
                HINCRBY h e 1
                HINCRBYFLOAT h f 1.5
                HINCRBYFLOAT h f 0.1
                HINCRBYFLOAT h f -1.6
                HINCRBYFLOAT h f 1e3
                HINCRBYFLOAT h f 3.0e-2
                HINCRBYFLOAT h n 2.5
                HINCRBYFLOAT h s 1
                HINCRBYFLOAT h f abc
                HINCRBYFLOAT h f inf
                HINCRBYFLOAT h f -inf
                HINCRBYFLOAT h f nan
                HSET h huge 1e308
                HINCRBYFLOAT h huge 1e308
                HINCRBYFLOAT h big 1
                HINCRBYFLOAT h sp 1
                HINCRBYFLOAT h e 1
                HINCRBYFLOAT new f 10.50
                HMGET h n big small s sp lz e f huge
                HGETALL new
                HINCRBY h
                HINCRBYFLOAT h f
                """);
    }

    @Test
    void randomFields() throws IOException {
        session.run("""
                HSET h a 1 b 2 c 3
                HRANDFIELD nokey
                HRANDFIELD nokey 3
                HRANDFIELD nokey -3 WITHVALUES
                HRANDFIELD h 0
                HRANDFIELD h 0 WITHVALUES
                HRANDFIELD h 3
                HRANDFIELD h 10 WITHVALUES
                HRANDFIELD h x
                HRANDFIELD h 1 WITHVALUE
                HRANDFIELD h 1 WITHVALUES x
                HRANDFIELD h -9223372036854775808
                HRANDFIELD h 9223372036854775807 WITHVALUES
                HRANDFIELD h 4611686018427387904 WITHVALUES
                HRANDFIELD h -4611686018427387904 WITHVALUES
                HSET one f v
                HRANDFIELD one
                HRANDFIELD one 1
                HRANDFIELD one -3
                HRANDFIELD one -3 WITHVALUES
                HRANDFIELD one 1 WITHVALUES
                HRANDFIELD one 5 WITHVALUES
                """);
    }

    @Test
    void scan() throws IOException {
        session.run("""
                HSET h a 1 b 2 c 3 ab 4
                HSCAN h 0
                HSCAN h 0 MATCH a*
                HSCAN h 0 MATCH *b COUNT 1
                HSCAN h 0 COUNT 0
                HSCAN h 0 COUNT x
                HSCAN h 0 COUNT
                HSCAN h 0 TYPE string
                HSCAN h 0 NOSUCH 1
                HSCAN h x
                HSCAN h -1
                HSCAN nokey 0
                HSCAN nokey 0 COUNT 0
                HSCAN nokey x
                """);
    }

    @Test
    void encodings() throws IOException {
        session.run("""
                CONFIG SET hash-max-listpack-entries 4 hash-max-listpack-value 8
                HSET h a 1 b 2 c 3 d 4
                OBJECT ENCODING h
                HSET h e 5
                OBJECT ENCODING h
                HDEL h a b c d
                OBJECT ENCODING h
                HSET v a 12345678
                OBJECT ENCODING v
                HSET v b 123456789
                OBJECT ENCODING v
                HSET f 123456789 x
                OBJECT ENCODING f
                # HSET dup a 1 a 2 a 3 a 4 a 5 is a hashtable in 7.2 (more pairs than the limit), a listpack
                # in 7.0: checked in HashCommandsIT instead.
                HSET nx a 1
                HSETNX nx a 123456789
                OBJECT ENCODING nx
                HSET i n 9999999
                HINCRBY i n 99999999
                OBJECT ENCODING i
                HSET g n 1
                HINCRBYFLOAT g n 0.0000001
                OBJECT ENCODING g
                HSET big a 1 b 2 c 3 d 4 e 5 f 6
                HLEN big
                OBJECT ENCODING big
                HMGET big a f x
                SCANALL
                CONFIG SET hash-max-listpack-entries 128 hash-max-listpack-value 64
                """);
    }

    @Test
    void resp3Replies() throws IOException {
        try {
            session.run("""
                    HELLO 3
                    HSET h a 1 b 2
                    HGETALL h
                    HGETALL nokey
                    HGET h missing
                    HGET nokey a
                    HMGET h a missing
                    HKEYS h
                    HVALS h
                    HINCRBYFLOAT h a 0.5
                    HRANDFIELD nokey
                    HRANDFIELD nokey 2
                    HRANDFIELD h 0
                    HRANDFIELD h 5
                    HRANDFIELD h 5 WITHVALUES
                    HSET one f v
                    HRANDFIELD one -2 WITHVALUES
                    HRANDFIELD one 1 WITHVALUES
                    HRANDFIELD one -3
                    HSCAN h 0
                    HSCAN nokey 0
                    """);
        } finally {
            session.both("HELLO 2");
        }
    }
}
