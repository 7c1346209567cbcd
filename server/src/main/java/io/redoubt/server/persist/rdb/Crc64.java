package io.redoubt.server.persist.rdb;

import io.netty.buffer.ByteBuf;

/**
 * Redis's CRC-64 ("Jones" polynomial 0xad93d23594c935a9, reflected in and out, initial value 0, no final
 * xor): {@code crc64(0, "123456789") = 0xe9c6d914c4b8d9ca}. Slicing-by-8 tables, so a snapshot checksums at
 * several GB/s.
 */
public final class Crc64 {
    private static final long POLY_REFLECTED = Long.reverse(0xad93d23594c935a9L);
    private static final long[][] T = new long[8][256];

    static {
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
            }
            T[0][i] = c;
        }
        for (int t = 1; t < 8; t++) {
            for (int i = 0; i < 256; i++) {
                long prev = T[t - 1][i];
                T[t][i] = (prev >>> 8) ^ T[0][(int) (prev & 0xff)];
            }
        }
    }

    private Crc64() {
    }

    public static long update(long crc, byte[] b, int off, int len) {
        long[] t0 = T[0];
        int end = off + len;
        while (off + 8 <= end) {
            long v = crc ^ ((b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16
                    | (b[off + 3] & 0xffL) << 24 | (b[off + 4] & 0xffL) << 32 | (b[off + 5] & 0xffL) << 40
                    | (b[off + 6] & 0xffL) << 48 | (b[off + 7] & 0xffL) << 56);
            crc = step8(v);
            off += 8;
        }
        while (off < end) {
            crc = t0[(int) ((crc ^ b[off++]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }

    /** Updates over {@code len} readable bytes of {@code buf} from absolute {@code index}. */
    public static long update(long crc, ByteBuf buf, int index, int len) {
        if (buf.hasArray()) {
            return update(crc, buf.array(), buf.arrayOffset() + index, len);
        }
        long[] t0 = T[0];
        int end = index + len;
        while (index + 8 <= end) {
            crc = step8(crc ^ buf.getLongLE(index));
            index += 8;
        }
        while (index < end) {
            crc = t0[(int) ((crc ^ buf.getByte(index++)) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }

    private static long step8(long v) {
        return T[7][(int) (v & 0xff)] ^ T[6][(int) ((v >>> 8) & 0xff)] ^ T[5][(int) ((v >>> 16) & 0xff)]
                ^ T[4][(int) ((v >>> 24) & 0xff)] ^ T[3][(int) ((v >>> 32) & 0xff)]
                ^ T[2][(int) ((v >>> 40) & 0xff)] ^ T[1][(int) ((v >>> 48) & 0xff)] ^ T[0][(int) (v >>> 56)];
    }
}
