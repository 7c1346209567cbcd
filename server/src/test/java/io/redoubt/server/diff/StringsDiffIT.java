package io.redoubt.server.diff;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/** String commands, every Redis 7 form, compared with a real Redis. */
class StringsDiffIT extends DiffTestBase {

    @Test
    void set_get_options() throws IOException {
        session.run("""
                GET missing
                SET k v
                GET k
                SET k v2 NX
                SET k v2 XX
                GET k
                SET new v XX
                GET new
                SET new v NX
                SET new other NX GET
                SET new other XX GET
                SET absent x GET
                SET k v NX XX
                SET k v XX NX
                SET k v EX 100 PX 100
                SET k v EX 10 KEEPTTL
                SET k v KEEPTTL EX 10
                SET k v EX
                SET k v EX abc
                SET k v EX 0
                SET k v EX -1
                SET k v PX 0
                SET k v EXAT 0
                SET k v PXAT -5
                SET k v EX 9223372036854775807
                SET k v PX 9223372036854775807
                SET k v EX 1.5
                SET k v FOO
                SET k v EX 100
                TTL k
                SET k v2 KEEPTTL
                TTL k
                SET k v3
                TTL k
                SET k v PX 100000
                PTTL k
                SET k v EXAT 4102444800
                TTL k
                EXPIRETIME k
                SET k v PXAT 4102444800000
                PEXPIRETIME k
                SET k v EXAT 1
                GET k
                EXISTS k
                SET k v ex 100 nx
                set K v get
                SET "" empty
                GET ""
                SET binary "\\x00\\x01\\xff\\r\\n"
                GET binary
                SET k 123
                GET k
                SET k v GET EX 100
                TTL k
                SET k
                GET
                GET a b
                """);
    }

    @Test
    void getex_getdel_getset() throws IOException {
        session.run("""
                GETEX missing
                GETEX missing EX 10
                SET k v
                GETEX k
                GETEX k EX 100
                TTL k
                GETEX k PX 200000
                PTTL k
                GETEX k EXAT 4102444800
                EXPIRETIME k
                GETEX k PXAT 4102444800000
                PEXPIRETIME k
                GETEX k PERSIST
                TTL k
                GETEX k EX 0
                GETEX k EX -1
                GETEX k EX abc
                GETEX k EX 10 PX 10
                GETEX k PERSIST EX 10
                GETEX k FOO
                GETEX k EX
                GETEX k EXAT 1
                EXISTS k
                SET k v
                GETDEL k
                GETDEL k
                EXISTS k
                GETDEL k extra
                GETSET k a
                GETSET k b
                GET k
                SET k v EX 100
                GETSET k c
                TTL k
                GETSET k
                """);
    }

    @Test
    void setnx_setex_psetex_mset_msetnx_mget() throws IOException {
        session.run("""
                SETNX k v
                SETNX k w
                GET k
                SETEX k 100 v
                TTL k
                SETEX k 0 v
                SETEX k -10 v
                SETEX k abc v
                SETEX k 100
                PSETEX k 100000 v
                PTTL k
                PSETEX k 0 v
                PSETEX k -1 v
                PSETEX k 1.5 v
                SETEX k 9223372036854775807 v
                PSETEX k 9223372036854775807 v
                MSET a 1 b 2 c 3
                MGET a b c missing
                MSET a 10 a 20
                GET a
                MSET a
                MSET a 1 b
                MSETNX x 1 y 2
                MSETNX x 1 z 3
                EXISTS z
                MSETNX z 1 z 2
                GET z
                MSETNX x
                MGET
                MGET missing
                SET e ""
                MGET e
                """);
    }

    @Test
    void append_strlen_getrange_setrange_substr() throws IOException {
        session.run("""
                APPEND k hello
                APPEND k " world"
                GET k
                STRLEN k
                STRLEN missing
                SET n 10
                APPEND n 5
                GET n
                STRLEN n
                GETRANGE k 0 4
                GETRANGE k -5 -1
                GETRANGE k 0 -1
                GETRANGE k 6 100
                GETRANGE k 100 200
                GETRANGE k 5 2
                GETRANGE k -100 -50
                GETRANGE k -100 3
                GETRANGE k 0 0
                GETRANGE k -1 -1
                GETRANGE missing 0 10
                GETRANGE k a 1
                GETRANGE k 0
                SUBSTR k 0 4
                SUBSTR k -3 -1
                SUBSTR missing 0 1
                SETRANGE k 6 WORLD
                GET k
                SETRANGE k 15 "!"
                GET k
                STRLEN k
                SETRANGE fresh 3 abc
                GET fresh
                SETRANGE empty 0 ""
                EXISTS empty
                SETRANGE empty 5 ""
                EXISTS empty
                SETRANGE k 0 ""
                SETRANGE k -1 x
                SETRANGE k 536870912 x
                SETRANGE k 536870911 ""
                SETRANGE k abc x
                SET n 12345
                SETRANGE n 1 9
                GET n
                GETRANGE n 1 2
                """);
    }

