package io.redoubt.server.persist.rdb;

import io.netty.buffer.ByteBuf;

/**
 * Redis's listpack, as written inside RDB strings (hash, zset and quicklist-2 nodes).
 *
 * <pre>
 * total-bytes u32 LE | num-elements u16 LE (65535 = too many to count) | entry* | 0xFF
 * entry = encoding [data] backlen
 *   0xxxxxxx              7-bit unsigned int
 *   10xxxxxx + n          string of up to 63 bytes
 *   110xxxxx yyyyyyyy     13-bit signed int
 *   1110xxxx yyyyyyyy + n string of up to 4095 bytes
 *   11110000 u32 LE + n   longer string
 *   0xF1/0xF2/0xF3/0xF4   16/24/32/64-bit signed int, LE
 * backlen = length of encoding+data, 7 bits per byte, most significant first, all but the first with bit 7 set
 * </pre>
 * Strings that are integers in canonical form are stored as integers, as Redis's {@code lpEncodeGetType}.
 */
final class Listpack {
    static final int HEADER_SIZE = 6;
    static final int EOF = 0xFF;

    private Listpack() {
    }

    /** Reserves the header at {@code out}'s writer index; returns the listpack's start index. */
    static int begin(ByteBuf out) {
        int start = out.writerIndex();
        out.writeZero(HEADER_SIZE);
        return start;
    }

    /** Writes the terminator and the header of the listpack begun at {@code start} with {@code count} entries. */
    static void finish(ByteBuf out, int start, int count) {
        out.writeByte(EOF);
        out.setIntLE(start, out.writerIndex() - start);
        out.setShortLE(start + 4, Math.min(count, 65535));
    }

    static void append(ByteBuf out, byte[] s) {
        if (s.length > 0 && s.length < 21 && isCanonicalLong(s)) {
            appendLong(out, parseCanonicalLong(s));
        } else {
            appendString(out, s, s.length);
        }
    }

    static void appendString(ByteBuf out, byte[] s, int len) {
        int encLen;
        if (len < 64) {
            out.writeByte(0x80 | len);
            encLen = 1 + len;
        } else if (len < 4096) {
            out.writeByte(0xE0 | (len >>> 8));
            out.writeByte(len & 0xff);
            encLen = 2 + len;
        } else {
            out.writeByte(0xF0);
            out.writeIntLE(len);
            encLen = 5 + len;
        }
        out.writeBytes(s, 0, len);
        writeBacklen(out, encLen);
    }

    static void appendLong(ByteBuf out, long v) {
        int encLen;
        if (v >= 0 && v <= 127) {
            out.writeByte((int) v);
            encLen = 1;
        } else if (v >= -4096 && v <= 4095) {
            int u = (int) (v < 0 ? (1 << 13) + v : v);
            out.writeByte(0xC0 | (u >>> 8));
            out.writeByte(u & 0xff);
            encLen = 2;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            out.writeByte(0xF1);
            out.writeShortLE((int) v);
            encLen = 3;
        } else if (v >= -8388608 && v <= 8388607) {
            out.writeByte(0xF2);
            out.writeMediumLE((int) v);
            encLen = 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.writeByte(0xF3);
            out.writeIntLE((int) v);
            encLen = 5;
        } else {
            out.writeByte(0xF4);
            out.writeLongLE(v);
            encLen = 9;
        }
        writeBacklen(out, encLen);
    }

    /** Bytes {@link #append} uses for {@code s}. */
    static int entrySize(byte[] s) {
        int enc;
        if (s.length > 0 && s.length < 21 && isCanonicalLong(s)) {
            long v = parseCanonicalLong(s);
            enc = v >= 0 && v <= 127 ? 1 : v >= -4096 && v <= 4095 ? 2 : v >= Short.MIN_VALUE && v <= Short.MAX_VALUE ? 3
                    : v >= -8388608 && v <= 8388607 ? 4 : v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? 5 : 9;
        } else {
            enc = s.length < 64 ? 1 + s.length : s.length < 4096 ? 2 + s.length : 5 + s.length;
        }
        return enc + backlenSize(enc);
    }

    private static int backlenSize(int l) {
        return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    }

    private static void writeBacklen(ByteBuf out, int l) {
        int n = backlenSize(l);
        for (int i = n - 1; i >= 0; i--) {
            int b = (l >>> (7 * i)) & 127;
            out.writeByte(i == n - 1 ? b : b | 128);
        }
    }

    // Redis's string2ll accepts exactly what SetValue.isCanonicalLong does.
    static boolean isCanonicalLong(byte[] s) {
        return io.redoubt.server.types.SetValue.isCanonicalLong(s);
    }

    static long parseCanonicalLong(byte[] s) {
        return io.redoubt.server.types.SetValue.parseCanonicalLong(s);
    }

    // ------------------------------------------------------------------ reading

