package io.redoubt.server.diff;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * Sorted-set commands compared with a real Redis: every command, option and error, in both encodings and in
 * RESP3. ZRANK/ZREVRANK WITHSCORE is Redis 7.2 and left out (the installed 7.0 refuses it); it is covered by
 * ZSetCommandsIT. Scores such as 1e300 are left out: 7.0 replies them with %.17g, 7.2 (and Redoubt) with the
 * shortest exact form. Random replies appear only where they are deterministic (count covering the whole set).
 */
class ZSetsDiffIT extends DiffTestBase {

    @AfterEach
    void backToResp2() throws IOException {
        session.both("HELLO 2");
        session.both("CONFIG SET zset-max-listpack-entries 128");
        session.both("CONFIG SET zset-max-listpack-value 64");
    }

    @Test
    void zaddOptionsAndErrors() throws IOException {
        session.run("""
                ZADD z 1 a 2 b 3 c
                ZADD z 1 a
                ZADD z CH 5 a 2 b 7 d
                ZADD z NX 10 a 11 e
                ZADD z XX 20 a 21 f
                ZADD z XX CH 20 a 22 b
                ZADD z GT CH 1 a 30 b
                ZADD z LT CH 1 a 40 c
                ZADD z INCR 5 a
                ZADD z INCR NX 5 a
                ZADD z INCR XX 5 nosuch
                ZADD z INCR GT -100 a
                ZADD z INCR LT -1 a
                ZRANGE z 0 -1 WITHSCORES
                ZADD z NX XX 1 a
                ZADD z GT LT 1 a
                ZADD z GT NX 1 a
                ZADD z LT NX 1 a
                ZADD z INCR 1 a 2 b
                ZADD z 1
                ZADD z 1 a 2
                ZADD z
                ZADD z nan a
                ZADD z x a
                ZADD z 1 a x b
                ZADD z inf pinf -inf ninf +inf pinf2
                ZADD z 1.5e3 sci 0x10 hex
                ZADD z INCR -inf pinf
                ZADD z INCR +inf ninf
                ZRANGE z 0 -1 WITHSCORES
                ZADD missing XX 1 a
                ZADD missing XX INCR 1 a
                EXISTS missing
                ZADD z FOO 1 a
                ZINCRBY z 2.5 a
                ZINCRBY z 1 new
                ZINCRBY z x a
                ZINCRBY z -inf pinf
                ZINCRBY z 1
                ZINCRBY newkey 3 m
                ZSCORE newkey m
                SET s v
                ZADD s 1 a
                ZINCRBY s 1 a
                ZADD z -0 negzero
                ZSCORE z negzero
                ZADD z 3.14159265358979 pi 0.1 tenth
                ZSCORE z pi
                ZSCORE z tenth
                """);
    }

    @Test
    void membersScoresRanks() throws IOException {
        session.run("""
                ZADD z 1 a 2 b 3 c 3 cc 4 d
                ZCARD z
                ZCARD missing
                ZSCORE z c
                ZSCORE z nosuch
                ZSCORE missing a
                ZMSCORE z a nosuch d
                ZMSCORE missing a b
                ZMSCORE z
                ZRANK z a
                ZRANK z cc
                ZRANK z nosuch
                ZRANK missing a
                ZREVRANK z a
                ZREVRANK z d
                ZREVRANK z nosuch
                ZREM z a nosuch b
                ZREM z nosuch
                ZREM missing a
                ZRANGE z 0 -1
                ZREM z c cc d
                EXISTS z
                SET s v
                ZCARD s
                ZSCORE s a
                ZMSCORE s a
                ZRANK s a
                ZREM s a
                """);
    }

