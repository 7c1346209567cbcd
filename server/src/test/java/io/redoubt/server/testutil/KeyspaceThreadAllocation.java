package io.redoubt.server.testutil;

import io.redoubt.server.RedoubtServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * Measures what commands allocate on a server's keyspace thread: pipelined batches over one connection, read
 * with the thread's allocation counter. Tests compare a command's figure with PING's, whatever the network
 * layer allocates per read being the same for both.
 */
public final class KeyspaceThreadAllocation implements AutoCloseable {
    public static final int BATCH = 2000;
    private static final String MARKER = "end-of-batch";
    private static final byte[] MARKER_REPLY = ("$" + MARKER.length() + "\r\n" + MARKER + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final long loopThread;

    public KeyspaceThreadAllocation(RedoubtServer server) throws IOException {
        socket = new Socket(server.host(), server.port());
        socket.setSoTimeout(60_000);
        loopThread = server.call(() -> Thread.currentThread().threadId());
    }

    /** Runs the batch until warm, then returns the lowest allocation per command seen on the keyspace thread. */
    public double bytesPerCommand(byte[] batch) throws IOException {
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

    /** {@link #BATCH} commands, the i-th given by {@code command}, closed by an ECHO of a marker. */
    public static byte[] batch(IntFunction<String[]> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < BATCH; i++) {
            String[] args = command.apply(i);
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

    /** Sends a pipelined batch and reads until the marker's reply. */
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
