package io.redoubt.server.diff;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/** Keyspace commands compared with a real Redis. */
class KeysDiffIT extends DiffTestBase {

    @Test
    void del_unlink_exists_type_touch() throws IOException {
        session.run("""
                MSET a 1 b 2 c 3
                EXISTS a
                EXISTS a b missing a
                EXISTS missing
                TYPE a
                TYPE missing
                TOUCH a b missing
                DEL a missing
                DEL a
                UNLINK b c missing
                EXISTS a b c
                DBSIZE
                MSET a 1 b 2
                DEL a b a
                DBSIZE
                DEL
                UNLINK
                EXISTS
                TYPE
                TYPE a b
                TOUCH
                """);
    }

    @Test
    void keys_scan_randomkey_dbsize() throws IOException {
        session.run("""
                RANDOMKEY
                KEYS *
                SCANALL
                MSET hello 1 hallo 2 hxllo 3 hllo 4 heeeello 5 "h*llo" 6 "foo bar" 7 "\\xffkey" 8
                DBSIZE
                KEYS *
                KEYS h?llo
                KEYS h*llo
                KEYS h[ae]llo
                KEYS h[^e]llo
                KEYS h[a-b]llo
                KEYS "h\\\\*llo"
                KEYS nothing*
                KEYS "foo *"
                KEYS
                RANDOMKEY
                RANDOMKEY extra
                SCANALL
                SCANALL MATCH h*llo
                SCANALL MATCH h?llo COUNT 2
                SCANALL COUNT 1
                SCANALL TYPE string
                SCANALL TYPE list
                SCANALL TYPE nosuchtype
                SCAN 0 COUNT 1000
                SCAN 0 COUNT 1000 MATCH h[ae]llo
                SCAN 0 COUNT 0
                SCAN 0 COUNT -1
                SCAN 0 COUNT abc
                SCAN 0 MATCH
                SCAN 0 FOO bar
                SCAN abc
                SCAN -1
                SCAN 18446744073709551616
                SCAN
                DBSIZE extra
                """);
    }

    @Test
    void rename_renamenx_copy() throws IOException {
        session.run("""
                SET a 1
                RENAME a b
                GET a
                GET b
                RENAME missing x
                RENAMENX missing x
                RENAME b b
                RENAMENX b b
                SET c 3
                RENAMENX b c
                RENAMENX b d
                GET d
                SET e 5 EX 100
                RENAME e f
                TTL f
                RENAME d f
                TTL f
                GET f
                COPY f g
                GET g
                TTL g
                COPY f g
                COPY f g REPLACE
                COPY missing g
                COPY f f
                COPY f h DB 1
                SELECT 1
                GET h
                TTL h
                SELECT 0
                COPY f h DB 1
                COPY f h DB 1 REPLACE
                COPY f h DB 100
                COPY f h DB abc
                COPY f h FOO
                COPY f h DB
                COPY f
                RENAME a
                """);
    }

    @Test
    void move_swapdb_select_flush() throws IOException {
        session.run("""
                SET a 1
                MOVE a 1
                EXISTS a
                SELECT 1
                GET a
                SET a 2
                SELECT 0
                SET a 3
                MOVE a 1
                MOVE missing 1
                MOVE a 0
                MOVE a 16
                MOVE a abc
                MOVE a -1
                SET t 1 EX 100
                MOVE t 2
                SELECT 2
                TTL t
                SELECT 0
                SWAPDB 0 1
                GET a
                SELECT 1
                GET a
                SELECT 0
                SWAPDB 0 0
                SWAPDB 0 16
                SWAPDB a 0
                SWAPDB 0
                SELECT 16
                SELECT -1
                SELECT abc
                DBSIZE
                FLUSHDB
                DBSIZE
                SELECT 1
                DBSIZE
                FLUSHDB ASYNC
                SET x 1
                FLUSHDB SYNC
                FLUSHDB FOO
                FLUSHDB SYNC ASYNC
                SET x 1
                SELECT 2
                SET y 2
                FLUSHALL ASYNC
                DBSIZE
                SELECT 1
                DBSIZE
                SET x 1
                FLUSHALL SYNC
                FLUSHALL FOO
                FLUSHALL
                DBSIZE
                """);
    }

    @Test
    void object() throws IOException {
        session.run("""
                SET s hello
                SET n 12345
                SET long aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
                OBJECT ENCODING s
                OBJECT ENCODING n
                OBJECT ENCODING long
                OBJECT ENCODING missing
                OBJECT REFCOUNT s
                OBJECT REFCOUNT missing
                OBJECT IDLETIME s
                OBJECT IDLETIME missing
                OBJECT FREQ s
                OBJECT FOO s
                OBJECT ENCODING
                OBJECT ENCODING s extra
                OBJECT
                """);
    }

    @Test
    void object_freq_and_idletime_follow_the_eviction_policy() throws IOException {
        try {
            session.run("""
                    SET s hello
                    CONFIG SET maxmemory-policy allkeys-lfu
                    OBJECT FREQ s
                    OBJECT FREQ missing
                    OBJECT IDLETIME s
                    CONFIG SET maxmemory-policy volatile-lru
                    OBJECT IDLETIME s
                    OBJECT FREQ s
                    """);
        } finally {
            session.both("CONFIG SET maxmemory-policy noeviction");
        }
    }
}