    @Test
    void rankRanges() throws IOException {
        session.run("""
                ZADD z 1 a 2 b 3 c 4 d 5 e
                ZRANGE z 0 -1
                ZRANGE z 0 -1 WITHSCORES
                ZRANGE z 1 3
                ZRANGE z -2 -1
                ZRANGE z -100 100
                ZRANGE z 3 1
                ZRANGE z 5 10
                ZRANGE z 0 -1 REV
                ZRANGE z 0 1 REV WITHSCORES
                ZRANGE z 0 -1 withscores rev
                ZREVRANGE z 0 -1
                ZREVRANGE z 1 2 WITHSCORES
                ZREVRANGE z 0 -1 REV
                ZRANGE z 0 -1 LIMIT 0 1
                ZRANGE z 0 -1 LIMIT 0 -1
                ZRANGE z x 1
                ZRANGE z 0 1 FOO
                ZRANGE z 0 1 BYSCORE BYLEX
                ZRANGE z 0 1 REV REV
                ZRANGE missing 0 -1
                ZRANGE z 0
                SET s v
                ZRANGE s 0 -1
                ZREVRANGE s 0 -1
                """);
    }

    @Test
    void scoreRanges() throws IOException {
        session.run("""
                ZADD z -inf ninf 1 a 2 b 2 bb 3 c 4 d 5 e +inf pinf
                ZRANGEBYSCORE z -inf +inf
                ZRANGEBYSCORE z -inf +inf WITHSCORES
                ZRANGEBYSCORE z 2 4
                ZRANGEBYSCORE z (2 4
                ZRANGEBYSCORE z 2 (4
                ZRANGEBYSCORE z (2 (4
                ZRANGEBYSCORE z (2 (2
                ZRANGEBYSCORE z 2 2
                ZRANGEBYSCORE z 5 1
                ZRANGEBYSCORE z 1 5 LIMIT 1 2
                ZRANGEBYSCORE z 1 5 LIMIT 1 -1
                ZRANGEBYSCORE z 1 5 LIMIT -1 2
                ZRANGEBYSCORE z 1 5 LIMIT 10 2
                ZRANGEBYSCORE z 1 5 WITHSCORES LIMIT 0 3
                ZRANGEBYSCORE z 1 5 LIMIT 0 3 WITHSCORES
                ZRANGEBYSCORE z 1 5 LIMIT 0
                ZRANGEBYSCORE z 1 5 LIMIT x 1
                ZRANGEBYSCORE z x 5
                ZRANGEBYSCORE z 1 (x
                ZRANGEBYSCORE z nan 5
                ZRANGEBYSCORE z ( 5
                ZRANGEBYSCORE z "" 5
                ZRANGEBYSCORE z 1 5 REV
                ZRANGEBYSCORE z 1 5 BYSCORE
                ZREVRANGEBYSCORE z +inf -inf
                ZREVRANGEBYSCORE z 4 2 WITHSCORES
                ZREVRANGEBYSCORE z (4 (2
                ZREVRANGEBYSCORE z 5 1 LIMIT 1 2
                ZREVRANGEBYSCORE z 1 5
                ZRANGE z 2 4 BYSCORE
                ZRANGE z (1 +inf BYSCORE LIMIT 2 3 WITHSCORES
                ZRANGE z 4 2 BYSCORE REV
                ZRANGE z +inf -inf BYSCORE REV LIMIT 0 2
                ZRANGE z 4 2 REV BYSCORE WITHSCORES
                ZCOUNT z -inf +inf
                ZCOUNT z (2 4
                ZCOUNT z 2 2
                ZCOUNT z (2 (2
                ZCOUNT z 5 1
                ZCOUNT z x 1
                ZCOUNT missing 0 1
                ZRANGEBYSCORE missing 0 1
                SET s v
                ZCOUNT s 0 1
                ZRANGEBYSCORE s 0 1
                ZCOUNT s x 1
                """);
    }

