package io.redoubt.server.commands;

import io.redoubt.server.RedoubtServer;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * One embedded server per test class, emptied before every test, with Jedis over a socket. Commands are
 * sent by name ({@link #cmd}) so that replies are seen as Redis writes them, not as Jedis converts them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StringsTestSupport {
    static final int TIMEOUT_MS = 60_000;
    RedoubtServer server;
    Jedis jedis;

    @BeforeAll
    void startServer() throws IOException {
        server = RedoubtServer.builder().port(0).set("save", "").start();
        // A generous timeout: a loaded build machine can stall a reply for seconds, which is not a failure here.
        jedis = new Jedis(server.host(), server.port(), TIMEOUT_MS);
    }

    @AfterAll
    void stopServer() {
        if (jedis != null) {
            jedis.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyKeyspace() {
        server.call(() -> {
            for (int i = 0; i < server.internals().keyspace().count(); i++) {
                server.internals().keyspace().db(i).clear();
            }
            return null;
        });
    }

    /**
     * Sends a command; bulk and status replies come back as ISO-8859-1 strings (byte for byte), integers as
     * Long, arrays as lists, nulls as null.
     */
    Object cmd(String... args) {
        byte[][] rest = new byte[args.length - 1][];
        for (int i = 1; i < args.length; i++) {
            rest[i - 1] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return decode(jedis.sendCommand(command(args[0]), rest));
    }

    /** Sends a command that must fail; returns the error text. */
    String err(String... args) {
        return assertThrows(JedisDataException.class, () -> cmd(args)).getMessage();
    }

    void assertReply(Object expected, String... args) {
        assertEquals(expected, cmd(args), () -> String.join(" ", args));
    }

    void assertError(String expected, String... args) {
        assertEquals(expected, err(args), () -> String.join(" ", args));
    }

    private static ProtocolCommand command(String name) {
        byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
        return () -> raw;
    }

    private static Object decode(Object reply) {
        if (reply instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        if (reply instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(decode(o));
            }
            return out;
        }
        return reply;
    }

    // ------------------------------------------------------------------ direct keyspace access

    /** Stores a key of another type than string (no hash commands are needed to test WRONGTYPE). */
    void putHash(String key) {
        server.call(() -> server.internals().keyspace().db(0)
                .putObject(key.getBytes(StandardCharsets.ISO_8859_1), ValueType.HASH, new Object(), Database.NO_EXPIRY));
    }

    /** The key's absolute expiry in unix ms, {@link Database#NO_EXPIRY} without one, null when absent. */
    Long expireAt(String key) {
        return server.call(() -> {
            Database db = server.internals().keyspace().db(0);
            long ref = db.find(key.getBytes(StandardCharsets.ISO_8859_1));
            return ref == Database.NONE ? null : db.expireAt(ref);
        });
    }

    boolean exists(String key) {
        return expireAt(key) != null;
    }

    long dirty() {
        return server.call(() -> server.internals().dirty());
    }

    // ------------------------------------------------------------------ raw RESP, for RESP3 replies

    /** Sends commands over a new connection and returns each reply's raw RESP text. */
    List<String> raw(String[]... commands) throws IOException {
        try (Socket s = new Socket(server.host(), server.port())) {
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            List<String> replies = new ArrayList<>();
            for (String[] c : commands) {
                ByteArrayOutputStream req = new ByteArrayOutputStream();
                req.writeBytes(("*" + c.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                for (String arg : c) {
                    byte[] b = arg.getBytes(StandardCharsets.ISO_8859_1);
                    req.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    req.writeBytes(b);
                    req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write(req.toByteArray());
                out.flush();
                StringBuilder reply = new StringBuilder();
                readReply(in, reply);
                replies.add(reply.toString());
            }
            return replies;
        }
    }

    private static void readReply(InputStream in, StringBuilder sb) throws IOException {
        String line = readLine(in);
        sb.append(line).append("\r\n");
        char type = line.charAt(0);
        switch (type) {
            case '$', '=', '!' -> {
                int n = Integer.parseInt(line.substring(1));
                if (n >= 0) {
                    sb.append(new String(in.readNBytes(n + 2), StandardCharsets.ISO_8859_1));
                }
            }
            case '*', '~', '>', '%' -> {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < (type == '%' ? 2 * n : n); i++) {
                    readReply(in, sb);
                }
            }
            default -> {
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            sb.append((char) b);
        }
        in.read();
        return sb.toString();
    }
}
