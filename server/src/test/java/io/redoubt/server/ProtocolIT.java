package io.redoubt.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The wire protocol and the connection layer, on raw sockets. */
class ProtocolIT {
    private static final String NOAUTH_HELLO = "-NOAUTH HELLO must be called with the client already authenticated, otherwise the "
            + "HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol "
            + "version at the same time\r\n";

    private static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawClient client() throws Exception {
        return new RawClient(server.port());
    }

    private static void assertAlive(int port) throws Exception {
        try (RawClient other = new RawClient(port)) {
            assertEquals("+PONG\r\n", other.call("PING"));
        }
    }

    // ------------------------------------------------------------------ protocol errors

    /** Inputs that break the protocol, and Redis's reply to each. */
    private static final List<String[]> PROTOCOL_ERRORS = List.of(
            new String[] {"*abc\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
            new String[] {"*1\r\n$x\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
            new String[] {"*1\r\nx\r\n", "-ERR Protocol error: expected '$', got 'x'\r\n"},
            new String[] {"SET \"a b\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n"},
            new String[] {"*1\r\n$" + "1".repeat(70_000), "-ERR Protocol error: too big bulk count string\r\n"},
            new String[] {"*" + "1".repeat(70_000), "-ERR Protocol error: too big mbulk count string\r\n"},
            new String[] {"x".repeat(70_000), "-ERR Protocol error: too big inline request\r\n"});

    @Test
    void protocolError_repliesThenCloses_serverStaysUp() throws Exception {
        for (String[] e : PROTOCOL_ERRORS) {
            try (RawClient c = client()) {
                c.send("PING\r\n" + e[0]);
                assertEquals("+PONG\r\n", c.reply());
                assertEquals(e[1], c.reply());
                assertTrue(c.closedByServer(), "closed after " + e[1]);
            }
            assertAlive(server.port());
        }
    }

    // ------------------------------------------------------------------ pipelining and inline

    @Test
    void pipeline_tenThousandCommandsInOneWrite() throws Exception {
        int n = 10_000;
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            req.write(RawClient.encode("SET", "pipe:" + i, "v" + i));
        }
        for (int i = 0; i < n; i++) {
            req.write(RawClient.encode("GET", "pipe:" + i));
        }
        try (RawClient c = client()) {
            c.send(req.toByteArray());
            for (int i = 0; i < n; i++) {
                assertEquals("+OK\r\n", c.reply());
            }
            for (int i = 0; i < n; i++) {
                String v = "v" + i;
                assertEquals("$" + v.length() + "\r\n" + v + "\r\n", c.reply());
            }
        }
    }

    @Test
    void inline_commandsWithQuotes() throws Exception {
        try (RawClient c = client()) {
            c.send("PING\r\nECHO \"a b\\x41\"\nSET 'in line' \"x y\"\r\n\r\nGET 'in line'\r\n");
            assertEquals("+PONG\r\n", c.reply());
            assertEquals("$4\r\na bA\r\n", c.reply());
            assertEquals("+OK\r\n", c.reply());
            assertEquals("$3\r\nx y\r\n", c.reply());
        }
    }

    // ------------------------------------------------------------------ RESP3 and HELLO

    @Test
    void hello3_switchesToResp3() throws Exception {
        try (RawClient c = client()) {
            String hello = c.call("HELLO", "3");
            assertTrue(hello.startsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n"), hello);
            assertTrue(hello.contains("$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:"), hello);
            assertTrue(hello.endsWith("$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n"), hello);
            assertEquals("_\r\n", c.call("GET", "no-such-key"));
            assertTrue(c.call("HELLO").startsWith("%7\r\n"));
            assertTrue(c.call("HELLO", "2").startsWith("*14\r\n"));
            assertEquals("$-1\r\n", c.call("GET", "no-such-key"));
        }
    }

    @Test
    void hello_errors() throws Exception {
        try (RawClient c = client()) {
            assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("HELLO", "4"));
            assertEquals("-NOPROTO unsupported protocol version\r\n", c.call("HELLO", "1"));
            assertEquals("-ERR Protocol version is not an integer or out of range\r\n", c.call("HELLO", "x"));
            assertEquals("-ERR Syntax error in HELLO option 'FOO'\r\n", c.call("HELLO", "3", "FOO"));
            assertEquals("$-1\r\n", c.call("GET", "no-such-key"), "failed HELLO leaves RESP2");
        }
    }

    // ------------------------------------------------------------------ authentication

    @Test
    void auth_withRequirepass() throws Exception {
        try (RedoubtServer s = RedoubtServer.builder().port(0).set("save", "").set("requirepass", "secret").start();
             RawClient c = new RawClient(s.port())) {
            assertEquals("-NOAUTH Authentication required.\r\n", c.call("GET", "k"));
            assertEquals(NOAUTH_HELLO, c.call("HELLO", "3"));
            assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", c.call("AUTH", "wrong"));
            assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", c.call("AUTH", "nobody", "secret"));
            assertEquals("-NOAUTH Authentication required.\r\n", c.call("GET", "k"));
            assertEquals("+OK\r\n", c.call("AUTH", "secret"));
            assertEquals("$-1\r\n", c.call("GET", "k"));
            assertEquals("+RESET\r\n", c.call("RESET"));
            assertEquals("-NOAUTH Authentication required.\r\n", c.call("GET", "k"), "RESET forgets authentication");
            assertEquals("+OK\r\n", c.call("AUTH", "default", "secret"));

            try (RawClient h = new RawClient(s.port())) {
                assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                        h.call("HELLO", "3", "AUTH", "default", "wrong"));
                assertTrue(h.call("HELLO", "3", "AUTH", "default", "secret", "SETNAME", "me").startsWith("%7\r\n"));
                assertEquals("_\r\n", h.call("GET", "k"));
            }
            try (RawClient big = new RawClient(s.port())) {
                big.send("*11\r\n");
                assertEquals("-ERR Protocol error: unauthenticated multibulk length\r\n", big.reply());
                assertTrue(big.closedByServer());
            }
            try (RawClient big = new RawClient(s.port())) {
                big.send("*2\r\n$4\r\nAUTH\r\n$16385\r\n");
                assertEquals("-ERR Protocol error: unauthenticated bulk length\r\n", big.reply());
                assertTrue(big.closedByServer());
            }
            try (RawClient other = new RawClient(s.port())) {
                assertEquals("-NOAUTH Authentication required.\r\n", other.call("PING"));
            }
        }
    }