    @Test
    void lexRanges() throws IOException {
        session.run("""
                ZADD z 0 a 0 b 0 c 0 d 0 e 0 foo 0 zap 0 zip
                ZRANGEBYLEX z - +
                ZRANGEBYLEX z [b [d
                ZRANGEBYLEX z (b (d
                ZRANGEBYLEX z [b (d
                ZRANGEBYLEX z (a [foo
                ZRANGEBYLEX z [f +
                ZRANGEBYLEX z - [c
                ZRANGEBYLEX z + -
                ZRANGEBYLEX z [d [b
                ZRANGEBYLEX z - + LIMIT 2 3
                ZRANGEBYLEX z - + LIMIT 2 -1
                ZRANGEBYLEX z - + LIMIT -1 3
                ZRANGEBYLEX z - + WITHSCORES
                ZRANGEBYLEX z a c
                ZRANGEBYLEX z [a c
                ZRANGEBYLEX z +a [c
                ZRANGEBYLEX z -a [c
                ZRANGEBYLEX z "" [c
                ZRANGEBYLEX z [ [c
                ZRANGEBYLEX z ( (c
                ZREVRANGEBYLEX z + -
                ZREVRANGEBYLEX z [d [b
                ZREVRANGEBYLEX z (d (b LIMIT 0 1
                ZREVRANGEBYLEX z - +
                ZRANGE z [b [d BYLEX
                ZRANGE z [d [b BYLEX REV
                ZRANGE z - + BYLEX LIMIT 1 2
                ZRANGE z - + BYLEX WITHSCORES
                ZLEXCOUNT z - +
                ZLEXCOUNT z [b (e
                ZLEXCOUNT z (e [b
                ZLEXCOUNT z a b
                ZLEXCOUNT missing - +
                ZRANGEBYLEX missing - +
                SET s v
                ZLEXCOUNT s - +
                ZRANGEBYLEX s - +
                """);
    }

    @Test
    void removeRanges() throws IOException {
        session.run("""
                ZADD z 1 a 2 b 3 c 4 d 5 e 6 f
                ZREMRANGEBYRANK z 0 0
                ZREMRANGEBYRANK z -1 -1
                ZREMRANGEBYRANK z 10 20
                ZREMRANGEBYRANK z 2 1
                ZREMRANGEBYRANK z x 1
                ZRANGE z 0 -1
                ZREMRANGEBYSCORE z (2 4
                ZREMRANGEBYSCORE z x 1
                ZREMRANGEBYSCORE z 10 20
                ZRANGE z 0 -1 WITHSCORES
                ZREMRANGEBYRANK z 0 -1
                EXISTS z
                ZADD l 0 a 0 b 0 c 0 d
                ZREMRANGEBYLEX l [b (d
                ZREMRANGEBYLEX l a b
                ZRANGE l 0 -1
                ZREMRANGEBYLEX l - +
                EXISTS l
                ZREMRANGEBYRANK missing 0 -1
                ZREMRANGEBYSCORE missing 0 1
                ZREMRANGEBYLEX missing - +
                SET s v
                ZREMRANGEBYRANK s 0 1
                ZREMRANGEBYSCORE s 0 1
                ZREMRANGEBYLEX s - +
                """);
    }

    @Test
    void rangeStore() throws IOException {
        session.run("""
                ZADD z 1 a 2 b 3 c 4 d 5 e
                ZRANGESTORE dst z 0 2
                ZRANGE dst 0 -1 WITHSCORES
                ZRANGESTORE dst z 0 -1 REV
                ZRANGE dst 0 -1 WITHSCORES
                ZRANGESTORE dst z (1 4 BYSCORE LIMIT 1 2
                ZRANGE dst 0 -1 WITHSCORES
                ZRANGESTORE dst z [b [d BYLEX
                ZRANGE dst 0 -1
                OBJECT ENCODING dst
                ZRANGESTORE dst z 10 20
                EXISTS dst
                ZRANGESTORE dst missing 0 -1
                ZRANGESTORE dst z 0 -1 WITHSCORES
                ZRANGESTORE dst z 0 -1 LIMIT 0 1
                SET s v
                ZRANGESTORE dst s 0 -1
                ZRANGESTORE s z 0 0
                TYPE s
                ZRANGESTORE z z 1 2
                ZRANGE z 0 -1
                """);
    }

