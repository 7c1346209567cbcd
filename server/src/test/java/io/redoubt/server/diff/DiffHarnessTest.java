package io.redoubt.server.diff;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The differential test's own parts: line splitting and the raw reply reader. */
class DiffHarnessTest {

    @Test
    void split_handlesQuotesAndEscapes() {
        List<byte[]> args = CommandLine.split("SET  \"a b\" '\\x00' \"\\x00\\xff\\r\\n\\\"\" plain");
        assertEquals(5, args.size());
        assertArrayEquals("a b".getBytes(StandardCharsets.US_ASCII), args.get(1));
        assertArrayEquals("\\x00".getBytes(StandardCharsets.US_ASCII), args.get(2));
        assertArrayEquals(new byte[] {0, (byte) 0xff, '\r', '\n', '"'}, args.get(3));
        assertArrayEquals(new byte[0], CommandLine.split("GET \"\"").get(1));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.split("GET \"open"));
    }

    @Test
    void reader_parsesEveryReplyType() throws Exception {
        String replies = "+OK\r\n-ERR bad\r\n:-42\r\n$3\r\na\r\n\r\n$-1\r\n*-1\r\n*2\r\n:1\r\n$0\r\n\r\n"
                + "%1\r\n+k\r\n,1.5\r\n~1\r\n_\r\n#t\r\n=7\r\ntxt:abc\r\n(123\r\n";
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().readNBytes(14);
                    out.write(replies.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    s.getInputStream().read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (RespClient c = new RespClient("127.0.0.1", listener.getLocalPort())) {
                assertEquals(new RespValue.Simple("OK"), c.call("PING"));
                assertEquals(new RespValue.Error("ERR bad"), c.read());
                assertEquals(new RespValue.Int(-42), c.read());
                assertEquals(new RespValue.Bulk("a\r\n".getBytes(StandardCharsets.US_ASCII)), c.read());
                assertEquals(new RespValue.Bulk(null), c.read());
                assertEquals(new RespValue.Array('*', null), c.read());
                assertEquals(new RespValue.Array('*', List.of(new RespValue.Int(1), new RespValue.Bulk(new byte[0]))), c.read());
                assertEquals(new RespValue.Array('%', List.of(new RespValue.Simple("k"), new RespValue.Other(',', "1.5"))), c.read());
                assertEquals(new RespValue.Array('~', List.of(new RespValue.Other('_', ""))), c.read());
                assertEquals(new RespValue.Other('#', "t"), c.read());
                assertEquals(new RespValue.Other('=', "txt:abc"), c.read());
                assertEquals(new RespValue.Other('(', "123"), c.read());
            }
            server.join();
        }
    }

    @Test
    void values_keepTheirType() {
        assertNotEquals(new RespValue.Simple("OK"), new RespValue.Bulk("OK".getBytes(StandardCharsets.US_ASCII)));
        assertNotEquals(new RespValue.Int(1), new RespValue.Bulk("1".getBytes(StandardCharsets.US_ASCII)));
        assertNotEquals(new RespValue.Bulk(null), new RespValue.Array('*', null));
    }
}