    @Test
    void incr_decr_incrby_decrby_incrbyfloat() throws IOException {
        session.run("""
                INCR c
                INCR c
                DECR c
                DECR c
                DECR c
                INCRBY c 10
                INCRBY c -20
                DECRBY c 5
                DECRBY c -5
                GET c
                INCRBY c abc
                INCRBY c 1.5
                INCRBY c ""
                DECRBY c 9223372036854775808
                SET c 9223372036854775807
                INCR c
                INCRBY c 0
                SET c -9223372036854775808
                DECR c
                DECRBY c -9223372036854775808
                SET c " 1"
                INCR c
                SET c "1 "
                INCR c
                SET c 01
                INCR c
                SET c +1
                INCR c
                SET c -0
                INCR c
                SET c abc
                INCR c
                SET c ""
                INCR c
                SET c 12345678901234567890
                INCR c
                INCRBYFLOAT f 1.5
                INCRBYFLOAT f 0.1
                INCRBYFLOAT f -5
                INCRBYFLOAT f 1e3
                INCRBYFLOAT f 3.0e-2
                INCRBYFLOAT f 5.0000
                GET f
                INCRBYFLOAT f abc
                INCRBYFLOAT f inf
                INCRBYFLOAT f nan
                INCRBYFLOAT f ""
                SET f 10.50
                INCRBYFLOAT f 0
                SET f 1e308
                INCRBYFLOAT f 1e308
                SET f 3
                INCRBYFLOAT f 0.1
                INCRBYFLOAT f -0.1
                INCRBYFLOAT f 1.0e20
                SET f " 1.5"
                INCRBYFLOAT f 1
                SET f 5 EX 100
                INCRBYFLOAT f 1
                TTL f
                INCR f
                TTL f
                INCR
                INCRBY c
                DECRBY c 1 2
                """);
    }

    @Test
    void lcs() throws IOException {
        session.run("""
                MSET key1 ohmytext key2 mynewtext
                LCS key1 key2
                LCS key1 key2 LEN
                LCS key1 key2 IDX
                LCS key1 key2 IDX MINMATCHLEN 4
                LCS key1 key2 IDX MINMATCHLEN 4 WITHMATCHLEN
                LCS key1 key2 IDX WITHMATCHLEN
                LCS key1 key2 LEN IDX
                LCS key1 missing
                LCS missing1 missing2
                LCS missing1 missing2 IDX
                LCS key1 key2 MINMATCHLEN
                LCS key1 key2 MINMATCHLEN abc
                LCS key1 key2 FOO
                MSET a ABCBDAB b BDCABA
                LCS a b
                LCS a b IDX WITHMATCHLEN
                LCS a a
                SET e ""
                LCS e a
                LCS e a IDX
                LCS key1
                """);
    }

    @Test
    void large_and_binary_values() throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("SET big ").append("x".repeat(100_000)).append('\n');
        s.append("STRLEN big\nGETRANGE big 99990 -1\nAPPEND big ").append("y".repeat(70_000)).append('\n');
        s.append("STRLEN big\nGETRANGE big 99995 100005\nSETRANGE big 200000 z\nSTRLEN big\nGETRANGE big 199998 -1\n");
        s.append("SET bin \"\\x00\\x00\\xff\\xfe\"\nAPPEND bin \"\\x00\"\nGET bin\nSTRLEN bin\n");
        s.append("SET emb ").append("a".repeat(44)).append("\nOBJECT ENCODING emb\n");
        s.append("SET raw ").append("a".repeat(45)).append("\nOBJECT ENCODING raw\n");
        s.append("SET int 12345\nOBJECT ENCODING int\nAPPEND int 6\nOBJECT ENCODING int\n");
        session.run(s.toString());
    }

    /** OBJECT ENCODING follows how Redis made each string, not only its bytes. */
    @Test
    void string_encodings_follow_how_the_value_was_made() throws IOException {
        session.run("""
                SET n 123
                APPEND n 4
                OBJECT ENCODING n
                INCR n
                OBJECT ENCODING n
                APPEND n ""
                OBJECT ENCODING n
                SET n 7
                OBJECT ENCODING n
                SETRANGE n 0 8
                OBJECT ENCODING n
                SETRANGE n 0 ""
                SET e 5
                SETRANGE e 0 ""
                OBJECT ENCODING e
                SETRANGE fresh 2 1
                OBJECT ENCODING fresh
                APPEND new 42
                OBJECT ENCODING new
                SETBIT b 1 1
                OBJECT ENCODING b
                SET bf 1
                BITFIELD bf SET u8 0 49
                OBJECT ENCODING bf
                BITFIELD_RO bf GET u8 0
                SET x 1
                SET y 2
                BITOP OR d x y
                OBJECT ENCODING d
                SET f 1.5
                INCRBYFLOAT f 1.5
                OBJECT ENCODING f
                GET f
                INCRBYFLOAT g 2
                OBJECT ENCODING g
                INCR g
                OBJECT ENCODING g
                SET r 10
                APPEND r 0
                RENAME r r2
                OBJECT ENCODING r2
                COPY r2 r3
                OBJECT ENCODING r3
                MOVE r3 1
                SELECT 1
                OBJECT ENCODING r3
                SELECT 0
                SET r2 55
                OBJECT ENCODING r2
                GETSET r2 66
                OBJECT ENCODING r2
                """);
    }
}