    @Test
    void pops() throws IOException {
        session.run("""
                ZADD z 1 a 2 b 3 c 4 d 5 e
                ZPOPMIN z
                ZPOPMAX z
                ZPOPMIN z 2
                ZPOPMAX z 0
                ZPOPMAX z 10
                EXISTS z
                ZPOPMIN z
                ZPOPMIN z 1
                ZPOPMIN missing
                ZPOPMIN z -1
                ZPOPMIN z x
                ZPOPMIN z 1 2
                ZADD m1 1 a 2 b
                ZADD m2 3 c 4 d 5 e
                ZMPOP 2 missing m2 MIN
                ZMPOP 2 missing m2 MAX COUNT 10
                ZMPOP 2 m2 m1 MAX
                ZMPOP 1 missing MIN
                ZMPOP 0 m1 MIN
                ZMPOP -1 m1 MIN
                ZMPOP x m1 MIN
                ZMPOP 1 m1 FOO
                ZMPOP 1 m1 MIN COUNT 0
                ZMPOP 1 m1 MIN COUNT x
                ZMPOP 1 m1 MIN COUNT 1 COUNT 1
                ZMPOP 3 m1 MIN
                ZMPOP 1 m1 MIN COUNT 5
                BZPOPMIN missing z2 0.01
                ZADD z2 1 a 2 b
                BZPOPMIN missing z2 0
                BZPOPMAX missing z2 0
                BZPOPMIN z2 x
                BZPOPMIN z2 -1
                ZADD z3 1 a 2 b 3 c
                BZMPOP 0 2 missing z3 MAX COUNT 2
                BZMPOP 0.01 1 missing MIN
                BZMPOP x 1 z3 MIN
                BZMPOP 0 0 z3 MIN
                SET s v
                ZPOPMIN s
                ZMPOP 1 s MIN
                BZPOPMIN s 0
                """);
    }

    @Test
    void unionInterDiff() throws IOException {
        session.run("""
                ZADD a 1 x 2 y 3 z
                ZADD b 10 y 20 z 30 w
                ZUNION 2 a b
                ZUNION 2 a b WITHSCORES
                ZUNION 2 a b WEIGHTS 2 0.5 WITHSCORES
                ZUNION 2 a b AGGREGATE MIN WITHSCORES
                ZUNION 2 a b AGGREGATE MAX WITHSCORES
                ZUNION 2 a b WEIGHTS inf -inf WITHSCORES
                ZUNION 3 a b missing WITHSCORES
                ZINTER 2 a b WITHSCORES
                ZINTER 2 a b WEIGHTS 1 -1 AGGREGATE SUM WITHSCORES
                ZINTER 2 a b AGGREGATE MAX
                ZINTER 2 a missing
                ZDIFF 2 a b
                ZDIFF 2 b a WITHSCORES
                ZDIFF 1 a WITHSCORES
                ZDIFF 2 missing a
                ZDIFF 2 a b WEIGHTS 1 2
                ZDIFF 2 a b AGGREGATE SUM
                ZINTERCARD 2 a b
                ZINTERCARD 2 a b LIMIT 1
                ZINTERCARD 2 a b LIMIT 0
                ZINTERCARD 2 a b LIMIT -1
                ZINTERCARD 2 a b LIMIT x
                ZINTERCARD 0 a
                ZINTERCARD 2 a b WITHSCORES
                ZUNIONSTORE dst 2 a b WEIGHTS 1 2
                ZRANGE dst 0 -1 WITHSCORES
                OBJECT ENCODING dst
                ZINTERSTORE dst 2 a b AGGREGATE MIN
                ZRANGE dst 0 -1 WITHSCORES
                ZDIFFSTORE dst 2 a b
                ZRANGE dst 0 -1 WITHSCORES
                ZINTERSTORE dst 2 a missing
                EXISTS dst
                ZUNIONSTORE dst 2 a b WITHSCORES
                ZDIFFSTORE dst 2 a b WEIGHTS 1 1
                ZUNION 0 a
                ZUNIONSTORE dst 0 a
                ZUNION 3 a b
                ZUNION x a
                ZUNION 2 a b WEIGHTS 1
                ZUNION 2 a b WEIGHTS 1 x
                ZUNION 2 a b WEIGHTS 1 nan
                ZUNION 2 a b AGGREGATE AVG
                ZUNION 2 a b AGGREGATE
                ZUNION 2 a b FOO
                SET s v
                ZUNION 2 a s
                ZINTERSTORE dst 2 s a
                ZUNIONSTORE s 1 a
                TYPE s
                ZUNIONSTORE a 2 a b
                ZRANGE a 0 -1 WITHSCORES
                """);
    }

