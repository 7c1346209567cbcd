package io.redoubt.server.persist.aof;

import io.redoubt.server.RedoubtServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the append-only log on, writes still allocate nothing per command on the keyspace thread: feeding encodes
 * into the log's reused buffer, and the once-per-batch write (and fsync with {@code always}) is amortised over the
 * batch. Measured as StringHotPathAllocationIT does, against PING.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AofHotPathAllocationIT {
    private static final int BATCH = 2000;
    private static final String MARKER = "end-of-batch";
    private static final byte[] MARKER_REPLY = ("$" + MARKER.length() + "\r\n" + MARKER + "\r\n").getBytes(StandardCharsets.US_ASCII);
    private RedoubtServer server;
    private Socket socket;
    private long loopThread;

    @BeforeAll
    void start() throws IOException {
        server = RedoubtServer.builder().port(0).set("save", "").set("appendonly", "yes").set("appendfsync", "always").start();
        socket = new Socket(server.host(), server.port());
        socket.setSoTimeout(60_000);
        loopThread = server.call(() -> Thread.currentThread().threadId());
    }

    @AfterAll
    void stop() throws IOException {
        socket.close();
        server.close();
    }

    @Test
    void loggedWrites_allocateNoMoreThanPing() throws IOException {
        byte[] ping = batch(i -> new String[] {"PING"});
        double baseline = bytesPerCommand(ping);
        String[][] names = {{"SET"}, {"INCR"}, {"MSET"}};
        byte[][] batches = {
            batch(i -> new String[] {"SET", "key:" + (i & 63), "value-" + i}),
            batch(i -> new String[] {"INCR", "counter:" + (i & 7)}),
            batch(i -> new String[] {"MSET", "key:" + (i & 63), "v" + i, "other:" + (i & 15), "w"}),
        };
        StringBuilder report = new StringBuilder("PING " + baseline);
        boolean ok = true;
        for (int k = 0; k < batches.length; k++) {
            double perCommand = bytesPerCommand(batches[k]);
            report.append(", ").append(names[k][0]).append(' ').append(perCommand);
            ok &= perCommand <= baseline + 2;
        }
        assertTrue(ok, "bytes allocated per command: " + report);
    }

    /** Runs the batch until warm, then returns the lowest allocation per command seen on the keyspace thread. */
    private double bytesPerCommand(byte[] batch) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 40; round++) {
            long before = threads.getThreadAllocatedBytes(loopThread);
            exchange(batch);
            long after = threads.getThreadAllocatedBytes(loopThread);
            best = Math.min(best, (after - before) / (double) BATCH);
        }
        return best;
    }

    /** Sends a pipelined batch, closed by an ECHO of a marker, and reads until the marker's reply. */
    private void exchange(byte[] batch) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(batch);
        out.flush();
        byte[] buf = new byte[65536];
        int matched = 0;
        while (matched < MARKER_REPLY.length) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("closed");
            }
            for (int i = 0; i < n; i++) {
                // The reply's first byte, '$', occurs nowhere else in it, so restarting on it is exact.
                matched = buf[i] == MARKER_REPLY[matched] ? matched + 1 : buf[i] == MARKER_REPLY[0] ? 1 : 0;
                if (matched == MARKER_REPLY.length && i != n - 1) {
                    throw new IOException("bytes after the marker");
                }
            }
        }
    }

    private interface Command {
        String[] at(int i);
    }

    private static byte[] batch(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < BATCH; i++) {
            String[] args = command.at(i);
            out.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.US_ASCII);
                out.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(b);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.writeBytes(("*2\r\n$4\r\nECHO\r\n$" + MARKER.length() + "\r\n" + MARKER + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
