package io.redoubt.server.diff;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * String and key replies after {@code HELLO 3}: RESP3 null, maps (LCS IDX), doubles and sets where Redis 7
 * uses them, and the same error texts.
 */
class Resp3DiffIT extends DiffTestBase {

    @AfterEach
    void backToResp2() throws IOException {
        session.both("HELLO 2");
    }

    @Test
    void string_and_key_replies_in_resp3() throws IOException {
        session.run("""
                HELLO 3
                GET missing
                SET k v
                GET k
                SET k w GET
                SET missing2 v XX GET
                MGET k missing
                INCR n
                INCRBYFLOAT f 1.5
                GETEX missing
                GETDEL missing
                MSET key1 ohmytext key2 mynewtext
                LCS key1 key2 IDX MINMATCHLEN 4 WITHMATCHLEN
                LCS key1 key2 LEN
                BITFIELD missing GET u8 0
                BITFIELD bf OVERFLOW FAIL INCRBY u2 0 5
                EXISTS k missing
                TTL k
                TYPE k
                KEYS *
                RANDOMKEY
                SCANALL
                OBJECT ENCODING k
                OBJECT ENCODING missing
                GET
                NOSUCH command
                INCR k
                """);
    }
}
