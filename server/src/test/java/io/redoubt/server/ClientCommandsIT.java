package io.redoubt.server;

import io.redoubt.server.testutil.RawConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ClientCommandsIT {
    /** Redis 7.2's CLIENT LIST line, field by field. */
    private static final Pattern LINE = Pattern.compile(
            "id=(\\d+) addr=(\\S+) laddr=(\\S+) fd=-?\\d+ name=(\\S*) age=\\d+ idle=\\d+ flags=(\\w+) db=\\d+ sub=\\d+ psub=\\d+ ssub=\\d+ "
                    + "multi=-1 qbuf=\\d+ qbuf-free=\\d+ argv-mem=\\d+ multi-mem=\\d+ rbs=\\d+ rbp=\\d+ obl=\\d+ oll=\\d+ omem=\\d+ "
                    + "tot-mem=\\d+ events=r?w? cmd=(\\S+) user=default redir=-1 resp=[23] lib-name=(\\S*) lib-ver=(\\S*)");

    private RedoubtServer server;

    @BeforeEach
    void start() throws IOException {
        server = RedoubtServer.builder().port(0).set("save", "").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawConnection connect() throws IOException {
        return new RawConnection(server.host(), server.port());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static Matcher line(String text) {
        Matcher m = LINE.matcher(text.strip());
        assertTrue(m.matches(), "not a Redis 7.2 CLIENT LIST line: " + text);
        return m;
    }

    @Test
    void idSetnameGetname() throws Exception {
        try (RawConnection c = connect()) {
            long id = (Long) c.call("CLIENT", "ID");
            assertTrue(id > 0);
            assertNull(c.call("CLIENT", "GETNAME"));
            assertEquals("OK", c.call("CLIENT", "SETNAME", "worker-1"));
            assertEquals("worker-1", c.call("CLIENT", "GETNAME"));
            assertEquals(new RawConnection.Err("ERR Client names cannot contain spaces, newlines or special characters."),
                    c.call("CLIENT", "SETNAME", "a b"));
            assertEquals("OK", c.call("CLIENT", "SETNAME", ""));
            assertNull(c.call("CLIENT", "GETNAME"));
        }
    }

    @Test
    void setinfo_validatesAndShowsInList() throws Exception {
        try (RawConnection c = connect()) {
            assertEquals("OK", c.call("CLIENT", "SETINFO", "LIB-NAME", "redis-py"));
            assertEquals("OK", c.call("CLIENT", "SETINFO", "lib-ver", "5.0.1"));
            assertEquals(new RawConnection.Err("ERR LIB-NAME cannot contain spaces, newlines or special characters."),
                    c.call("CLIENT", "SETINFO", "LIB-NAME", "a b"));
            assertEquals(new RawConnection.Err("ERR Unrecognized option 'lib-foo'"), c.call("CLIENT", "SETINFO", "lib-foo", "x"));
            Matcher m = line((String) c.call("CLIENT", "INFO"));
            assertEquals("redis-py", m.group(7));
            assertEquals("5.0.1", m.group(8));
            assertEquals("client|info", m.group(6));
        }
    }

    @Test
    void list_allTypeAndIdFilters() throws Exception {
        try (RawConnection a = connect(); RawConnection b = connect()) {
            long idA = (Long) a.call("CLIENT", "ID");
            long idB = (Long) b.call("CLIENT", "ID");
            a.call("CLIENT", "SETNAME", "alpha");
            String all = (String) a.call("CLIENT", "LIST");
            String[] lines = all.split("\n");
            assertEquals(2, lines.length);
            for (String l : lines) {
                line(l);
            }
            Matcher first = line(lines[0]);
            assertEquals(Long.toString(idA), first.group(1));
            assertEquals("alpha", first.group(4));
            assertEquals("N", first.group(5));
            assertEquals("client|list", first.group(6));
            assertEquals("client|id", line(lines[1]).group(6));
            assertEquals(2, ((String) a.call("CLIENT", "LIST", "TYPE", "normal")).split("\n").length);
            assertEquals("", a.call("CLIENT", "LIST", "TYPE", "pubsub"));
            String byId = (String) a.call("CLIENT", "LIST", "ID", Long.toString(idB), "9999");
            assertEquals(Long.toString(idB), line(byId).group(1));
            assertEquals(new RawConnection.Err("ERR Unknown client type 'foo'"), a.call("CLIENT", "LIST", "TYPE", "foo"));
            assertEquals(new RawConnection.Err("ERR Invalid client ID"), a.call("CLIENT", "LIST", "ID", "x"));
            assertEquals(new RawConnection.Err("ERR syntax error"), a.call("CLIENT", "LIST", "foo"));
        }
    }

    @Test
    void noTouchAndNoEvict_showInFlags() throws Exception {
        try (RawConnection c = connect()) {
            assertEquals("OK", c.call("CLIENT", "NO-EVICT", "on"));
            assertEquals("OK", c.call("CLIENT", "NO-TOUCH", "on"));
            assertEquals("eT", line((String) c.call("CLIENT", "INFO")).group(5));
            assertEquals(new RawConnection.Err("ERR syntax error"), c.call("CLIENT", "NO-TOUCH", "maybe"));
        }
    }

    @Test
    void kill_byIdAddrLaddrUserMaxageAndSkipme() throws Exception {
        try (RawConnection killer = connect(); RawConnection v1 = connect(); RawConnection v2 = connect();
             RawConnection v3 = connect()) {
            long id1 = (Long) v1.call("CLIENT", "ID");
            Matcher info2 = line((String) v2.call("CLIENT", "INFO"));
            v3.call("PING");

            assertEquals(1L, killer.call("CLIENT", "KILL", "ID", Long.toString(id1)));
            assertTrue(v1.closedWithin(5_000));
            assertEquals(0L, killer.call("CLIENT", "KILL", "ID", Long.toString(id1)));

            // Filters are ANDed: v2's address with a wrong local address kills nobody.
            assertEquals(0L, killer.call("CLIENT", "KILL", "ADDR", info2.group(2), "LADDR", "10.0.0.1:1"));
            assertEquals(1L, killer.call("CLIENT", "KILL", "ADDR", info2.group(2), "LADDR", info2.group(3)));
            assertTrue(v2.closedWithin(5_000));

            // MAXAGE counts whole seconds of age; no connection here is a day old.
            assertEquals(0L, killer.call("CLIENT", "KILL", "MAXAGE", "86400"));
            // SKIPME yes (the default) spares the caller.
            assertEquals(1L, killer.call("CLIENT", "KILL", "USER", "default"));
            assertTrue(v3.closedWithin(5_000));
            assertEquals("PONG", killer.call("PING"));

            assertEquals(new RawConnection.Err("ERR client-id should be greater than 0"), killer.call("CLIENT", "KILL", "ID", "0"));
            assertEquals(new RawConnection.Err("ERR No such user 'bob'"), killer.call("CLIENT", "KILL", "USER", "bob"));
            assertEquals(new RawConnection.Err("ERR syntax error"), killer.call("CLIENT", "KILL", "SKIPME", "maybe"));
            assertEquals(new RawConnection.Err("ERR Unknown client type 'x'"), killer.call("CLIENT", "KILL", "TYPE", "x"));
            assertEquals(new RawConnection.Err("ERR No such client"), killer.call("CLIENT", "KILL", "1.2.3.4:5"));
        }
    }

    @Test
    void kill_oldFormMayKillTheCaller() throws Exception {
        try (RawConnection c = connect()) {
            Matcher me = line((String) c.call("CLIENT", "INFO"));
            assertEquals("OK", c.call("CLIENT", "KILL", me.group(2)));
            assertTrue(c.closedWithin(5_000));
        }
    }

    @Test
    void kill_skipmeNoKillsTheCallerAfterItsReply() throws Exception {
        try (RawConnection c = connect()) {
            assertEquals(1L, c.call("CLIENT", "KILL", "USER", "default", "SKIPME", "no"));
            assertTrue(c.closedWithin(5_000));
        }
    }

    @Test
    void reply_offAndSkipSilenceReplies() throws Exception {
        try (RawConnection c = connect()) {
            c.send("CLIENT", "REPLY", "OFF");
            c.send("SET", "k", "1");
            c.send("GET", "k");
            assertEquals("OK", c.call("CLIENT", "REPLY", "ON"));
            c.send("CLIENT", "REPLY", "SKIP");
            c.send("SET", "k", "2");
            assertEquals("2", c.call("GET", "k"));
            assertEquals(new RawConnection.Err("ERR syntax error"), c.call("CLIENT", "REPLY", "maybe"));
        }
    }

    @Test
    void pauseWrite_holdsWritesUntilUnpauseWhileReadsPass() throws Exception {
        try (RawConnection admin = connect(); RawConnection writer = connect(); RawConnection reader = connect()) {
            assertEquals("OK", reader.call("SET", "k", "before"));
            long writerId = (Long) writer.call("CLIENT", "ID");
            assertEquals("OK", admin.call("CLIENT", "PAUSE", "100000", "WRITE"));

            writer.send("SET", "k", "after");
            await("the write to wait", () -> server.call(() -> server.internals().client(writerId).paused()));
            assertEquals("before", reader.call("GET", "k"));
            assertFalse(server.call(() -> server.internals().client(writerId).commandsProcessed() > 1));

            assertEquals("OK", admin.call("CLIENT", "UNPAUSE"));
            assertEquals("OK", writer.read());
            assertEquals("after", reader.call("GET", "k"));
        }
    }

    @Test
    void pause_errors() throws Exception {
        try (RawConnection c = connect()) {
            assertEquals(new RawConnection.Err("ERR timeout is negative"), c.call("CLIENT", "PAUSE", "-1"));
            assertEquals(new RawConnection.Err("ERR timeout is not an integer or out of range"), c.call("CLIENT", "PAUSE", "x"));
            assertEquals(new RawConnection.Err("ERR CLIENT PAUSE mode must be WRITE or ALL"), c.call("CLIENT", "PAUSE", "10", "SOME"));
        }
    }

    @Test
    void unblockTrackingAndHelp() throws Exception {
        try (RawConnection c = connect()) {
            assertEquals(0L, c.call("CLIENT", "UNBLOCK", "9999"));
            assertEquals(new RawConnection.Err("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"), c.call("CLIENT", "UNBLOCK", "1", "x"));
            assertEquals(-1L, c.call("CLIENT", "GETREDIR"));
            assertEquals("OK", c.call("CLIENT", "TRACKING", "off"));
            assertEquals(List.of("flags", List.of("off"), "redirect", -1L, "prefixes", List.of()), c.call("CLIENT", "TRACKINGINFO"));
            assertInstanceOf(RawConnection.Err.class, c.call("CLIENT", "TRACKING", "on"));
            assertEquals(new RawConnection.Err("ERR PREFIX option requires BCAST mode to be enabled"),
                    c.call("CLIENT", "TRACKING", "on", "PREFIX", "a"));
            List<?> help = (List<?>) c.call("CLIENT", "HELP");
            assertEquals("CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help.get(0));
            assertEquals("    Print this help.", help.get(help.size() - 1));
        }
    }

    @Test
    void unblock_endsAWaitWithTimeoutReplyOrError() throws Exception {
        // A test-only blocking command: waits for ever on a key nobody writes.
        server.call(() -> {
            server.internals().commands().add("testwait", 2, "write", (c, a) ->
                    c.server().blocking().block(c, a, new int[] {1}, 0, x -> x.reply().nullBulk())).keys(1, 1, 1);
            return null;
        });
        try (RawConnection admin = connect(); RawConnection waiter = connect()) {
            long id = (Long) waiter.call("CLIENT", "ID");
            waiter.send("TESTWAIT", "k");
            await("the client to block", () -> server.call(() -> server.internals().client(id).blocked()));
            assertEquals("b", line(((String) admin.call("CLIENT", "LIST", "ID", Long.toString(id)))).group(5));
            assertEquals(1L, admin.call("CLIENT", "UNBLOCK", Long.toString(id)));
            assertNull(waiter.read());
            assertEquals(0L, admin.call("CLIENT", "UNBLOCK", Long.toString(id)));

            waiter.send("TESTWAIT", "k");
            await("the client to block again", () -> server.call(() -> server.internals().client(id).blocked()));
            assertEquals(1L, admin.call("CLIENT", "UNBLOCK", Long.toString(id), "ERROR"));
            assertEquals(new RawConnection.Err("UNBLOCKED client unblocked via CLIENT UNBLOCK"), waiter.read());
        }
    }

    @Test
    void idleTimeout_closesIdleClientsButNotMonitors() throws Exception {
        try (RawConnection monitor = connect(); RawConnection idle = connect()) {
            assertEquals("OK", monitor.call("MONITOR"));
            long idleId = (Long) idle.call("CLIENT", "ID");
            // Set only now, so that a slow first command on a cold JVM cannot count as idleness.
            server.call(() -> {
                server.internals().config().set("timeout", "1");
                return null;
            });
            assertTrue(idle.closedWithin(10_000));
            await("the idle client to be removed", () -> server.call(() -> server.internals().client(idleId) == null));
            assertTrue(server.call(() -> server.internals().clients().stream().anyMatch(Client::monitor)));
        }
    }
}
