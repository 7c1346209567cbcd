package io.redoubt.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The socket-less client the command-path benchmark drives. */
class DetachedClientTest {

    private static ByteBuf requests(String resp) {
        return Unpooled.copiedBuffer(resp, StandardCharsets.US_ASCII);
    }

    @Test
    void execute_runsPipelinedRequestsAndKeepsReplies() {
        DetachedClient c = DetachedClient.create();
        try {
            ByteBuf in = requests("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nabc\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*2\r\n$3\r\nGET\r\n$1\r\nx\r\n");
            assertEquals(3, c.execute(in));
            assertEquals("+OK\r\n$3\r\nabc\r\n$-1\r\n", c.replies().toString(StandardCharsets.US_ASCII));
            c.clearReplies();
            assertEquals(0, c.replies().readableBytes());
            in.release();
        } finally {
            c.close();
        }
    }

    @Test
    void execute_leavesAnIncompleteRequestUnread() {
        DetachedClient c = DetachedClient.create();
        try {
            ByteBuf in = requests("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*2\r\n$3\r\nGE");
            assertEquals(1, c.execute(in));
            assertEquals("$-1\r\n", c.replies().toString(StandardCharsets.US_ASCII));
            in.release();
        } finally {
            c.close();
        }
    }
}
