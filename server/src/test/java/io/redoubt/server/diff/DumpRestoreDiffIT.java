package io.redoubt.server.diff;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * DUMP and RESTORE compared with a real Redis: payloads of small values (the same bytes as Redis 7.0 writes:
 * version 10, no LZF below 21 bytes), restores of payloads Redis wrote, and every error. Not compared: RDB 11
 * and 12 payloads (Redis 7.2 / 7.4 DUMP output), which Redoubt accepts and Redis 7.0 refuses.
 */
class DumpRestoreDiffIT extends DiffTestBase {
    private static final String BAR = "\"\\x00\\x03bar\\x0a\\x00\\xe6\\xbeI`\\xeef\\xfd\\x17\"";

    @Test
    void dump_smallValuesOfEveryType() throws IOException {
        session.run("""
                DUMP missing
                SET foo bar
                DUMP foo
                SET n 12345
                DUMP n
                SET neg -3
                DUMP neg
                SET big 12345678901234
                DUMP big
                SET empty ""
                DUMP empty
                RPUSH l a b 1 -70000 9223372036854775807
                DUMP l
                HSET h f v n 42
                DUMP h
                SADD s 1 2 3 -40000
                DUMP s
                ZADD z 1.5 a 2 b -3 c inf d
                DUMP z
                DUMP
                DUMP a b
                """);
    }

    /** Without LZF, payloads of larger compact values and of skiplists are byte-identical to Redis's too. */
    @Test
    void dump_largerValuesWithoutCompression() throws IOException {
        StringBuilder script = new StringBuilder("CONFIG SET rdbcompression no\n");
        StringBuilder hash = new StringBuilder("HSET h");
        StringBuilder zsmall = new StringBuilder("ZADD zs");
        StringBuilder zbig = new StringBuilder("ZADD zb");
        StringBuilder ints = new StringBuilder("SADD ints");
        StringBuilder list = new StringBuilder("RPUSH l");
        StringBuilder biglist = new StringBuilder("RPUSH bl");
        for (int i = 0; i < 100; i++) {
            hash.append(" field").append(i).append(' ').append(i % 3 == 0 ? Integer.toString(i * 1000) : "value" + i);
            zsmall.append(' ').append(i % 2 == 0 ? Integer.toString(i) : i + ".25").append(" m").append(i);
        }
        for (int i = 0; i < 300; i++) {
            zbig.append(' ').append(i % 7 == 0 && i > 0 ? "-" : "").append(i / 3.0).append(" member").append(i);
            ints.append(' ').append((long) i * 3_000_000_000L - 400_000_000_000L);
            list.append(' ').append(i % 2 == 0 ? Integer.toString(i * 77) : "e" + i);
        }
        for (int i = 0; i < 3000; i++) {
            biglist.append(" element-").append(i);
        }
        script.append(hash).append("\nDUMP h\n").append(zsmall).append("\nDUMP zs\n").append(zbig)
                .append("\nDUMP zb\nOBJECT ENCODING zb\n").append(ints).append("\nDUMP ints\n").append(list)
                .append("\nDUMP l\nSET long ").append("x".repeat(500)).append("\nDUMP long\n")
                .append(biglist).append("\nDUMP bl\nCONFIG SET rdbcompression yes\n");
        session.run(script.toString());
    }

    @Test
    void restore_roundTripsAndOptions() throws IOException {
        session.run("""
                SET foo bar
                RPUSH l a b c 1 2 3
                HSET h f v n 42
                SADD s 1 2 3
                ZADD z 1.5 a 2 b
                RESTORE foo2 0 %1$s
                GET foo2
                TTL foo2
                RESTORE foo2 0 %1$s
                RESTORE foo2 0 %1$s REPLACE
                RESTORE foo3 100000 %1$s
                TTL foo3
                RESTORE foo4 1 %1$s ABSTTL
                EXISTS foo4
                RESTORE foo2 1 %1$s ABSTTL REPLACE
                EXISTS foo2
                RESTORE foo5 0 %1$s IDLETIME 1000
                OBJECT IDLETIME foo5
                RESTORE foo6 0 %1$s FREQ 100
                GET foo6
                RESTORE foo7 0 %1$s REPLACE ABSTTL IDLETIME 5
                GET foo7
                RESTORE l2 0 "\\x12\\x01\\x02\\x0f\\x0f\\x00\\x00\\x00\\x03\\x00\\x81a\\x02\\x81b\\x02\\x01\\x01\\xff\\x0a\\x00\\xe0\\x1b\\xabJG\\xceY\\x22"
                LRANGE l2 0 -1
                RESTORE h2 0 "\\x10\\x0d\\x0d\\x00\\x00\\x00\\x02\\x00\\x81f\\x02\\x81v\\x02\\xff\\x0a\\x00 \\xf1=D#T\\x08\\x9d"
                HGETALL h2
                RESTORE s2 0 "\\x0b\\x0e\\x02\\x00\\x00\\x00\\x03\\x00\\x00\\x00\\x01\\x00\\x02\\x00\\x03\\x00\\x0a\\x00\\xa5\\x02\\\\\\xe2mnM\\x1b"
                SMEMBERS s2
                OBJECT ENCODING s2
                RESTORE z2 0 "\\x11\\x14\\x14\\x00\\x00\\x00\\x04\\x00\\x81a\\x02\\x831.5\\x04\\x81b\\x02\\x02\\x01\\xff\\x0a\\x00\\xfa\\x02\\xb4%%\\xaf\\x18\\x87c"
                ZRANGE z2 0 -1 WITHSCORES
                TYPE z2
                """.formatted(BAR));
    }

    @Test
    void restore_errors() throws IOException {
        session.run("""
                SET foo bar
                RESTORE foo 0 %1$s
                RESTORE a -5 %1$s
                RESTORE a x %1$s
                RESTORE foo x %1$s
                RESTORE a 0 short
                RESTORE a 0 ""
                RESTORE a 0 "\\x00\\x03baz\\x0a\\x00\\xe6\\xbeI`\\xeef\\xfd\\x17"
                RESTORE a 0 "\\x00?bar\\x0a\\x00\\xcaM\\x17\\x0dW\\x01\\xe4\\xd7"
                RESTORE a 0 "\\x0f\\x00\\x0a\\x00nR\\x1f\\x0d\\x81\\xd6\\x80\\xcb"
                RESTORE a 0 "\\x02\\x00\\x0a\\x00:\\xce9\\x00\\x9b\\x899\\xe8"
                RESTORE a 0 "c\\x00\\x0a\\x00k\\x89v\\xbc*\\xe5$\\x98"
                RESTORE a 0 %1$s IDLETIME
                RESTORE a 0 %1$s FREQ
                RESTORE a 0 %1$s IDLETIME 1 FREQ 2
                RESTORE a 0 %1$s FREQ 2 IDLETIME 1
                RESTORE a 0 %1$s FREQ 256
                RESTORE a 0 %1$s FREQ -1
                RESTORE a 0 %1$s FREQ x
                RESTORE a 0 %1$s IDLETIME -1
                RESTORE a 0 %1$s IDLETIME x
                RESTORE a 0 %1$s NOSUCHOPTION
                RESTORE a 0
                RESTORE a
                EXISTS a
                COMMAND INFO dump restore
                COMMAND GETKEYSANDFLAGS RESTORE k 0 x
                COMMAND GETKEYSANDFLAGS DUMP k
                """.formatted(BAR));
    }
}