    @Test
    void plainSetsAsInputs() throws IOException {
        Assumptions.assumeFalse(redoubtClient.call("SADD", "probe", "x") instanceof RespValue.Error,
                "skipped: this Redoubt has no plain sets yet");
        redoubtClient.call("DEL", "probe");
        session.run("""
                ZADD a 1 x 2 y 3 z
                ZADD b 10 y 20 z 30 w
                SADD plain y w v
                SADD ints 1 2 3
                ZADD n 5 1 6 9
                ZUNION 2 a plain WITHSCORES
                ZUNION 2 a plain WEIGHTS 2 3 WITHSCORES
                ZINTER 3 a b plain WITHSCORES
                ZDIFF 2 a plain WITHSCORES
                ZDIFF 2 plain a WITHSCORES
                ZINTERCARD 2 a plain
                ZINTER 2 ints n WITHSCORES
                ZUNIONSTORE dst 2 ints n AGGREGATE MAX
                ZRANGE dst 0 -1 WITHSCORES
                """);
    }

    @Test
    void randomMembersAndScan() throws IOException {
        session.run("""
                ZADD one 7 only
                ZRANDMEMBER one
                ZRANDMEMBER one 1
                ZRANDMEMBER one -3
                ZRANDMEMBER one -2 WITHSCORES
                ZRANDMEMBER one 5 WITHSCORES
                ZRANDMEMBER one 0
                ZRANDMEMBER missing
                ZRANDMEMBER missing 5
                ZRANDMEMBER one x
                ZRANDMEMBER one 1 FOO
                ZRANDMEMBER one 1 WITHSCORES x
                ZRANDMEMBER one -9223372036854775808
                ZRANDMEMBER one -9223372036854775807 WITHSCORES
                ZADD z 1 a 2 b 3 c
                ZSCAN z 0
                ZSCAN z 0 MATCH b*
                ZSCAN z 0 COUNT 1
                ZSCAN z 0 COUNT 0
                ZSCAN z x
                ZSCAN z 0 FOO
                ZSCAN missing 0
                SET s v
                ZRANDMEMBER s
                ZSCAN s 0
                """);
    }

    @Test
    void encodings() throws IOException {
        session.run("""
                CONFIG SET zset-max-listpack-entries 3
                CONFIG SET zset-max-listpack-value 5
                ZADD z 1 a 2 b 3 c
                OBJECT ENCODING z
                ZADD z 4 d
                OBJECT ENCODING z
                ZREM z a b c
                OBJECT ENCODING z
                ZADD long 1 abcdef
                OBJECT ENCODING long
                ZADD big 1 a 2 b 3 c 4 d
                OBJECT ENCODING big
                ZADD x 1 a 2 b
                ZUNIONSTORE u 2 x z
                OBJECT ENCODING u
                ZUNIONSTORE u 1 big
                OBJECT ENCODING u
                ZRANGESTORE r big 0 1
                OBJECT ENCODING r
                ZRANGESTORE r big 0 -1
                OBJECT ENCODING r
                CONFIG SET zset-max-listpack-entries 0
                ZADD zero 1 a
                OBJECT ENCODING zero
                """);
    }

