package io.redoubt.server.persist.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Buffered reading of an RDB stream that knows its offset (for error messages), keeps the running CRC-64
 * of what was consumed, and never allocates more than the input can still hold: a length read from a
 * corrupt file is checked against the known remaining size, or, when the size is unknown, the bytes are
 * read in growing steps so that a huge bogus length ends in "unexpected end" rather than an
 * {@link OutOfMemoryError}.
 */
final class RdbInput implements RdbErrors {
    private static final int BUFFER = 64 * 1024;
    private static final int STEP = 1 << 20;

    private final InputStream in;
    private final String source;
    /** Bytes the input holds in total, or -1 when unknown. */
    private final long length;
    private final byte[] buf;
    private int pos;
    private int limit;
    /** Offset of buf[0] in the input. */
    private long base;
    private long crc;
    private int crcPos;
    private boolean eof;

    RdbInput(InputStream in, long length, String source) {
        this.in = in;
        this.length = length;
        this.source = source;
        this.buf = new byte[BUFFER];
    }

    /** An input over a byte array (DUMP payloads). */
    RdbInput(byte[] data, int from, int len, String source) {
        this.in = InputStream.nullInputStream();
        this.length = len;
        this.source = source;
        this.buf = Arrays.copyOfRange(data, from, from + len);
        this.limit = len;
        this.eof = true;
    }

    String source() {
        return source;
    }

    long offset() {
        return base + pos;
    }

    @Override
    public RdbFormatException error(String what) {
        return new RdbFormatException(source, offset(), what);
    }

    RdbFormatException truncated() {
        return error("unexpected end of input");
    }

    /** Bytes certainly left, or Long.MAX_VALUE when the total length is unknown. */
    long remainingBound() {
        return length < 0 ? Long.MAX_VALUE : length - offset();
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        crc = Crc64.update(crc, buf, crcPos, pos - crcPos);
        int keep = limit - pos;
        System.arraycopy(buf, pos, buf, 0, keep);
        base += pos;
        pos = 0;
        crcPos = 0;
        limit = keep;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    int readUnsignedByte() throws IOException, RdbFormatException {
        while (pos >= limit) {
            if (!fill()) {
                throw truncated();
            }
        }
        return buf[pos++] & 0xff;
    }

    /** The next byte without consuming it, or -1 at the end of the input. */
    int peek() throws IOException {
        while (pos >= limit) {
            if (!fill()) {
                return -1;
            }
        }
        return buf[pos] & 0xff;
    }

    void readFully(byte[] dst, int off, int len) throws IOException, RdbFormatException {
        while (len > 0) {
            if (pos >= limit && !fill()) {
                throw truncated();
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Reads {@code len} bytes into a new array, never trusting {@code len} beyond what the input holds. */
    byte[] readBytes(long len) throws IOException, RdbFormatException {
        if (len < 0 || len > remainingBound() || len > Integer.MAX_VALUE - 16) {
            throw error("length " + Long.toUnsignedString(len) + " exceeds the input");
        }
        int n = (int) len;
        if (n <= STEP || length >= 0) {
            byte[] out = new byte[n];
            readFully(out, 0, n);
            return out;
        }
        byte[] out = new byte[STEP];
        int have = 0;
        while (have < n) {
            if (have == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(n, (long) out.length * 2));
            }
            int step = Math.min(out.length - have, n - have);
            readFully(out, have, step);
            have += step;
        }
        return out;
    }

    void skip(long len) throws IOException, RdbFormatException {
        if (len < 0 || len > remainingBound()) {
            throw error("length " + len + " exceeds the input");
        }
        while (len > 0) {
            if (pos >= limit && !fill()) {
                throw truncated();
            }
            int n = (int) Math.min(len, limit - pos);
            pos += n;
            len -= n;
        }
    }

    long readLongLE() throws IOException, RdbFormatException {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) readUnsignedByte() << (8 * i);
        }
        return v;
    }

    int readIntLE() throws IOException, RdbFormatException {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= readUnsignedByte() << (8 * i);
        }
        return v;
    }

    /** The CRC-64 of every byte consumed so far. */
    long crc() {
        crc = Crc64.update(crc, buf, crcPos, pos - crcPos);
        crcPos = pos;
        return crc;
    }

    /** What was read ahead past the current position, followed by the rest of the underlying stream. */
    InputStream remainder() {
        byte[] ahead = Arrays.copyOfRange(buf, pos, limit);
        pos = limit;
        return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(ahead), in);
    }
}
