package io.redoubt.server.diff;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * SORT and SORT_RO compared with a real Redis. Orders Redis leaves undefined (a set with BY nosort and no
 * STORE, ties under ALPHA BY on a set) are not compared.
 */
class SortDiffIT extends DiffTestBase {

    @Test
    void numericAndAlpha() throws IOException {
        // Redis reads errno after strtod without clearing it, so an ERANGE left by an earlier conversion
        // fails a later SORT; the out-of-range case therefore comes after the infinities.
        session.run("""
                RPUSH l 3 1 2 10 -1.5 1e2 2
                SORT l
                SORT l DESC
                SORT l ASC
                SORT l ALPHA
                SORT l ALPHA DESC
                SORT_RO l
                SORT_RO l desc alpha
                SADD s 5 3 9 -2 0
                SORT s
                SORT s DESC
                SADD w b a c aa B
                SORT w ALPHA
                SORT w ALPHA DESC
                SORT w
                SORT_RO w
                ZADD z 1 c 2 b 3 a
                SORT z ALPHA
                SORT z ALPHA DESC
                ZADD zn 3 10 1 30 2 20
                SORT zn
                SORT zn DESC
                RPUSH ties 1 01 1.0 a
                SORT ties
                RPUSH ties2 1 01 1.0 +1 " 1"
                SORT ties2
                SORT ties2 DESC
                RPUSH e "" 0 -1
                SORT e
                RPUSH bad 1 "1 "
                SORT bad
                RPUSH inf2 inf -inf 0 +inf
                SORT inf2
                RPUSH inf inf -inf 0 1e400
                SORT inf
                RPUSH nan nan 1
                SORT nan
                SORT missing
                SORT missing ALPHA LIMIT 0 10
                SORT_RO missing
                """);
    }

    /** strtod's number forms; the out-of-range ones last, as they leave errno set (see above). */
    @Test
    void numberForms() throws IOException {
        session.run("""
                RPUSH forms 0x10 " 5" 0X1p3 .5 5. -.5e1 0e5 -0 0x0
                SORT forms
                RPUSH us 1_0
                SORT us
                RPUSH under 1e-400 3
                SORT under
                RPUSH sub 4.9e-324 3
                SORT sub
                """);
    }

    @Test
    void limit() throws IOException {
        session.run("""
                RPUSH l 5 4 3 2 1 0
                SORT l LIMIT 0 2
                SORT l LIMIT 2 2
                SORT l LIMIT 4 10
                SORT l LIMIT 6 1
                SORT l LIMIT 100 1
                SORT l LIMIT -5 2
                SORT l LIMIT 1 -1
                SORT l LIMIT 1 0
                SORT l LIMIT 0 0
                SORT l DESC LIMIT 1 2
                SORT l LIMIT x 1
                SORT l LIMIT 1 x
                SORT l LIMIT 1
                SORT l LIMIT 9223372036854775807 9223372036854775807
                SORT l LIMIT -9223372036854775808 -9223372036854775808
                SORT l BY nosort LIMIT 1 3
                SORT l BY nosort DESC LIMIT 1 3
                SORT l BY nosort LIMIT 10 3
                SORT l BY nosort DESC LIMIT 5 3
                SORT l BY nosort DESC LIMIT 6 3
                SORT l BY nosort LIMIT 0 -1
                SORT missing LIMIT 1 1
                SORT missing BY nosort LIMIT 1 1
                """);
    }

    @Test
    void byAndGet() throws IOException {
        session.run("""
                RPUSH l 1 2 3 4
                MSET w_1 40 w_2 30 w_3 10 o_1 one o_2 two o_3 three o_4 four
                SORT l BY w_*
                SORT l BY w_* DESC
                SORT l BY w_* GET o_*
                SORT l BY w_* GET # GET o_* GET w_*
                SORT l GET o_* GET nokey GET #
                SORT l BY w_* ALPHA
                SORT l BY o_* ALPHA
                SORT l BY o_* ALPHA DESC
                SORT l BY o_*
                SORT l BY nosort
                SORT l BY nosort DESC
                SORT l BY nosort GET o_*
                SORT l BY nosort BY w_*
                SORT l BY w_* LIMIT 1 2 GET o_*
                SORT l GET #x
                SORT l GET o_*x
                HSET h_1 f 9 g x
                HSET h_2 f 7 g y
                HSET h_3 f 8
                SORT l BY h_*->f
                SORT l BY h_*->f GET h_*->g GET h_*->f GET #
                SORT l GET h_*->
                SET h_4-> v
                SORT l GET h_*->
                SORT l BY h_*->nofield
                SORT l GET w_*->f
                SORT l GET h_*
                SADD s 1 2 3
                SORT s BY w_*
                SORT s BY w_* GET o_*
                ZADD z 1 3 2 1 3 2
                SORT z BY nosort
                SORT z BY nosort DESC
                SORT z BY nosort LIMIT 1 1
                SORT z BY nosort DESC LIMIT 1 5
                SORT z BY nosort GET o_*
                SORT z BY w_*
                SET x* weird
                SET o_** double
                SORT l GET o_**
                RPUSH bad 1 2
                SET w_2 notanumber
                SORT bad BY w_*
                SORT bad BY w_* ALPHA
                """);
    }

