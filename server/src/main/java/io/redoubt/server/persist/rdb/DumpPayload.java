package io.redoubt.server.persist.rdb;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.redoubt.server.types.EncodingLimits;

/**
 * DUMP/RESTORE's serialized value: the RDB type byte and value, then the RDB version (2 bytes LE) and the
 * CRC-64 (8 bytes LE) of everything before it.
 *
 * <pre>
 * ----------------+---------------------+---------------+
 * ... RDB payload | 2 bytes RDB version | 8 bytes CRC64 |
 * ----------------+---------------------+---------------+
 * </pre>
 * We write version 10 (Redis 7.0 refuses newer payloads) and accept any version up to 12.
 */
public final class DumpPayload {
    private static final int FOOTER = 10;

    private DumpPayload() {
    }

    /**
     * The payload of a value.
     *
     * @param type a {@link io.redoubt.store.ValueType} code
     * @param value a byte[] for a string, else the collection value
     */
    public static byte[] create(int type, Object value, boolean compression, int listNodeFill) {
        RdbWriter w = new RdbWriter(chunk -> {
            throw new IllegalStateException("a payload is never emitted");
        }, UnpooledByteBufAllocator.DEFAULT).compression(compression).listNodeFill(listNodeFill);
        try {
            w.typeAndValue(type, value);
            ByteBuf b = w.buffered();
            b.writeShortLE(RdbFormat.WRITE_VERSION);
            long crc = Crc64.update(0, b, b.readerIndex(), b.readableBytes());
            b.writeLongLE(crc);
            return ByteBufUtil.getBytes(b);
        } finally {
            w.release();
        }
    }

    /** Whether the footer holds a version we read and a matching checksum (Redis's verifyDumpPayload). */
    public static boolean verify(byte[] payload) {
        int len = payload.length;
        if (len < FOOTER) {
            return false;
        }
        int version = (payload[len - 10] & 0xff) | (payload[len - 9] & 0xff) << 8;
        if (version > RdbFormat.MAX_READ_VERSION) {
            return false;
        }
        long crc = Crc64.update(0, payload, 0, len - 8);
        long stored = 0;
        for (int i = 0; i < 8; i++) {
            stored |= (payload[len - 8 + i] & 0xffL) << (8 * i);
        }
        return crc == stored;
    }

    /** A value decoded from a payload: its {@link io.redoubt.store.ValueType} and a byte[] or collection. */
    public record Value(int type, Object value) {
    }

    /**
     * Decodes a payload {@link #verify} accepted.
     *
     * @throws RdbFormatException when the body is malformed, of an unsupported type, or an empty collection
     */
    public static Value decode(byte[] payload, EncodingLimits limits) throws RdbFormatException {
        int len = payload.length;
        int version = (payload[len - 10] & 0xff) | (payload[len - 9] & 0xff) << 8;
        int[] type = new int[1];
        Object v = new RdbReader(limits).readPayloadValue(payload, len - FOOTER, version, type);
        if (v == null) {
            throw new RdbFormatException("DUMP payload", 0, "empty collection");
        }
        return new Value(type[0], v);
    }
}