    @Test
    void skiplistEncodingBehavesTheSame() throws IOException {
        StringBuilder add = new StringBuilder("ZADD big");
        for (int i = 0; i < 300; i++) {
            add.append(' ').append(i % 17).append(" m").append(i);
        }
        StringBuilder lex = new StringBuilder("ZADD lex");
        for (int i = 0; i < 200; i++) {
            lex.append(" 0 ").append(Integer.toString(i * 7919 % 1000, 36));
        }
        session.run(add + "\n" + lex + """

                OBJECT ENCODING big
                ZCARD big
                ZRANGE big 0 20 WITHSCORES
                ZRANGE big 100 120
                ZRANGE big -10 -1 WITHSCORES
                ZREVRANGE big 5 15 WITHSCORES
                ZRANGEBYSCORE big (3 5 LIMIT 3 10
                ZREVRANGEBYSCORE big 10 (8 WITHSCORES
                ZCOUNT big 4 (9
                ZRANK big m150
                ZREVRANK big m150
                ZSCORE big m299
                ZINCRBY big 100 m0
                ZREVRANGE big 0 2 WITHSCORES
                ZADD big GT 1 m1
                ZADD big LT CH -1 m1 -2 m2
                ZRANGE big 0 3 WITHSCORES
                ZREM big m3 m4 m5
                ZREMRANGEBYRANK big 10 30
                ZREMRANGEBYSCORE big 4 (6
                ZCARD big
                ZRANGE big 0 -1 WITHSCORES
                ZPOPMIN big 3
                ZPOPMAX big 2
                ZMPOP 1 big MIN COUNT 2
                ZRANGEBYLEX lex [a (m
                ZRANGEBYLEX lex - + LIMIT 50 20
                ZREVRANGEBYLEX lex + [q LIMIT 0 5
                ZLEXCOUNT lex (b [t
                ZREMRANGEBYLEX lex [c [f
                ZRANGEBYLEX lex [b (h
                ZUNIONSTORE u 2 big lex WEIGHTS 2 3
                ZRANGE u 0 -1 WITHSCORES
                ZINTERSTORE i 2 big u
                ZRANGE i 0 -1 WITHSCORES
                ZDIFF 2 u big
                ZINTERCARD 2 big u LIMIT 7
                ZRANDMEMBER big 1000 WITHSCORES
                SCANALL
                """);
    }

    @Test
    void resp3Replies() throws IOException {
        session.run("""
                HELLO 3
                ZADD z 1 a 2 b 3 c
                ZADD z INCR 1 a
                ZADD z XX INCR 1 nosuch
                ZINCRBY z 0.5 b
                ZSCORE z a
                ZSCORE z nosuch
                ZMSCORE z a nosuch
                ZRANK z nosuch
                ZRANGE z 0 -1 WITHSCORES
                ZRANGE z 0 -1
                ZREVRANGE z 0 -1 WITHSCORES
                ZRANGEBYSCORE z -inf +inf WITHSCORES
                ZREVRANGEBYSCORE z +inf -inf WITHSCORES LIMIT 0 2
                ZUNION 1 z WITHSCORES
                ZINTER 1 z WITHSCORES
                ZDIFF 1 z WITHSCORES
                ZRANDMEMBER z 10 WITHSCORES
                ZSCAN z 0
                ZPOPMIN z
                ZPOPMIN z 1
                ZPOPMIN missing
                ZPOPMIN missing 1
                ZPOPMAX z 5
                ZADD m 1 a 2 b
                ZMPOP 1 m MIN COUNT 1
                ZMPOP 1 missing MIN
                BZPOPMIN m 0
                BZPOPMIN missing 0.01
                BZMPOP 0.01 1 missing MIN
                ZADD m 1 a
                BZMPOP 0 1 m MAX
                """);
    }

