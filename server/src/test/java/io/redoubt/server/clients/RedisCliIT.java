package io.redoubt.server.clients;

import io.redoubt.server.testutil.TargetServer;
import io.redoubt.server.testutil.ProcessRun;
import io.redoubt.server.testutil.Programs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real {@code redis-cli} against an embedded server; skipped where redis-cli is not installed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisCliIT {
    private Path cli;
    private TargetServer server;

    @BeforeAll
    void start() throws IOException {
        cli = Programs.require("redis-cli", "redis-tools");
        server = TargetServer.start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ProcessRun cli(byte[] stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(cli.toString(), "-h", server.host(), "-p", Integer.toString(server.port())));
        cmd.addAll(List.of(args));
        return ProcessRun.run(cmd, stdin, 60);
    }

    @Test
    void ping_set_get() throws IOException {
        assertEquals("PONG\n", cli(null, "PING").stdout());
        assertEquals("OK\n", cli(null, "SET", "cli:k", "hello world").stdout());
        assertEquals("hello world\n", cli(null, "GET", "cli:k").stdout());
        assertEquals("\n", cli(null, "GET", "cli:missing").stdout());
    }

    @Test
    void formatted_output_with_no_raw() throws IOException {
        // The value goes in through Jedis: a non-ASCII command-line argument would depend on the JVM's locale.
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.set("fmt:s".getBytes(StandardCharsets.US_ASCII), new byte[] {'a', '"', 'b', (byte) 0xc3, (byte) 0xa9});
        }
        cli(null, "SET", "fmt:n", "41");
        assertEquals("\"a\\\"b\\xc3\\xa9\"\n", cli(null, "--no-raw", "GET", "fmt:s").stdout());
        assertEquals("(integer) 42\n", cli(null, "--no-raw", "INCR", "fmt:n").stdout());
        assertEquals("(nil)\n", cli(null, "--no-raw", "GET", "fmt:missing").stdout());
        assertEquals("OK\n", cli(null, "--no-raw", "SET", "fmt:x", "1").stdout());
        assertEquals("(error) ERR value is not an integer or out of range\n",
                cli(null, "--no-raw", "INCR", "fmt:s").stdout());
        assertEquals("1) \"1\"\n2) (nil)\n", cli(null, "--no-raw", "MGET", "fmt:x", "fmt:missing").stdout());
    }

    @Test
    void commands_from_stdin() throws IOException {
        ProcessRun run = cli("SET in:a 1\nINCR in:a\nGET in:a\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("OK\n2\n2\n", run.stdout(), run.toString());
    }

    @Test
    void pipe_mode_loads_a_generated_file() throws IOException {
        int n = 20_000;
        ByteArrayOutputStream protocol = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            String key = "pipe:" + i;
            String value = "value-" + i;
            protocol.writeBytes(("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + value.length()
                    + "\r\n" + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        ProcessRun run = cli(protocol.toByteArray(), "--pipe");
        assertEquals(0, run.exitCode(), run.toString());
        String all = run.stdout() + run.stderr();
        assertTrue(all.contains("errors: 0, replies: " + n), run.toString());
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            assertEquals("value-0", jedis.get("pipe:0"));
            assertEquals("value-" + (n - 1), jedis.get("pipe:" + (n - 1)));
        }
    }
}