    @Test
    void auth_withoutRequirepass() throws Exception {
        try (RawClient c = client()) {
            assertEquals("-ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?\r\n", c.call("AUTH", "x"));
            assertEquals("+OK\r\n", c.call("AUTH", "default", "anything"));
        }
    }

    // ------------------------------------------------------------------ SELECT, RESET, QUIT

    @Test
    void select_bounds() throws Exception {
        try (RawClient c = client()) {
            assertEquals("+OK\r\n", c.call("SELECT", "15"));
            assertEquals("-ERR DB index is out of range\r\n", c.call("SELECT", "16"));
            assertEquals("-ERR DB index is out of range\r\n", c.call("SELECT", "-1"));
            assertEquals("-ERR value is not an integer or out of range\r\n", c.call("SELECT", "x"));
            assertEquals("-ERR wrong number of arguments for 'select' command\r\n", c.call("SELECT"));
            assertEquals("+OK\r\n", c.call("SELECT", "0"));
        }
    }

    @Test
    void reset_restoresConnectionDefaults() throws Exception {
        try (RawClient c = client()) {
            c.call("SELECT", "3");
            assertEquals("+OK\r\n", c.call("SET", "reset-key", "in-db-3"));
            c.call("HELLO", "3");
            assertEquals("+RESET\r\n", c.call("RESET"));
            assertEquals("$-1\r\n", c.call("GET", "reset-key"), "back to RESP2 and database 0");
            c.call("SELECT", "3");
            assertEquals("$7\r\nin-db-3\r\n", c.call("GET", "reset-key"));
        }
    }

