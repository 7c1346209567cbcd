package io.redoubt.server;

import io.redoubt.server.command.CommandSpec;
import io.redoubt.server.config.ConfigFile;
import io.redoubt.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigCommandsIT {
    @TempDir
    Path tmp;

    /** Generous: the build machine may be heavily loaded, and Jedis's 2 s default then fails spuriously. */
    private static final int TIMEOUT_MS = 30_000;

    private RedoubtServer server;
    private Jedis jedis;

    private Jedis start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
        jedis = new Jedis(server.host(), server.port(), TIMEOUT_MS);
        return jedis;
    }

    @AfterEach
    void stop() {
        if (jedis != null) {
            jedis.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void get_exactPatternsAndSeveralAtOnce() throws Exception {
        Jedis j = start();
        assertEquals(Map.of("maxmemory", "0"), j.configGet("maxmemory"));
        Map<String, String> m = j.configGet("maxmemory*", "hz", "port");
        assertEquals("noeviction", m.get("maxmemory-policy"));
        assertEquals("5", m.get("maxmemory-samples"));
        assertEquals("0", m.get("maxmemory-clients"));
        assertEquals("10", m.get("hz"));
        // The port as configured: 0 asked for any free one.
        assertEquals("0", m.get("port"));
        assertEquals("", j.configGet("save").get("save"));
        // Aliases match patterns under their own names; hidden directives only by exact name.
        assertEquals("yes", j.configGet("slave-read*").get("slave-read-only"));
        assertFalse(j.configGet("*").containsKey("key-load-delay"));
        assertEquals("0", j.configGet("key-load-delay").get("key-load-delay"));
        assertEquals(Map.of(), j.configGet("no-such-*"));
        assertTrue(j.configGet("*").size() > 190);
    }

    @Test
    void get_isAMapInResp3() throws Exception {
        start();
        try (Jedis j3 = new Jedis(new HostAndPort(server.host(), server.port()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).socketTimeoutMillis(TIMEOUT_MS).build())) {
            Object reply = j3.sendCommand(Protocol.Command.CONFIG, "GET", "hz", "timeout");
            assertTrue(reply instanceof List<?> || reply instanceof Map<?, ?>, String.valueOf(reply));
            assertEquals(Map.of("hz", "10", "timeout", "0"), j3.configGet("hz", "timeout"));
        }
    }

    @Test
    void set_severalAtOnce_andUnits() throws Exception {
        Jedis j = start();
        assertEquals("OK", j.configSet("maxmemory", "1gb", "timeout", "30", "save", "3600 1 300 100"));
        assertEquals("1073741824", j.configGet("maxmemory").get("maxmemory"));
        assertEquals("30", j.configGet("timeout").get("timeout"));
        assertEquals("3600 1 300 100", j.configGet("save").get("save"));
        assertEquals("OK", j.configSet("maxmemory-clients", "10%"));
        assertEquals("10%", j.configGet("maxmemory-clients").get("maxmemory-clients"));
    }

    @Test
    void set_failureLeavesNothingChanged() throws Exception {
        Jedis j = start();
        JedisDataException e = assertThrows(JedisDataException.class, () -> j.configSet("timeout", "30", "hz", "abc"));
        assertEquals("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer", e.getMessage());
        assertEquals("0", j.configGet("timeout").get("timeout"));
        e = assertThrows(JedisDataException.class, () -> j.configSet("timeout", "30", "port", "7000"));
        assertEquals("ERR CONFIG SET failed (possibly related to argument 'port') - can't set immutable config", e.getMessage());
        e = assertThrows(JedisDataException.class, () -> j.configSet("timeout", "30", "foo", "1"));
        assertEquals("ERR Unknown option or number of arguments for CONFIG SET - 'foo'", e.getMessage());
        assertEquals("0", j.configGet("timeout").get("timeout"));
        e = assertThrows(JedisDataException.class, () -> j.sendCommand(Protocol.Command.CONFIG, "SET", "timeout"));
        assertEquals("ERR wrong number of arguments for 'config|set' command", e.getMessage());
        e = assertThrows(JedisDataException.class, () -> j.sendCommand(Protocol.Command.CONFIG, "SET", "timeout", "1", "hz"));
        assertEquals("ERR syntax error", e.getMessage());
    }

    @Test
    void set_takesEffect() throws Exception {
        Jedis j = start();
        j.configSet("requirepass", "secret");
        try (Jedis other = new Jedis(server.host(), server.port(), TIMEOUT_MS)) {
            JedisDataException e = assertThrows(JedisDataException.class, other::ping);
            assertTrue(e.getMessage().startsWith("NOAUTH"), e.getMessage());
            other.auth("secret");
            assertEquals("PONG", other.ping());
            other.configSet("requirepass", "");
        }
        assertEquals("OK", j.configSet("proto-max-bulk-len", "1mb"));
        // Only the header of a too-long bulk is sent: the server must refuse it before any payload.
        try (java.net.Socket s = new java.net.Socket(server.host(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("*2\r\n$4\r\necho\r\n$1048600\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream())).readLine();
            assertTrue(reply.contains("invalid bulk length"), reply);
        }
        j.configSet("proto-max-bulk-len", "2mb");
        try (java.net.Socket s = new java.net.Socket(server.host(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("*2\r\n$4\r\necho\r\n$1048600\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().write(new byte[1048600]);
            s.getOutputStream().write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream())).readLine();
            assertEquals("$1048600", reply);
        }
    }

    @Test
    void set_timeoutClosesIdleClients() throws Exception {
        Jedis j = start();
        j.configSet("timeout", "1");
        try (java.net.Socket idle = new java.net.Socket(server.host(), server.port())) {
            // The read ends when the server closes the idle connection; the socket timeout is only a deadline.
            idle.setSoTimeout(30_000);
            assertEquals(-1, idle.getInputStream().read());
        }
    }

    @Test
    void resetStat_clearsCountersButNotTheSlowLog() throws Exception {
        Jedis j = start();
        j.configSet("slowlog-log-slower-than", "0");
        for (int i = 0; i < 5; i++) {
            j.ping();
        }
        assertThrows(JedisDataException.class, () -> j.sendCommand(Protocol.Command.CONFIG, "SET", "nope", "1"));
        assertTrue(server.call(() -> server.internals().commands().find("ping").calls) >= 5);
        assertEquals("OK", j.configResetStat());
        assertEquals(0L, (long) server.call(() -> server.internals().commands().find("ping").calls));
        assertEquals(0L, (long) server.call(() -> server.internals().commands().find("ping").latency.getTotalCount()));
        CommandSpec configSet = server.call(() -> server.internals().commands().find("config").subcommands().get("set"));
        assertEquals(0L, (long) server.call(() -> configSet.failedCalls));
        assertEquals(0L, (long) server.call(() -> server.internals().stats().totalErrorReplies));
        assertTrue(server.call(() -> server.internals().stats().errorsByCode.isEmpty()));
        assertTrue(server.call(() -> server.internals().dispatcher().slowLog().size()) > 0);
    }

    @Test
    void set_passwordsNeverReachTheSlowLog() throws Exception {
        Jedis j = start();
        j.configSet("slowlog-log-slower-than", "0");
        j.configSet("masterauth", "hunter2", "timeout", "0");
        byte[][] logged = server.call(() -> {
            for (var it = server.internals().dispatcher().slowLog().newestFirst(); it.hasNext(); ) {
                var e = it.next();
                if (e.args().length == 6) {
                    return e.args();
                }
            }
            return null;
        });
        assertEquals("(redacted)", new String(logged[3], java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("0", new String(logged[5], java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void rewrite_withoutConfigFile() throws Exception {
        Jedis j = start();
        JedisDataException e = assertThrows(JedisDataException.class, j::configRewrite);
        assertEquals("ERR The server is running without a config file", e.getMessage());
    }

    @Test
    void rewrite_roundTripKeepsComments() throws Exception {
        Path conf = tmp.resolve("redis.conf");
        Files.writeString(conf, """
                # Redoubt test configuration
                port 0
                bind 127.0.0.1

                # Memory
                maxmemory 100mb
                maxmemory-policy allkeys-lru

                # Snapshots
                save 900 1
                save 300 10
                timeout 10
                timeout 20
                slave-read-only yes
                """);
        server = RedoubtServer.builder().configFile(conf).start();
        jedis = new Jedis(server.host(), server.port(), TIMEOUT_MS);
        assertEquals("20", jedis.configGet("timeout").get("timeout"));
        jedis.configSet("maxmemory", "200mb", "save", "60 5", "hz", "20", "replica-read-only", "no", "requirepass", "p w\"x");
        jedis.auth("p w\"x");
        assertEquals("OK", jedis.configRewrite());

        String text = Files.readString(conf);
        assertTrue(text.startsWith("# Redoubt test configuration\nport 0\nbind 127.0.0.1\n\n# Memory\nmaxmemory 200mb\n"
                + "maxmemory-policy allkeys-lru\n\n# Snapshots\nsave 60 5\n"), text);
        assertTrue(text.contains("\ntimeout 20\n"), text);
        assertFalse(text.contains("timeout 10"), text);
        assertFalse(text.contains("save 300 10"), text);
        assertTrue(text.contains("\nreplica-read-only no\n"), text);
        assertFalse(text.contains("slave-read-only"), text);
        int signature = text.indexOf("# Generated by CONFIG REWRITE\n");
        assertTrue(signature > 0, text);
        assertTrue(text.indexOf("\nhz 20\n") > signature, text);
        assertTrue(text.contains("\nrequirepass \"p w\\\"x\"\n"), text);

        ServerConfig reread = new ServerConfig();
        ConfigFile.load(conf, reread);
        assertEquals("209715200", reread.get("maxmemory"));
        assertEquals("60 5", reread.get("save"));
        assertEquals("20", reread.get("hz"));
        assertEquals("20", reread.get("timeout"));
        assertEquals("no", reread.get("replica-read-only"));
        assertEquals("p w\"x", reread.get("requirepass"));
        assertEquals("allkeys-lru", reread.get("maxmemory-policy"));

        // A second rewrite with nothing changed leaves the file as it is.
        assertEquals("OK", jedis.configRewrite());
        assertEquals(text, Files.readString(conf));
    }

    @Test
    void help_andUnknownSubcommand() throws Exception {
        Jedis j = start();
        Object help = j.sendCommand(Protocol.Command.CONFIG, "HELP");
        assertEquals(11, ((List<?>) help).size());
        JedisDataException e = assertThrows(JedisDataException.class, () -> j.sendCommand(Protocol.Command.CONFIG, "FOO"));
        assertEquals("ERR unknown subcommand 'FOO'. Try CONFIG HELP.", e.getMessage());
    }
}