    /** Receives the entries of a listpack, in order: a string, or an integer (when {@code s} is null). */
    interface EntryConsumer {
        void accept(byte[] s, long v) throws RdbFormatException;
    }

    /**
     * Walks every entry of the listpack {@code lp}, validating the header, every encoding, every back-length
     * and the terminator against the blob's bounds.
     *
     * @return the number of entries
     */
    static int read(byte[] lp, RdbErrors err, EntryConsumer consumer) throws RdbFormatException {
        int n = lp.length;
        if (n < HEADER_SIZE + 1) {
            throw err.error("listpack shorter than its header");
        }
        long total = (lp[0] & 0xffL) | (lp[1] & 0xffL) << 8 | (lp[2] & 0xffL) << 16 | (lp[3] & 0xffL) << 24;
        if (total != n) {
            throw err.error("listpack total bytes " + total + " differ from its blob length " + n);
        }
        int declared = (lp[4] & 0xff) | (lp[5] & 0xff) << 8;
        int p = HEADER_SIZE;
        int count = 0;
        while (true) {
            if (p >= n) {
                throw err.error("listpack without terminator");
            }
            int b = lp[p] & 0xff;
            if (b == EOF) {
                p++;
                break;
            }
            int start = p;
            byte[] s = null;
            long v = 0;
            if ((b & 0x80) == 0) {
                v = b;
                p += 1;
            } else if ((b & 0xC0) == 0x80) {
                int len = b & 0x3F;
                s = slice(lp, p + 1, len, err);
                p += 1 + len;
            } else if ((b & 0xE0) == 0xC0) {
                need(lp, p, 2, err);
                int u = ((b & 0x1F) << 8) | (lp[p + 1] & 0xff);
                v = u >= (1 << 12) ? u - (1 << 13) : u;
                p += 2;
            } else if ((b & 0xF0) == 0xE0) {
                need(lp, p, 2, err);
                int len = ((b & 0x0F) << 8) | (lp[p + 1] & 0xff);
                s = slice(lp, p + 2, len, err);
                p += 2 + len;
            } else if (b == 0xF0) {
                need(lp, p, 5, err);
                long len = (lp[p + 1] & 0xffL) | (lp[p + 2] & 0xffL) << 8 | (lp[p + 3] & 0xffL) << 16 | (lp[p + 4] & 0xffL) << 24;
                if (len > n) {
                    throw err.error("listpack string longer than the listpack");
                }
                s = slice(lp, p + 5, (int) len, err);
                p += 5 + (int) len;
            } else if (b == 0xF1) {
                need(lp, p, 3, err);
                v = (short) ((lp[p + 1] & 0xff) | (lp[p + 2] & 0xff) << 8);
                p += 3;
            } else if (b == 0xF2) {
                need(lp, p, 4, err);
                v = ((lp[p + 1] & 0xff) | (lp[p + 2] & 0xff) << 8 | (lp[p + 3] & 0xff) << 16) << 8 >> 8;
                p += 4;
            } else if (b == 0xF3) {
                need(lp, p, 5, err);
                v = (lp[p + 1] & 0xff) | (lp[p + 2] & 0xff) << 8 | (lp[p + 3] & 0xff) << 16 | (lp[p + 4] & 0xff) << 24;
                p += 5;
            } else if (b == 0xF4) {
                need(lp, p, 9, err);
                long x = 0;
                for (int i = 8; i >= 1; i--) {
                    x = (x << 8) | (lp[p + i] & 0xffL);
                }
                v = x;
                p += 9;
            } else {
                throw err.error("listpack entry with invalid encoding 0x" + Integer.toHexString(b));
            }
            int encLen = p - start;
            int bl = backlenSize(encLen);
            need(lp, p, bl, err);
            for (int i = 0; i < bl; i++) {
                int expect = (encLen >>> (7 * (bl - 1 - i))) & 127;
                if (i != 0) {
                    expect |= 128;
                }
                if ((lp[p + i] & 0xff) != expect) {
                    throw err.error("listpack entry with a wrong back-length");
                }
            }
            p += bl;
            count++;
            consumer.accept(s, v);
        }
        if (p != n) {
            throw err.error("listpack with bytes after its terminator");
        }
        if (declared != 65535 && declared != count) {
            throw err.error("listpack declares " + declared + " entries but holds " + count);
        }
        return count;
    }

    private static void need(byte[] lp, int p, int len, RdbErrors err) throws RdbFormatException {
        if (p + len > lp.length - 1) {
            throw err.error("listpack entry runs past the end");
        }
    }

    private static byte[] slice(byte[] lp, int from, int len, RdbErrors err) throws RdbFormatException {
        if (from + len > lp.length - 1) {
            throw err.error("listpack entry runs past the end");
        }
        return java.util.Arrays.copyOfRange(lp, from, from + len);
    }
}
