package io.redoubt.resp;

import io.netty.buffer.ByteBuf;

/**
 * Resumable parser of client requests: RESP multi-bulk arrays and inline commands, with Redis's limits
 * and error messages.
 *
 * <p>{@link #parse} is given the connection's receive buffer, whose reader index stays at the start of the
 * request being parsed until that request is complete; it returns {@code true} when {@link CommandArgs}
 * holds a whole request and advances the reader index past it. When bytes are missing it returns
 * {@code false} and remembers how far it got, so a large request arriving in many reads is scanned once.
 * Argument positions are relative to the request start, so the caller may compact the buffer between
 * calls.
 */
public final class RequestParser {
    /** Longest inline request, and longest count line of a multi-bulk, as Redis's PROTO_INLINE_MAX_SIZE. */
    public static final int INLINE_MAX = 64 * 1024;
    /** Requests of unauthenticated clients are limited, as Redis limits them. */
    private static final int UNAUTHENTICATED_MAX_ARGS = 10;
    private static final int UNAUTHENTICATED_MAX_BULK = 16384;

    private enum State {
        /** Between requests: the next byte says multi-bulk ('*') or inline. */
        START,
        /** Reading bulk headers and bodies; {@link #remaining} arguments to go. */
        BULK_HEADER,
        /** Header read; waiting for {@link #bulkLength} bytes plus CRLF. */
        BULK_BODY
    }

    private State state = State.START;
    private int remaining;
    private int bulkLength;
    /** Where scanning resumes, relative to the request start. */
    private int position;

    private long maxBulkLength = 512L * 1024 * 1024;

    public void maxBulkLength(long max) {
        this.maxBulkLength = max;
    }

    /**
     * Parses at most one request.
     *
     * @param authenticated whether the client may send large requests
     * @return true when {@code args} holds a complete request; requests with no argument (an empty line,
     *         {@code *0}) are skipped and never returned
     * @throws RespProtocolException on malformed input; the connection should be closed after the reply
     */
    public boolean parse(ByteBuf in, CommandArgs args, boolean authenticated) {
        for (;;) {
            int start = in.readerIndex();
            int end = in.writerIndex();
            switch (state) {
                case START -> {
                    if (start == end) {
                        return false;
                    }
                    if (in.getByte(start) == '*') {
                        int eol = in.indexOf(start, end, (byte) '\r');
                        if (eol < 0 || eol + 1 >= end) {
                            if (end - start > INLINE_MAX) {
                                throw new RespProtocolException("Protocol error: too big mbulk count string");
                            }
                            return false;
                        }
                        if (eol - start > INLINE_MAX) {
                            throw new RespProtocolException("Protocol error: too big mbulk count string");
                        }
                        long n = parseHeaderNumber(in, start + 1, eol);
                        if (n == Long.MIN_VALUE || n > Integer.MAX_VALUE) {
                            throw new RespProtocolException("Protocol error: invalid multibulk length");
                        }
                        if (!authenticated && n > UNAUTHENTICATED_MAX_ARGS) {
                            throw new RespProtocolException("Protocol error: unauthenticated multibulk length");
                        }
                        args.reset(in, start);
                        if (n <= 0) {
                            in.readerIndex(eol + 2);
                            continue;
                        }
                        remaining = (int) n;
                        args.ensureCapacity((int) Math.min(n, 1024));
                        position = eol + 2 - start;
                        state = State.BULK_HEADER;
                    } else {
                        if (!parseInline(in, args)) {
                            return false;
                        }
                        if (args.count() > 0) {
                            return true;
                        }
                    }
                }
                case BULK_HEADER -> {
                    int at = start + position;
                    if (at >= end) {
                        return false;
                    }
                    int eol = in.indexOf(at, end, (byte) '\r');
                    if (eol < 0 || eol + 1 >= end) {
                        if (end - at > INLINE_MAX) {
                            throw new RespProtocolException("Protocol error: too big bulk count string");
                        }
                        return false;
                    }
                    if (eol - at > INLINE_MAX) {
                        throw new RespProtocolException("Protocol error: too big bulk count string");
                    }
                    byte marker = in.getByte(at);
                    if (marker != '$') {
                        throw new RespProtocolException("Protocol error: expected '$', got '" + (char) (marker & 0xff) + "'");
                    }
                    long len = parseHeaderNumber(in, at + 1, eol);
                    if (len < 0 || len > maxBulkLength) {
                        throw new RespProtocolException("Protocol error: invalid bulk length");
                    }
                    if (!authenticated && len > UNAUTHENTICATED_MAX_BULK) {
                        throw new RespProtocolException("Protocol error: unauthenticated bulk length");
                    }
                    bulkLength = (int) len;
                    position = eol + 2 - start;
                    state = State.BULK_BODY;
                }
                case BULK_BODY -> {
                    if ((long) end - start - position < (long) bulkLength + 2) {
                        return false;
                    }
                    args.rebase(in, start);
                    args.add(position, bulkLength);
                    position += bulkLength + 2;
                    if (--remaining == 0) {
                        in.readerIndex(start + position);
                        state = State.START;
                        position = 0;
                        return true;
                    }
                    state = State.BULK_HEADER;
                }
            }
        }
    }

