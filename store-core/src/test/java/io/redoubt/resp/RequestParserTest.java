package io.redoubt.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestParserTest {
    /** Requests of every shape, one after the other, and the arguments each must give. */
    private static final String STREAM = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nv\r\nxy\r\n"
            + "*1\r\n$0\r\n\r\n"
            + "*0\r\n"
            + "*-1\r\n"
            + "PING\r\n"
            + "\r\n"
            + "  set  \"a b\\x41\\n\\\"\"   'it\\'s'  \t c\r\n"
            + "echo \"\"\n"
            + "*2\r\n$4\r\nECHO\r\n$12\r\n0123456789ab\r\n";
    private static final List<List<String>> EXPECTED = List.of(
            List.of("SET", "k", "v\r\nxy"),
            List.of(""),
            List.of("PING"),
            List.of("set", "a bA\n\"", "it's", "c"),
            List.of("echo", ""),
            List.of("ECHO", "0123456789ab"));

    /** Feeds bytes to a parser the way a connection does: appended to a buffer, parsed until incomplete. */
    private static final class Feeder {
        final RequestParser parser = new RequestParser();
        final CommandArgs args = new CommandArgs();
        final ByteBuf buf;
        final List<List<String>> requests = new ArrayList<>();
        boolean authenticated = true;

        Feeder(ByteBuf buf) {
            this.buf = buf;
        }

        Feeder() {
            this(Unpooled.buffer());
        }

        void feed(byte[] bytes, int from, int to) {
            buf.writeBytes(bytes, from, to - from);
            while (parser.parse(buf, args, authenticated)) {
                List<String> req = new ArrayList<>();
                for (int i = 0; i < args.count(); i++) {
                    req.add(new String(args.bytes(i), StandardCharsets.ISO_8859_1));
                }
                requests.add(req);
            }
            // Positions are relative to the request start, so earlier bytes may be dropped at any time.
            buf.discardReadBytes();
        }

        void feed(String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            feed(b, 0, b.length);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void parse_wholeStream() {
        Feeder f = new Feeder();
        f.feed(STREAM);
        assertEquals(EXPECTED, f.requests);
        assertFalse(f.buf.isReadable());
    }

    @Test
    void parse_byteByByte() {
        byte[] b = bytes(STREAM);
        Feeder f = new Feeder();
        for (int i = 0; i < b.length; i++) {
            f.feed(b, i, i + 1);
        }
        assertEquals(EXPECTED, f.requests);
    }

    @Test
    void parse_everyTwoWaySplit() {
        byte[] b = bytes(STREAM);
        for (int split = 0; split <= b.length; split++) {
            Feeder f = new Feeder();
            f.feed(b, 0, split);
            f.feed(b, split, b.length);
            assertEquals(EXPECTED, f.requests, "split at " + split);
        }
    }

    @Test
    void parse_binarySafeBulk() {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes(bytes("*2\r\n$4\r\nECHO\r\n$256\r\n")).writeBytes(value).writeBytes(bytes("\r\n"));
        CommandArgs args = new CommandArgs();
        assertTrue(new RequestParser().parse(buf, args, true));
        assertArrayEquals(value, args.bytes(1));
    }

    // ------------------------------------------------------------------ inline quoting

    private static List<String> inline(String line) {
        Feeder f = new Feeder();
        f.feed(line);
        assertEquals(1, f.requests.size(), line);
        return f.requests.get(0);
    }

    @Test
    void inline_quotesAndEscapes() {
        assertEquals(List.of("a", "b", "c"), inline("a b   c\r\n"));
        assertEquals(List.of("a b", "c"), inline("\"a b\" c\n"));
        assertEquals(List.of("\n\r\t\b\u0007\\x"), inline("\"\\n\\r\\t\\b\\a\\\\\\x\"\n"));
        assertEquals(List.of("\u00ff", "\\xZZ"), inline("\"\\xff\" '\\xZZ'\n"));
        assertEquals(List.of("don't", "\\n"), inline("'don\\'t' '\\n'\n"));
        assertEquals(List.of("ab c"), inline("a\"b c\"\n"));
        assertEquals(List.of(""), inline("''\n"));
    }

    @Test
    void inline_unbalancedQuotes() {
        for (String line : List.of("set \"a\n", "set 'a\n", "set \"a\"b\n", "set 'a'b\n", "\"\\\"\n")) {
            RespProtocolException e = assertThrows(RespProtocolException.class, () -> new Feeder().feed(line), line);
            assertEquals("Protocol error: unbalanced quotes in request", e.getMessage());
        }
    }

    // ------------------------------------------------------------------ limits and errors

    private static String error(String input, boolean authenticated) {
        Feeder f = new Feeder();
        f.authenticated = authenticated;
        return assertThrows(RespProtocolException.class, () -> f.feed(input), input).getMessage();
    }

    private static String error(String input) {
        return error(input, true);
    }

    @Test
    void errors_multibulkLength() {
        assertEquals("Protocol error: invalid multibulk length", error("*abc\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*2147483648\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*+1\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*01\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*\r\n"));
    }

    @Test
    void errors_bulkLength() {
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$abc\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$-1\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$536870913\r\n"));
        RequestParser p = new RequestParser();
        p.maxBulkLength(10);
        CommandArgs args = new CommandArgs();
        assertTrue(p.parse(Unpooled.copiedBuffer(bytes("*1\r\n$10\r\n0123456789\r\n")), args, true));
        RespProtocolException e = assertThrows(RespProtocolException.class,
                () -> p.parse(Unpooled.copiedBuffer(bytes("*1\r\n$11\r\n")), args, true));
        assertEquals("Protocol error: invalid bulk length", e.getMessage());
    }

    @Test
    void errors_expectedDollar() {
        assertEquals("Protocol error: expected '$', got 'x'", error("*1\r\nx3\r\n"));
        assertEquals("Protocol error: expected '$', got '*'", error("*2\r\n$1\r\na\r\n*1\r\n"));
    }

    @Test
    void errors_tooBigInline() {
        String almost = "a".repeat(RequestParser.INLINE_MAX);
        Feeder f = new Feeder();
        f.feed(almost);
        assertTrue(f.requests.isEmpty(), "64 KB without a newline is still waited for");
        assertEquals("Protocol error: too big inline request", error(almost + "a"));
    }

    @Test
    void errors_tooBigCountStrings() {
        assertEquals("Protocol error: too big mbulk count string", error("*" + "1".repeat(RequestParser.INLINE_MAX + 1)));
        assertEquals("Protocol error: too big bulk count string", error("*1\r\n$" + "1".repeat(RequestParser.INLINE_MAX + 1)));
    }

    @Test
    void errors_unauthenticatedLimits() {
        assertEquals("Protocol error: unauthenticated multibulk length", error("*11\r\n", false));
        assertEquals("Protocol error: unauthenticated bulk length", error("*1\r\n$16385\r\n", false));
        Feeder f = new Feeder();
        f.authenticated = false;
        f.feed("*10\r\n" + "$1\r\na\r\n".repeat(9) + "$16384\r\n" + "x".repeat(16384) + "\r\n");
        assertEquals(1, f.requests.size(), "the limits themselves are allowed");
        f.authenticated = true;
        f.feed("*11\r\n" + "$1\r\na\r\n".repeat(11));
        assertEquals(2, f.requests.size());
    }

    // ------------------------------------------------------------------ no rescans

    /** A heap buffer that counts the bytes the parser looks at. */
    private static final class CountingBuf extends UnpooledHeapByteBuf {
        long inspected;

        CountingBuf(int capacity) {
            super(ByteBufAllocator.DEFAULT, capacity, Integer.MAX_VALUE);
        }

        @Override
        public byte getByte(int index) {
            inspected++;
            return super.getByte(index);
        }

        @Override
        public int indexOf(int fromIndex, int toIndex, byte value) {
            int found = super.indexOf(fromIndex, toIndex, value);
            inspected += (found < 0 ? Math.abs(toIndex - fromIndex) : found - fromIndex + 1);
            return found;
        }
    }

    @Test
    void largeBulkInManyChunks_isScannedOnce() {
        int size = 8 * 1024 * 1024;
        int chunk = 1024;
        CountingBuf buf = new CountingBuf(size + 64);
        RequestParser parser = new RequestParser();
        CommandArgs args = new CommandArgs();
        byte[] header = bytes("*2\r\n$3\r\nSET\r\n$" + size + "\r\n");
        buf.writeBytes(header);
        assertFalse(parser.parse(buf, args, true));
        byte[] piece = new byte[chunk];
        Arrays.fill(piece, (byte) 'v');
        int parses = 0;
        for (int sent = 0; sent < size; sent += chunk) {
            buf.writeBytes(piece);
            assertFalse(parser.parse(buf, args, true));
            parses++;
        }
        buf.writeBytes(bytes("\r\n"));
        assertTrue(parser.parse(buf, args, true));
        assertEquals(size, args.length(1));
        assertTrue(parses > 8000);
        assertTrue(buf.inspected < 1000, "bytes inspected while the body arrived: " + buf.inspected);
    }

    @Test
    void manyArgumentsInManyChunks_scanEachHeaderOnce() {
        int n = 20_000;
        StringBuilder sb = new StringBuilder("*").append(n).append("\r\n");
        for (int i = 0; i < n; i++) {
            sb.append("$5\r\nabcde\r\n");
        }
        byte[] b = bytes(sb.toString());
        CountingBuf buf = new CountingBuf(b.length);
        RequestParser parser = new RequestParser();
        CommandArgs args = new CommandArgs();
        int chunk = 100;
        boolean done = false;
        for (int at = 0; at < b.length; at += chunk) {
            buf.writeBytes(b, at, Math.min(chunk, b.length - at));
            done = parser.parse(buf, args, true);
        }
        assertTrue(done);
        assertEquals(n, args.count());
        assertTrue(buf.inspected < 3L * b.length, "inspected " + buf.inspected + " for " + b.length + " bytes");
    }
}
