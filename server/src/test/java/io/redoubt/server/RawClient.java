package io.redoubt.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A test client on a plain socket that sends raw bytes and reads back whole RESP replies as their exact
 * bytes, so tests can compare replies byte for byte (with each other, or with a real redis-server).
 */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public RawClient send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends a command as a RESP multi-bulk array. */
    public RawClient command(String... args) throws IOException {
        return send(encode(args));
    }

    public static byte[] encode(String... args) {
        StringBuilder sb = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a command and returns its reply as text (ISO-8859-1, CRLFs kept). */
    public String call(String... args) throws IOException {
        command(args);
        return reply();
    }

    /** Reads one whole reply, nested aggregates included, and returns its bytes as text. */
    public String reply() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        readValue(buf);
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private void readValue(ByteArrayOutputStream buf) throws IOException {
        String line = readLine(buf);
        char type = line.charAt(0);
        switch (type) {
            case '+', '-', ':', '_', ',', '#', '(' -> {
            }
            case '$', '=', '!' -> {
                int len = Integer.parseInt(line.substring(1));
                if (len >= 0) {
                    buf.write(in.readNBytes(len + 2));
                }
            }
            case '*', '~', '>' -> {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < n; i++) {
                    readValue(buf);
                }
            }
            case '%', '|' -> {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < 2 * n; i++) {
                    readValue(buf);
                }
            }
            default -> throw new IOException("not a RESP reply: " + line);
        }
    }

    private String readLine(ByteArrayOutputStream buf) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (;;) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + buf.toString(StandardCharsets.ISO_8859_1) + sb);
            }
            buf.write(b);
            if (b == '\n' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
                return sb.substring(0, sb.length() - 1);
            }
            sb.append((char) b);
        }
    }

    /** True when the server closed the connection (end of stream), waiting up to the socket timeout. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    public void timeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
