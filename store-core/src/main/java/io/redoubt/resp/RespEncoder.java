package io.redoubt.resp;

import io.netty.buffer.ByteBuf;

/** Writes commands as RESP arrays of bulk strings: the form of the append-only log and the replication stream. */
public final class RespEncoder {
    private RespEncoder() {
    }

    public static void writeCommand(ByteBuf out, CommandArgs args) {
        writeArrayHeader(out, args.count());
        for (int i = 0; i < args.count(); i++) {
            writeBulk(out, args.buf(), args.offset(i), args.length(i));
        }
    }

    public static void writeCommand(ByteBuf out, byte[]... parts) {
        writeArrayHeader(out, parts.length);
        for (byte[] p : parts) {
            writeBulk(out, p);
        }
    }

    public static void writeArrayHeader(ByteBuf out, int count) {
        out.writeByte('*');
        Numbers.writeLong(out, count);
        out.writeShort(CRLF);
    }

    public static void writeBulk(ByteBuf out, ByteBuf src, int index, int length) {
        out.writeByte('$');
        Numbers.writeLong(out, length);
        out.writeShort(CRLF);
        out.writeBytes(src, index, length);
        out.writeShort(CRLF);
    }

    public static void writeBulk(ByteBuf out, byte[] bytes) {
        out.writeByte('$');
        Numbers.writeLong(out, bytes.length);
        out.writeShort(CRLF);
        out.writeBytes(bytes);
        out.writeShort(CRLF);
    }

    /** "\r\n" as one big-endian short, for {@link ByteBuf#writeShort}. */
    public static final int CRLF = ('\r' << 8) | '\n';
}