    /**
     * A seeded random mix of updates, ranges, removals and store commands on three keys that cross the
     * listpack/skiplist threshold, the whole sets compared every 200 commands. Lex ranges are left out: on
     * members with different scores their result is unspecified (and in Redis depends on random levels).
     */
    @Test
    void randomSequences_matchRedis() throws IOException {
        java.util.Random rnd = new java.util.Random(20261126);
        String[] keys = {"a", "b", "c"};
        StringBuilder script = new StringBuilder("CONFIG SET zset-max-listpack-entries 64\n");
        for (int i = 0; i < 2000; i++) {
            String k = keys[rnd.nextInt(3)];
            int r = rnd.nextInt(100);
            String line;
            if (r < 35) {
                StringBuilder add = new StringBuilder("ZADD " + k + " " + new String[] {"", "NX", "XX", "GT", "LT", "CH", "GT CH"}[rnd.nextInt(7)]);
                for (int n = rnd.nextInt(6); n >= 0; n--) {
                    add.append(' ').append(score(rnd)).append(' ').append(member(rnd));
                }
                line = add.toString();
            } else if (r < 42) {
                line = "ZINCRBY " + k + " " + (rnd.nextInt(7) - 3) + " " + member(rnd);
            } else if (r < 50) {
                line = "ZREM " + k + " " + member(rnd) + " " + member(rnd);
            } else if (r < 58) {
                line = "ZRANGE " + k + " " + (rnd.nextInt(101) - 50) + " " + (rnd.nextInt(101) - 50) + " WITHSCORES";
            } else if (r < 64) {
                line = "ZRANGEBYSCORE " + k + " " + bound(rnd) + " " + bound(rnd) + " WITHSCORES LIMIT " + rnd.nextInt(6) + " " + (rnd.nextInt(12) - 1);
            } else if (r < 68) {
                line = "ZRANGE " + k + " " + bound(rnd) + " " + bound(rnd) + " BYSCORE REV LIMIT " + rnd.nextInt(6) + " " + (rnd.nextInt(12) - 1);
            } else if (r < 72) {
                line = "ZCOUNT " + k + " " + bound(rnd) + " " + bound(rnd);
            } else if (r < 76) {
                line = (rnd.nextBoolean() ? "ZRANK " : "ZREVRANK ") + k + " " + member(rnd);
            } else if (r < 79) {
                line = "ZMSCORE " + k + " " + member(rnd) + " " + member(rnd);
            } else if (r < 82) {
                line = "ZREMRANGEBYRANK " + k + " " + (rnd.nextInt(41) - 20) + " " + (rnd.nextInt(41) - 20);
            } else if (r < 84) {
                line = "ZREMRANGEBYSCORE " + k + " " + bound(rnd) + " " + bound(rnd);
            } else if (r < 87) {
                line = (rnd.nextBoolean() ? "ZPOPMIN " : "ZPOPMAX ") + k + " " + rnd.nextInt(4);
            } else if (r < 90) {
                line = "ZUNIONSTORE d 3 a b c WEIGHTS 1 2 -1 AGGREGATE " + new String[] {"SUM", "MIN", "MAX"}[rnd.nextInt(3)];
            } else if (r < 93) {
                line = "ZINTER 2 " + k + " " + keys[rnd.nextInt(3)] + " WITHSCORES";
            } else if (r < 96) {
                line = "ZDIFF 2 " + k + " " + keys[rnd.nextInt(3)] + " WITHSCORES";
            } else if (r < 98) {
                line = "ZRANGESTORE e " + k + " " + bound(rnd) + " " + bound(rnd) + " BYSCORE";
            } else {
                line = "ZCARD " + k;
            }
            script.append(line).append('\n');
            if (i % 200 == 199) {
                for (String key : new String[] {"a", "b", "c", "d", "e"}) {
                    script.append("ZRANGE ").append(key).append(" 0 -1 WITHSCORES\n");
                }
            }
        }
        session.run(script.toString());
    }

    private static String member(java.util.Random rnd) {
        return "m" + rnd.nextInt(300);
    }

    private static String score(java.util.Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> "-inf";
            case 1 -> "+inf";
            case 2, 3 -> Double.toString(rnd.nextInt(160) / 4.0);
            default -> Integer.toString(rnd.nextInt(26) - 5);
        };
    }

    private static String bound(java.util.Random rnd) {
        int r = rnd.nextInt(10);
        if (r == 0) {
            return "-inf";
        }
        if (r == 1) {
            return "+inf";
        }
        return (r < 4 ? "(" : "") + (rnd.nextInt(26) - 3);
    }
}
