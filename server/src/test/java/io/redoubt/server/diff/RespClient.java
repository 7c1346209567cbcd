package io.redoubt.server.diff;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw-socket client that writes commands as RESP arrays of bulk strings and reads each reply byte for byte
 * into a {@link RespValue}, with no client library in between to hide differences.
 */
final class RespClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RespClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(15_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    RespValue call(List<byte[]> args) throws IOException {
        send(args);
        return read();
    }

    RespValue call(String... args) throws IOException {
        List<byte[]> parts = new ArrayList<>(args.length);
        for (String a : args) {
            parts.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return call(parts);
    }

    void send(List<byte[]> args) throws IOException {
        write(args);
        out.flush();
    }

    /** Writes several commands in one go, as a pipelining client does; read their replies with {@link #read()}. */
    void sendAll(List<List<byte[]>> commands) throws IOException {
        for (List<byte[]> args : commands) {
            write(args);
        }
        out.flush();
    }

    private void write(List<byte[]> args) throws IOException {
        out.write(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            out.write(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(a);
            out.write('\r');
            out.write('\n');
        }
    }

    RespValue read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        String line = line();
        switch (type) {
            case '+':
                return new RespValue.Simple(line);
            case '-':
                return new RespValue.Error(line);
            case ':':
                return new RespValue.Int(Long.parseLong(line));
            case '$': {
                int n = Integer.parseInt(line);
                return new RespValue.Bulk(n < 0 ? null : bytes(n));
            }
            case '=': {
                return new RespValue.Other('=', new String(bytes(Integer.parseInt(line)), StandardCharsets.ISO_8859_1));
            }
            case '*', '~', '>': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return new RespValue.Array((char) type, null);
                }
                List<RespValue> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                return new RespValue.Array((char) type, items);
            }
            case '%': {
                int n = Integer.parseInt(line);
                List<RespValue> items = new ArrayList<>(2 * n);
                for (int i = 0; i < 2 * n; i++) {
                    items.add(read());
                }
                return new RespValue.Array('%', items);
            }
            case '_', ',', '#', '(':
                return new RespValue.Other((char) type, line);
            default:
                throw new IOException("not a RESP reply type: '" + (char) type + "' followed by " + line);
        }
    }

    private byte[] bytes(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("truncated bulk reply");
        }
        return b;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(16);
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException("connection closed inside a reply");
            }
            b.write(c);
        }
        if (in.read() != '\n') {
            throw new IOException("reply line not terminated by CRLF");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
