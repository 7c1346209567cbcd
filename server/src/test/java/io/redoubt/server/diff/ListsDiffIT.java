package io.redoubt.server.diff;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/** List commands compared with a real Redis, including the blocking ones where they do not block. */
class ListsDiffIT extends DiffTestBase {

    @Test
    void pushPopAndRanges() throws IOException {
        session.run("""
                LPUSH l a b c
                RPUSH l d e
                LRANGE l 0 -1
                LRANGE l -100 100
                LRANGE l 2 1
                LRANGE l 5 10
                LLEN l
                LINDEX l 0
                LINDEX l -1
                LINDEX l 5
                LINDEX l -6
                LINDEX l x
                LPOP l
                RPOP l
                LPOP l 2
                LPOP l 0
                RPOP l 10
                EXISTS l
                LPOP l
                LPOP l 2
                RPOP missing 0
                LPOP l -1
                LPOP l 1 2
                LPUSHX l x
                RPUSHX l x
                RPUSH l x
                LPUSHX l y z
                RPUSHX l w
                LRANGE l 0 -1
                SET s v
                LPUSH s x
                LLEN s
                LRANGE s 0 1
                """);
    }

    @Test
    void setTrimRemInsertPos() throws IOException {
        session.run("""
                RPUSH l a b a c a d
                LSET l 0 A
                LSET l -1 D
                LSET l 10 x
                LSET missing 0 x
                LRANGE l 0 -1
                LREM l 1 a
                LRANGE l 0 -1
                LREM l -1 a
                LRANGE l 0 -1
                RPUSH l a a a
                LREM l 0 a
                LRANGE l 0 -1
                LREM missing 0 a
                LINSERT l BEFORE b x
                LINSERT l AFTER D y
                LINSERT l AFTER nope y
                LINSERT l MIDDLE b y
                LINSERT missing BEFORE a b
                LRANGE l 0 -1
                LTRIM l 1 -2
                LRANGE l 0 -1
                LTRIM l 5 10
                EXISTS l
                RPUSH p a b c 1 2 3 c c
                LPOS p c
                LPOS p c RANK 2
                LPOS p c RANK -1
                LPOS p c COUNT 0
                LPOS p c COUNT 2
                LPOS p c RANK -2 COUNT 0
                LPOS p c MAXLEN 2
                LPOS p c COUNT 0 MAXLEN 3
                LPOS p x
                LPOS p x COUNT 0
                LPOS p c RANK 0
                LPOS p c COUNT -1
                LPOS p c MAXLEN -1
                LPOS p c FOO 1
                LPOS missing c
                LPOS missing c COUNT 0
                """);
    }

    @Test
    void moves() throws IOException {
        session.run("""
                RPUSH src 1 2 3
                LMOVE src dst LEFT RIGHT
                LMOVE src dst RIGHT LEFT
                LRANGE dst 0 -1
                RPOPLPUSH src dst
                EXISTS src
                RPOPLPUSH src dst
                LMOVE dst dst LEFT RIGHT
                LRANGE dst 0 -1
                LMOVE dst dst UP DOWN
                SET s x
                LMOVE dst s LEFT LEFT
                LRANGE dst 0 -1
                LMPOP 2 missing dst LEFT
                LMPOP 2 missing dst RIGHT COUNT 10
                LMPOP 1 dst LEFT
                LMPOP 0 dst LEFT
                LMPOP 1 dst MIDDLE
                LMPOP 1 dst LEFT COUNT 0
                LMPOP 1 dst LEFT COUNT -1
                LMPOP 5 dst LEFT
                LMPOP a dst LEFT
                LMPOP -1 dst RIGHT
                LMPOP 99999999999999999999 dst LEFT
                LMPOP 1 dst LEFT COUNT a
                LMPOP 1 dst LEFT COUNT 1 COUNT 2
                LMPOP 1 dst RIGHT LEFT
                BLMPOP 0 a dst LEFT
                BLMPOP 0 1 dst LEFT COUNT 0
                ZMPOP a dst MIN
                BZMPOP 0 a dst MAX
                BZMPOP 0 1 dst LEFT
                RPUSH one only
                RPOPLPUSH one one
                LRANGE one 0 -1
                """);
    }

    @Test
    void blockingFormsThatDoNotBlock() throws IOException {
        session.run("""
                RPUSH l a b c
                BLPOP missing l 0
                BRPOP l 0.5
                BLMOVE l d LEFT LEFT 0
                BRPOPLPUSH missing d 0.01
                BLMPOP 0.01 2 missing l RIGHT COUNT 5
                BLPOP missing 0.01
                BRPOP missing 0.02
                BLMOVE missing d LEFT LEFT 0.01
                BLMPOP 0.01 1 missing LEFT
                BLPOP l -1
                BLPOP l abc
                BLMPOP 0 0 l LEFT
                SET s x
                BLPOP s 0
                BLMOVE d s LEFT LEFT 0
                LRANGE d 0 -1
                BRPOPLPUSH missing s 0.01
                BLMOVE missing s LEFT RIGHT 0.01
                """);
    }
}
