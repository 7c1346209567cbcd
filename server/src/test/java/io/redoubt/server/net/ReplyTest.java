package io.redoubt.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RESP2 and RESP3 encodings of the reply types that differ between the two protocols. */
class ReplyTest {
    private static String write(int protocol, Consumer<Reply> writer) {
        Reply r = new Reply(UnpooledByteBufAllocator.DEFAULT);
        r.protocol(protocol);
        writer.accept(r);
        ByteBuf b = r.take();
        try {
            return b == null ? "" : b.toString(StandardCharsets.ISO_8859_1);
        } finally {
            if (b != null) {
                b.release();
            }
        }
    }

    @Test
    void double_resp3IsCommaType_resp2IsBulk() {
        assertEquals(",1.5\r\n", write(3, r -> r.dbl(1.5)));
        assertEquals("$3\r\n1.5\r\n", write(2, r -> r.dbl(1.5)));
        assertEquals(",inf\r\n", write(3, r -> r.dbl(Double.POSITIVE_INFINITY)));
        assertEquals("$4\r\n-inf\r\n", write(2, r -> r.dbl(Double.NEGATIVE_INFINITY)));
        assertEquals(",10\r\n", write(3, r -> r.dbl(10)));
    }

    @Test
    void null_map_set_bool() {
        assertEquals("_\r\n", write(3, Reply::nullBulk));
        assertEquals("$-1\r\n", write(2, Reply::nullBulk));
        assertEquals("*-1\r\n", write(2, Reply::nullArray));
        assertEquals("%1\r\n$1\r\na\r\n:1\r\n", write(3, r -> {
            r.map(1);
            r.bulk("a");
            r.integer(1);
        }));
        assertEquals("*2\r\n$1\r\na\r\n:1\r\n", write(2, r -> {
            r.map(1);
            r.bulk("a");
            r.integer(1);
        }));
        assertEquals("~0\r\n", write(3, r -> r.set(0)));
        assertEquals("*0\r\n", write(2, r -> r.set(0)));
        assertEquals("#t\r\n", write(3, r -> r.bool(true)));
        assertEquals(":0\r\n", write(2, r -> r.bool(false)));
    }

    @Test
    void error_getsErrPrefixAndNoLineBreaks() {
        assertEquals("-ERR Protocol error: x\r\n", write(2, r -> r.error("Protocol error: x")));
        assertEquals("-WRONGTYPE a  b\r\n", write(2, r -> r.error("WRONGTYPE a\r\nb")));
    }
}
