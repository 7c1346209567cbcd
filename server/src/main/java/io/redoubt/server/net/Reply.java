package io.redoubt.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.redoubt.resp.Numbers;
import io.redoubt.resp.RespEncoder;
import io.redoubt.store.Database;

import java.nio.charset.StandardCharsets;

/**
 * Writes replies into a connection's output buffer in the client's protocol (RESP2 or RESP3). Replies of
 * a whole read batch accumulate here and are flushed to the socket once.
 *
 * <p>Aggregates whose length is known only at the end (KEYS, SCAN) are written with
 * {@link #beginDeferred()} / {@link #endDeferredArray(int)}.
 */
public final class Reply {
    private static final int CRLF = RespEncoder.CRLF;
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUEUED = "+QUEUED\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_ARRAY = "*0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO = ":0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONE = ":1\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteBufAllocator allocator;
    private ByteBuf out;
    private ByteBuf parked;
    private int protocol = 2;
    /** False while CLIENT REPLY OFF/SKIP silences the client: replies are dropped. */
    private boolean enabled = true;
    private ErrorListener errorListener;

    /** Told of every error reply, for INFO errorstats and failed-call counts. */
    public interface ErrorListener {
        void onError(String message);
    }

    public Reply(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    public void errorListener(ErrorListener listener) {
        this.errorListener = listener;
    }

    public int protocol() {
        return protocol;
    }

    public void protocol(int version) {
        this.protocol = version;
    }

    public boolean resp3() {
        return protocol == 3;
    }

    public void enabled(boolean on) {
        this.enabled = on;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Starts a message the client gets even under CLIENT REPLY OFF or SKIP, as Redis 7.2 writes Pub/Sub
     * messages and (un)subscribe confirmations (its CLIENT_PUSHING flag).
     *
     * @return the state to give back to {@link #endPush(boolean)}
     */
    public boolean beginPush() {
        boolean was = enabled;
        enabled = true;
        return was;
    }

    public void endPush(boolean wasEnabled) {
        enabled = wasEnabled;
    }

    /** The buffer replies are written to; allocated on first use after each {@link #take()}. */
    public ByteBuf buffer() {
        ByteBuf b = out;
        if (b == null) {
            b = out = allocator.ioBuffer(256);
        }
        return b;
    }

    /** Hands over what has been written, leaving the writer empty; null when nothing was written. */
    public ByteBuf take() {
        ByteBuf b = out;
        out = null;
        return b;
    }

    /** Capacity of the buffer being filled, 0 when none is allocated. */
    public int bufferCapacity() {
        return out == null ? 0 : out.capacity();
    }

    public int pendingBytes() {
        return out == null ? 0 : out.readableBytes();
    }

    public void release() {
        if (out != null) {
            out.release();
            out = null;
        }
        if (parked != null) {
            parked.release();
            parked = null;
        }
    }

    // ------------------------------------------------------------------ simple values

    public void ok() {
        raw(OK);
    }

    public void pong() {
        raw(PONG);
    }

    public void queued() {
        raw(QUEUED);
    }

    public void raw(byte[] bytes) {
        if (enabled) {
            buffer().writeBytes(bytes);
        }
    }

    /** A status reply ("+text"). */
    public void simple(String text) {
        if (enabled) {
            ByteBuf b = buffer();
            b.writeByte('+');
            b.writeCharSequence(text, StandardCharsets.UTF_8);
            b.writeShort(CRLF);
        }
    }

    /**
     * An error reply. {@code message} starts with the error code ("ERR ...", "WRONGTYPE ..."); a message
     * without a code gets "ERR ". Line breaks are replaced by spaces, as Redis does.
     */
    public void error(String message) {
        if (message.isEmpty() || !Character.isUpperCase(message.charAt(0)) || codeLength(message) < 0) {
            message = "ERR " + message;
        }
        if (message.indexOf('\r') >= 0 || message.indexOf('\n') >= 0) {
            message = message.replace('\r', ' ').replace('\n', ' ');
        }
        if (errorListener != null) {
            errorListener.onError(message);
        }
        if (enabled) {
            ByteBuf b = buffer();
            b.writeByte('-');
            b.writeCharSequence(message, StandardCharsets.UTF_8);
            b.writeShort(CRLF);
        }
    }

    /** Length of the upper-case code word that starts an error message, or -1 when there is none. */
    public static int codeLength(String message) {
        int i = 0;
        while (i < message.length()) {
            char c = message.charAt(i);
            if (c == ' ') {
                return i;
            }
            if (!(Character.isUpperCase(c) || Character.isDigit(c) || c == '_' || c == '-')) {
                return -1;
            }
            i++;
        }
        return i;
    }

    public void integer(long v) {
        if (!enabled) {
            return;
        }
        if (v == 0) {
            buffer().writeBytes(ZERO);
        } else if (v == 1) {
            buffer().writeBytes(ONE);
        } else {
            ByteBuf b = buffer();
            b.writeByte(':');
            Numbers.writeLong(b, v);
            b.writeShort(CRLF);
        }
    }

    /** A boolean: RESP3 {@code #t}/{@code #f}, RESP2 the integer 1 or 0. */
    public void bool(boolean v) {
        if (protocol == 3) {
            if (enabled) {
                buffer().writeByte('#').writeByte(v ? 't' : 'f').writeShort(CRLF);
            }
        } else {
            integer(v ? 1 : 0);
        }
    }

    /** A double: RESP3 {@code ,}; RESP2 a bulk string, both formatted as Redis formats them. */
    public void dbl(double d) {
        String s = Numbers.formatDouble(d);
        if (protocol == 3) {
            if (enabled) {
                ByteBuf b = buffer();
                b.writeByte(',');
                b.writeCharSequence(s, StandardCharsets.US_ASCII);
                b.writeShort(CRLF);
            }
        } else {
            bulk(s);
        }
    }

    // ------------------------------------------------------------------ bulk strings

    public void bulk(ByteBuf src, int index, int length) {
        if (enabled) {
            RespEncoder.writeBulk(buffer(), src, index, length);
        }
    }

    public void bulk(byte[] bytes) {
        if (enabled) {
            RespEncoder.writeBulk(buffer(), bytes);
        }
    }

    public void bulk(String s) {
        if (enabled) {
            bulk(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A number as a bulk string (GET of an integer, INCRBYFLOAT…). */
    public void bulkLong(long v) {
        if (enabled) {
            ByteBuf b = buffer();
            b.writeByte('$');
            Numbers.writeLong(b, Numbers.digits(v));
            b.writeShort(CRLF);
            Numbers.writeLong(b, v);
            b.writeShort(CRLF);
        }
    }

    /** A string value of the store as a bulk string, copied straight from off-heap memory. */
    public void bulkValue(Database db, long ref) {
        bulkValue(db, ref, 0, db.valueLength(ref));
    }

    public void bulkValue(Database db, long ref, int from, int length) {
        if (enabled) {
            ByteBuf b = buffer();
            b.writeByte('$');
            Numbers.writeLong(b, length);
            b.writeShort(CRLF);
            db.copyValue(ref, from, b, length);
            b.writeShort(CRLF);
        }
    }

    /** A key of the store as a bulk string. */
    public void bulkKey(Database db, long ref) {
        if (enabled) {
            ByteBuf b = buffer();
            b.writeByte('$');
            Numbers.writeLong(b, db.keyLength(ref));
            b.writeShort(CRLF);
            db.copyKey(ref, b);
            b.writeShort(CRLF);
        }
    }

    /** RESP3 verbatim string ({@code =len\r\ntxt:...}); a bulk string in RESP2. */
    public void verbatim(String text) {
        if (protocol != 3) {
            bulk(text);
            return;
        }
        if (enabled) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ByteBuf b = buffer();
            b.writeByte('=');
            Numbers.writeLong(b, bytes.length + 4);
            b.writeShort(CRLF);
            b.writeCharSequence("txt:", StandardCharsets.US_ASCII);
            b.writeBytes(bytes);
            b.writeShort(CRLF);
        }
    }

    /** The null bulk string: RESP2 {@code $-1}, RESP3 {@code _}. */
    public void nullBulk() {
        raw(protocol == 3 ? NULL3 : NULL_BULK);
    }

    /** The null array: RESP2 {@code *-1}, RESP3 {@code _}. */
    public void nullArray() {
        raw(protocol == 3 ? NULL3 : NULL_ARRAY);
    }

    // ------------------------------------------------------------------ aggregates

    public void array(int count) {
        if (count == 0) {
            raw(EMPTY_ARRAY);
        } else {
            header('*', count);
        }
    }

    /** A map of {@code pairs} key/value pairs: RESP3 {@code %}, RESP2 an array of 2×pairs. */
    public void map(int pairs) {
        if (protocol == 3) {
            header('%', pairs);
        } else {
            array(pairs * 2);
        }
    }

    /** A set: RESP3 {@code ~}, RESP2 an array. */
    public void set(int count) {
        header(protocol == 3 ? '~' : '*', count);
    }

    /** An out-of-band push: RESP3 {@code >}, RESP2 an array. */
    public void push(int count) {
        header(protocol == 3 ? '>' : '*', count);
    }

    /** RESP3 attribute-free bare header writer. */
    private void header(char type, int count) {
        if (enabled) {
            ByteBuf b = buffer();
            b.writeByte(type);
            Numbers.writeLong(b, count);
            b.writeShort(CRLF);
        }
    }

    /**
     * Starts an aggregate whose element count is not known yet: elements written until
     * {@link #endDeferredArray} go to a side buffer and are appended after the header. Not nestable.
     */
    public void beginDeferred() {
        if (parked != null) {
            throw new IllegalStateException("deferred replies do not nest");
        }
        parked = buffer();
        out = allocator.ioBuffer(256);
    }

    public void endDeferredArray(int count) {
        endDeferred('*', count);
    }

    public void endDeferredMap(int pairs) {
        if (protocol == 3) {
            endDeferred('%', pairs);
        } else {
            endDeferred('*', pairs * 2);
        }
    }

    public void endDeferredSet(int count) {
        endDeferred(protocol == 3 ? '~' : '*', count);
    }

    private void endDeferred(char type, int count) {
        ByteBuf elements = out;
        out = parked;
        parked = null;
        header(type, count);
        if (enabled) {
            out.writeBytes(elements);
        }
        elements.release();
    }
}
