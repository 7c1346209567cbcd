package io.redoubt.server.diff;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/** Error replies: unknown commands, arity, syntax, numbers, and WRONGTYPE, compared with a real Redis. */
class ErrorsDiffIT extends DiffTestBase {

    @Test
    void unknown_commands_and_arity() throws IOException {
        session.run("""
                NOSUCHCOMMAND
                NOSUCHCOMMAND a b c
                nosuch "with space" x
                NOSUCH aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c
                NOSUCH a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt uu vv ww xx yy zz
                GET
                GET a b
                SET a
                MSET a
                MSETNX a b c
                GETRANGE a 1
                SETRANGE a 1
                INCRBY a
                DECRBY
                APPEND a
                STRLEN
                SETBIT a 1
                GETBIT a
                BITOP AND
                EXPIRE a
                PEXPIREAT a
                RENAME a
                COPY a
                MOVE a
                SWAPDB 0
                OBJECT
                OBJECT ENCODING
                OBJECT NOSUCH a
                OBJECT HELP extra
                LCS a
                SETEX a 1
                PSETEX a
                GETDEL
                GETEX
                """);
    }

    @Test
    void numbers_and_syntax() throws IOException {
        session.run("""
                SET n abc
                INCR n
                INCRBY x abc
                INCRBY x 99999999999999999999
                INCRBYFLOAT x abc
                SETEX x abc v
                EXPIRE x abc
                SETBIT x 1 abc
                GETBIT x abc
                GETRANGE x abc 1
                SET x v EX 10 EX 10
                SET x v PX 10 EX 10
                SET x v NX NX
                SET x v GET GET
                SET x v KEEPTTL KEEPTTL
                SELECT abc
                SELECT 99
                MOVE x 99
                """);
    }

    @Test
    void wrongtype() throws IOException {
        RespValue info = redoubtClient.call("COMMAND", "INFO", "rpush");
        Assumptions.assumeTrue(info instanceof RespValue.Array a && a.items().get(0) instanceof RespValue.Array,
                "skipped: Redoubt has no RPUSH yet, so no key of another type can be made");
        session.run("""
                RPUSH l a b
                TYPE l
                GET l
                SET l v GET
                GETEX l
                GETDEL l
                GETSET l v
                APPEND l x
                STRLEN l
                GETRANGE l 0 1
                SETRANGE l 0 x
                INCR l
                DECRBY l 1
                INCRBYFLOAT l 1
                MGET l
                SETBIT l 0 1
                GETBIT l 0
                BITCOUNT l
                BITPOS l 1
                BITOP AND d l
                BITFIELD l GET u8 0
                LCS l l
                SCANALL TYPE list
                SCANALL TYPE string
                SET l v
                TYPE l
                GET l
                """);
    }
}