    /** Bytes the request being parsed still needs, when known (for sizing the receive buffer). */
    public int bytesWanted() {
        return state == State.BULK_BODY ? bulkLength + 2 : 0;
    }

    /** Where the pending bulk body starts relative to the request start (valid in the body state). */
    public int pendingPosition() {
        return position;
    }

    /** Parses the digits of a header line; Long.MIN_VALUE when not a number. */
    private static long parseHeaderNumber(ByteBuf in, int from, int to) {
        try {
            return Numbers.parseLong(in, from, to - from);
        } catch (Numbers.InvalidNumberException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * Splits one inline line into arguments as Redis's {@code sdssplitargs} does: spaces separate, double
     * quotes allow escapes ({@code \n \r \t \b \a \\ \" \xHH}), single quotes allow only {@code \'}; a
     * closing quote must be followed by a space or the end.
     */
    private boolean parseInline(ByteBuf in, CommandArgs args) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int nl = in.indexOf(start, end, (byte) '\n');
        if (nl < 0) {
            if (end - start > INLINE_MAX) {
                throw new RespProtocolException("Protocol error: too big inline request");
            }
            return false;
        }
        int lineEnd = nl;
        if (lineEnd > start && in.getByte(lineEnd - 1) == '\r') {
            lineEnd--;
        }
        ByteBuf out = args.scratch();
        out.clear();
        args.reset(out, 0);
        int p = start;
        for (;;) {
            while (p < lineEnd && isSpace(in.getByte(p))) {
                p++;
            }
            if (p >= lineEnd) {
                break;
            }
            int argStart = out.writerIndex();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (p >= lineEnd) {
                    if (inDouble || inSingle) {
                        throw new RespProtocolException("Protocol error: unbalanced quotes in request");
                    }
                    break;
                }
                byte c = in.getByte(p);
                if (inDouble) {
                    if (c == '\\' && p + 3 < lineEnd && in.getByte(p + 1) == 'x'
                            && isHex(in.getByte(p + 2)) && isHex(in.getByte(p + 3))) {
                        out.writeByte(hex(in.getByte(p + 2)) * 16 + hex(in.getByte(p + 3)));
                        p += 3;
                    } else if (c == '\\' && p + 1 < lineEnd) {
                        p++;
                        byte e = in.getByte(p);
                        out.writeByte(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> e;
                        });
                    } else if (c == '"') {
                        if (p + 1 < lineEnd && !isSpace(in.getByte(p + 1))) {
                            throw new RespProtocolException("Protocol error: unbalanced quotes in request");
                        }
                        done = true;
                    } else {
                        out.writeByte(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && p + 1 < lineEnd && in.getByte(p + 1) == '\'') {
                        p++;
                        out.writeByte('\'');
                    } else if (c == '\'') {
                        if (p + 1 < lineEnd && !isSpace(in.getByte(p + 1))) {
                            throw new RespProtocolException("Protocol error: unbalanced quotes in request");
                        }
                        done = true;
                    } else {
                        out.writeByte(c);
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> out.writeByte(c);
                    }
                }
                if (p < lineEnd) {
                    p++;
                }
            }
            args.add(argStart, out.writerIndex() - argStart);
        }
        in.readerIndex(nl + 1);
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static int hex(byte b) {
        if (b <= '9') {
            return b - '0';
        }
        return (b | 0x20) - 'a' + 10;
    }
}
