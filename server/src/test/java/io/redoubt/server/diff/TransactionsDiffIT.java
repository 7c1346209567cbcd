package io.redoubt.server.diff;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/** MULTI/EXEC around string and key commands: queued replies, EXECABORT, runtime errors inside EXEC, WATCH. */
class TransactionsDiffIT extends DiffTestBase {

    @AfterEach
    void leaveAnyTransaction() throws IOException {
        session.both("DISCARD");
        session.both("UNWATCH");
    }

    @Test
    void multi_exec_discard() throws IOException {
        session.run("""
                MULTI
                SET k 1
                INCR k
                GET k
                EXPIRE k 100
                TTL k
                EXEC
                EXEC
                DISCARD
                MULTI
                MULTI
                SET k 5
                DISCARD
                GET k
                MULTI
                SET k abc
                INCR k
                GET k
                EXEC
                MULTI
                SET k 1
                NOSUCHCOMMAND
                GET k
                EXEC
                GET k
                MULTI
                GET
                EXEC
                """);
    }

    @Test
    void watch() throws IOException {
        session.run("""
                SET k 1
                WATCH k
                SET k 2
                MULTI
                INCR k
                EXEC
                GET k
                WATCH k
                MULTI
                INCR k
                EXEC
                WATCH missing
                MULTI
                SET missing 1
                EXEC
                WATCH k
                UNWATCH
                SET k 10
                MULTI
                INCR k
                EXEC
                MULTI
                WATCH k
                DISCARD
                """);
    }
}
