package io.redoubt.server.diff;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/** EXPIRE family, TTL queries, PERSIST, and keys disappearing lazily and actively, compared with a real Redis. */
class ExpiryDiffIT extends DiffTestBase {

    @Test
    void expire_pexpire_options() throws IOException {
        session.run("""
                EXPIRE missing 100
                SET k v
                TTL k
                PTTL k
                EXPIRETIME k
                PEXPIRETIME k
                TTL missing
                PTTL missing
                EXPIRETIME missing
                PEXPIRETIME missing
                EXPIRE k 100
                TTL k
                EXPIRE k 200 NX
                EXPIRE k 200 XX
                TTL k
                EXPIRE k 100 GT
                EXPIRE k 300 GT
                TTL k
                EXPIRE k 400 LT
                EXPIRE k 50 LT
                TTL k
                PERSIST k
                PERSIST k
                TTL k
                EXPIRE k 100 XX
                EXPIRE k 100 GT
                EXPIRE k 100 LT
                TTL k
                PERSIST k
                EXPIRE k 100 NX
                EXPIRE k 100 NX XX
                EXPIRE k 100 GT LT
                EXPIRE k 100 NX GT
                EXPIRE k 100 FOO
                EXPIRE k abc
                EXPIRE k 1.5
                EXPIRE k 9223372036854775807
                EXPIRE k 9223372036854775
                PEXPIRE k 9223372036854775807
                EXPIRE k -9223372036854775808
                PEXPIRE k 123456789
                PTTL k
                PEXPIRE k 100000 LT
                PTTL k
                EXPIREAT k 4102444800
                EXPIRETIME k
                PEXPIREAT k 4102444800123
                PEXPIRETIME k
                EXPIRETIME k
                EXPIREAT k 4102444801 GT
                EXPIREAT k 4102444700 GT
                EXPIRETIME k
                PEXPIREAT k 4102444000000 LT
                PEXPIRETIME k
                EXPIREAT k abc
                EXPIREAT k 1 NX
                EXISTS k
                EXPIREAT k 1
                EXISTS k
                SET k v
                PEXPIREAT k 1000
                EXISTS k
                SET k v
                EXPIRE k 0
                EXISTS k
                SET k v
                EXPIRE k -5
                EXISTS k
                SET k v
                PEXPIRE k -1
                EXISTS k
                SET k v
                EXPIRE k 0 XX
                EXISTS k
                EXPIRE k 0 NX
                EXISTS k
                SET k v
                EXPIRE k -1 GT
                EXISTS k
                EXPIRE k 10 20
                EXPIRE k
                TTL
                PERSIST
                PERSIST missing
                """);
    }

    @Test
    void expired_keys_disappear_lazily() throws IOException {
        session.run("""
                SET short v PX 100
                SET other v PX 100
                SET long v EX 1000
                """);
        // GET touches the key, so it is the lazy path that removes it.
        session.await("GET short", new RespValue.Bulk(null), 10);
        // "other" expires a moment after "short": wait until both servers agree it is gone, since either may
        // reclaim it actively first, and KEYS must not race with that.
        session.await("TYPE other", new RespValue.Simple("none"), 10);
        session.run("""
                GET short
                EXISTS short
                TTL short
                TYPE other
                TTL long
                KEYS *
                """);
    }

    @Test
    void expired_keys_disappear_actively() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            s.append("SET vol").append(i).append(" v PX ").append(50 + i).append('\n');
        }
        s.append("SET stays v\n");
        session.run(s.toString());
        // DBSIZE touches no key: only the active expiry cycle can bring it down to the one key without a TTL.
        session.await("DBSIZE", new RespValue.Int(1), 15);
        session.run("""
                DBSIZE
                KEYS *
                """);
    }

    @Test
    void writes_and_expiry() throws IOException {
        session.run("""
                SET k 1 EX 100
                INCR k
                TTL k
                APPEND k 0
                TTL k
                SETRANGE k 0 9
                TTL k
                SETBIT k 0 1
                TTL k
                SET k v
                TTL k
                SET k 1 EX 100
                GETSET k 2
                TTL k
                SET k 1 EX 100
                MSET k 2
                TTL k
                SET k 1 EX 100
                GETEX k PERSIST
                TTL k
                SET k 1 EX 100
                RENAME k k2
                TTL k2
                SET a 1 EX 100
                COPY a b
                TTL b
                """);
    }
}