    @Test
    void store() throws IOException {
        session.run("""
                RPUSH l 3 1 2
                SORT l STORE dst
                LRANGE dst 0 -1
                TYPE dst
                SET o_1 one
                SORT l GET o_* GET # STORE dst
                LRANGE dst 0 -1
                SET dst string
                EXPIRE dst 100
                SORT l DESC STORE dst
                LRANGE dst 0 -1
                TTL dst
                SORT l LIMIT 5 5 STORE dst
                EXISTS dst
                SORT missing STORE dst
                SORT l STORE dst STORE dst2
                EXISTS dst dst2
                LRANGE dst2 0 -1
                SORT l STORE l
                LRANGE l 0 -1
                SADD s c a b
                SORT s BY nosort STORE dst
                LRANGE dst 0 -1
                SORT s BY nosort DESC STORE dst
                LRANGE dst 0 -1
                ZADD z 1 b 2 a
                SORT z BY nosort STORE dst
                LRANGE dst 0 -1
                RPUSH bad x
                SORT bad STORE dst
                LRANGE dst 0 -1
                SORT_RO l STORE dst
                SORT l STORE
                """);
    }

    @Test
    void errors() throws IOException {
        session.run("""
                SET str v
                SORT str
                SORT_RO str
                SORT str LIMIT x 1
                SORT str foo
                HSET h f v
                SORT h
                SORT h STORE dst
                RPUSH l 1
                SORT l foo
                SORT l BY
                SORT l GET
                SORT l ALPHA foo
                SORT
                SORT_RO
                SORT l BY w_* BY
                """);
    }

    /** The session hides COMMAND replies (server-specific); SORT's metadata is compared directly here. */
    @Test
    void commandMetadata() throws IOException {
        String[][] commands = {
                {"COMMAND", "INFO", "sort", "sort_ro"},
                {"COMMAND", "GETKEYSANDFLAGS", "sort", "k", "BY", "w_*", "GET", "g_*", "STORE", "d", "LIMIT", "0", "1"},
                {"COMMAND", "GETKEYSANDFLAGS", "sort", "k", "STORE", "d1", "STORE", "d2"},
                {"COMMAND", "GETKEYS", "sort", "k"},
                {"COMMAND", "GETKEYS", "sort_ro", "k", "GET", "x_*"},
        };
        for (String[] cmd : commands) {
            Assertions.assertEquals(redisClient.call(cmd).toString(), redoubtClient.call(cmd).toString(),
                    String.join(" ", cmd));
        }
    }

    @Test
    void bigEncodings() throws IOException {
        StringBuilder script = new StringBuilder();
        StringBuilder list = new StringBuilder("RPUSH big");
        StringBuilder zset = new StringBuilder("ZADD bigz");
        StringBuilder set = new StringBuilder("SADD bigs");
        for (int i = 0; i < 300; i++) {
            int v = (i * 7919) % 1000;
            list.append(' ').append(v);
            zset.append(' ').append(i).append(" m").append(v);
            set.append(" e").append(v);
        }
        script.append(list).append('\n').append(zset).append('\n').append(set).append('\n');
        script.append("""
                SORT big LIMIT 10 20
                SORT big DESC LIMIT 0 5
                SORT big BY nosort LIMIT 100 5
                SORT big BY nosort DESC LIMIT 100 5
                SORT bigz ALPHA LIMIT 50 10
                SORT bigz BY nosort LIMIT 200 10
                SORT bigz BY nosort DESC LIMIT 200 10
                SORT bigs ALPHA DESC LIMIT 3 7
                SORT bigs BY nosort STORE d
                LRANGE d 0 9
                LLEN d
                SORT big STORE d2
                OBJECT ENCODING d2
                LRANGE d2 290 -1
                """);
        session.run(script.toString());
    }
}