    @Test
    void quit_repliesThenCloses() throws Exception {
        try (RawClient c = client()) {
            c.send("QUIT\r\nPING\r\n");
            assertEquals("+OK\r\n", c.reply());
            assertTrue(c.closedByServer(), "nothing after QUIT runs");
        }
    }

    // ------------------------------------------------------------------ limits

    @Test
    void maxclients_refusesExtraConnections() throws Exception {
        try (RedoubtServer s = RedoubtServer.builder().port(0).set("save", "").set("maxclients", "2").start();
             RawClient a = new RawClient(s.port());
             RawClient b = new RawClient(s.port())) {
            assertEquals("+PONG\r\n", a.call("PING"));
            assertEquals("+PONG\r\n", b.call("PING"));
            try (RawClient c = new RawClient(s.port())) {
                assertEquals("-ERR max number of clients reached\r\n", c.reply());
                assertTrue(c.closedByServer());
            }
            assertEquals("+PONG\r\n", a.call("PING"));
        }
    }

    @Test
    void protoMaxBulkLen_isEnforced() throws Exception {
        try (RedoubtServer s = RedoubtServer.builder().port(0).set("save", "").set("proto-max-bulk-len", "1mb").start()) {
            try (RawClient c = new RawClient(s.port())) {
                String max = "x".repeat(1024 * 1024);
                assertEquals("+OK\r\n", c.call("SET", "k", max), "exactly proto-max-bulk-len is allowed");
                c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + (1024 * 1024 + 1) + "\r\n");
                assertEquals("-ERR Protocol error: invalid bulk length\r\n", c.reply());
                assertTrue(c.closedByServer());
            }
            assertAlive(s.port());
        }
    }

    @Test
    void clientQueryBufferLimit_closesTheClient() throws Exception {
        try (RedoubtServer s = RedoubtServer.builder().port(0).set("save", "")
                .set("proto-max-bulk-len", "8mb").set("client-query-buffer-limit", "1mb").start()) {
            try (RawClient c = new RawClient(s.port())) {
                c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + (4 * 1024 * 1024) + "\r\n");
                byte[] part = "y".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                boolean closed = false;
                try {
                    for (int i = 0; i < 64 && !closed; i++) {
                        c.send(part);
                    }
                } catch (java.io.IOException e) {
                    closed = true; // the server closed while we were still writing
                }
                assertTrue(closed || c.closedByServer(), "closed once the query buffer passed 1mb");
            }
            assertAlive(s.port());
        }
    }

    // ------------------------------------------------------------------ against real Redis

    @Test
    void sameBytesAsRealRedis() throws Exception {
        try (RealRedis real = RealRedis.start()) {
            assumeTrue(real != null, "redis-server not installed: byte-for-byte comparison skipped");
            String[] session = {
                "PING\r\n",
                "*2\r\n$4\r\nECHO\r\n$3\r\na\u0000b\r\n",
                "ECHO \"x\\ty\" 'z'\r\n",
                "ECHO \"x\\ty\"\r\n",
                "SELECT 16\r\n", "SELECT -1\r\n", "SELECT x\r\n", "SELECT\r\n",
                "HELLO 4\r\n", "HELLO x\r\n", "HELLO 3 FOO\r\n",
                "AUTH x\r\n",
                "NOSUCHCMD a b\r\n",
                "GET no-such-key\r\n",
                "PING a b\r\n",
                "*0\r\n*-1\r\n\r\nPING x\r\n",
                "RESET\r\n",
            };
            try (RawClient ours = client(); RawClient theirs = new RawClient(real.port())) {
                for (String req : session) {
                    ours.send(req);
                    theirs.send(req);
                    assertEquals(theirs.reply(), ours.reply(), req);
                }
            }
            for (String[] e : PROTOCOL_ERRORS) {
                try (RawClient ours = client(); RawClient theirs = new RawClient(real.port())) {
                    ours.send(e[0]);
                    theirs.send(e[0]);
                    assertEquals(theirs.reply(), ours.reply(), e[1]);
                }
            }
        }
    }
}
