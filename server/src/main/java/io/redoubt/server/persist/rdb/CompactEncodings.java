package io.redoubt.server.persist.rdb;

import io.redoubt.server.types.EncodingLimits;
import io.redoubt.server.types.HashValue;
import io.redoubt.server.types.SetValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decoders for the compact blobs older Redis versions wrote inside RDB strings: ziplist (lists, hashes,
 * sorted sets up to Redis 6.2), intset (integer sets, still written by 7.x) and zipmap (hashes before 2.6).
 * Each validates the blob against its own bounds as it goes.
 */
final class CompactEncodings {
    private CompactEncodings() {
    }

    /**
     * Ziplist: {@code zlbytes u32 | zltail u32 | zllen u16 | entry* | 0xFF}; entry = prevlen (1 byte, or 0xFE
     * + u32) | encoding | data. Encodings: {@code 00pppppp} / {@code 01pppppp qqqqqqqq} (big-endian) /
     * {@code 0x80 + u32 BE} string lengths; {@code 0xC0} int16, {@code 0xD0} int32, {@code 0xE0} int64,
     * {@code 0xF0} int24, {@code 0xFE} int8 (little-endian); {@code 0xF1..0xFD} the values 0..12.
     */
    static void ziplist(byte[] zl, RdbErrors err, Listpack.EntryConsumer consumer) throws RdbFormatException {
        int n = zl.length;
        if (n < 11) {
            throw err.error("ziplist shorter than its header");
        }
        long total = u32(zl, 0);
        if (total != n) {
            throw err.error("ziplist total bytes " + total + " differ from its blob length " + n);
        }
        long tail = u32(zl, 4);
        int declared = (zl[8] & 0xff) | (zl[9] & 0xff) << 8;
        int p = 10;
        int prevLen = 0;
        int count = 0;
        int lastStart = -1;
        while (true) {
            if (p >= n) {
                throw err.error("ziplist without terminator");
            }
            if ((zl[p] & 0xff) == 0xFF) {
                break;
            }
            int start = p;
            int storedPrev;
            if ((zl[p] & 0xff) < 254) {
                storedPrev = zl[p] & 0xff;
                p += 1;
            } else {
                need(zl, p, 5, err);
                long v = u32(zl, p + 1);
                if (v > n) {
                    throw err.error("ziplist entry with an invalid previous length");
                }
                storedPrev = (int) v;
                p += 5;
            }
            if (storedPrev != prevLen) {
                throw err.error("ziplist entry whose previous length does not match");
            }
            need(zl, p, 1, err);
            int b = zl[p] & 0xff;
            byte[] s = null;
            long v = 0;
            switch (b >>> 6) {
                case 0 -> {
                    int len = b & 0x3F;
                    s = slice(zl, p + 1, len, err);
                    p += 1 + len;
                }
                case 1 -> {
                    need(zl, p, 2, err);
                    int len = ((b & 0x3F) << 8) | (zl[p + 1] & 0xff);
                    s = slice(zl, p + 2, len, err);
                    p += 2 + len;
                }
                case 2 -> {
                    if (b != 0x80) {
                        throw err.error("ziplist entry with invalid encoding 0x" + Integer.toHexString(b));
                    }
                    need(zl, p, 5, err);
                    long len = ((zl[p + 1] & 0xffL) << 24) | ((zl[p + 2] & 0xffL) << 16) | ((zl[p + 3] & 0xffL) << 8) | (zl[p + 4] & 0xffL);
                    if (len > n) {
                        throw err.error("ziplist string longer than the ziplist");
                    }
                    s = slice(zl, p + 5, (int) len, err);
                    p += 5 + (int) len;
                }
                default -> {
                    switch (b) {
                        case 0xC0 -> {
                            need(zl, p, 3, err);
                            v = (short) ((zl[p + 1] & 0xff) | (zl[p + 2] & 0xff) << 8);
                            p += 3;
                        }
                        case 0xD0 -> {
                            need(zl, p, 5, err);
                            v = (int) u32(zl, p + 1);
                            p += 5;
                        }
                        case 0xE0 -> {
                            need(zl, p, 9, err);
                            v = u32(zl, p + 1) | (u32(zl, p + 5) << 32);
                            p += 9;
                        }
                        case 0xF0 -> {
                            need(zl, p, 4, err);
                            v = ((zl[p + 1] & 0xff) | (zl[p + 2] & 0xff) << 8 | (zl[p + 3] & 0xff) << 16) << 8 >> 8;
                            p += 4;
                        }
                        case 0xFE -> {
                            need(zl, p, 2, err);
                            v = zl[p + 1];
                            p += 2;
                        }
                        default -> {
                            if (b >= 0xF1 && b <= 0xFD) {
                                v = (b & 0x0F) - 1;
                                p += 1;
                            } else {
                                throw err.error("ziplist entry with invalid encoding 0x" + Integer.toHexString(b));
                            }
                        }
                    }
                }
            }
            if (p > n - 1) {
                throw err.error("ziplist entry runs past the end");
            }
            prevLen = p - start;
            lastStart = start;
            count++;
            consumer.accept(s, v);
        }
        if (p != n - 1) {
            throw err.error("ziplist with bytes after its terminator");
        }
        if (count > 0 ? tail != lastStart : tail != 10) {
            throw err.error("ziplist tail offset does not match its last entry");
        }
        if (declared != 65535 && declared != count) {
            throw err.error("ziplist declares " + declared + " entries but holds " + count);
        }
    }

    /** Intset: {@code encoding u32 (2, 4 or 8) | length u32 | values LE, strictly ascending}. */
    static SetValue intsetToSet(byte[] is, RdbErrors err, EncodingLimits limits) throws RdbFormatException {
        if (is.length < 8) {
            throw err.error("intset shorter than its header");
        }
        long enc = u32(is, 0);
        long len = u32(is, 4);
        if (enc != 2 && enc != 4 && enc != 8) {
            throw err.error("intset with invalid encoding " + enc);
        }
        if (8 + enc * len != is.length) {
            throw err.error("intset length " + len + " does not match its blob");
        }
        if (len == 0) {
            return null;
        }
        SetValue s = SetValue.empty(limits);
        s.prepareFor(len);
        long prev = 0;
        for (int i = 0; i < len; i++) {
            int p = 8 + i * (int) enc;
            long v = switch ((int) enc) {
                case 2 -> (short) ((is[p] & 0xff) | (is[p + 1] & 0xff) << 8);
                case 4 -> (int) u32(is, p);
                default -> u32(is, p) | (u32(is, p + 4) << 32);
            };
            if (i > 0 && v <= prev) {
                throw err.error("intset not strictly ascending");
            }
            prev = v;
            s.add(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
        }
        return s;
    }

    /**
     * Zipmap (Redis before 2.6): {@code zmlen u8 | (len key len free value free-bytes)* | 0xFF}; a length is
     * one byte below 254, or 254 then u32 LE.
     */
    static HashValue zipmapToHash(byte[] zm, RdbErrors err, EncodingLimits limits) throws RdbFormatException {
        int n = zm.length;
        if (n < 2) {
            throw err.error("zipmap shorter than its header");
        }
        HashValue h = HashValue.empty(limits);
        int p = 1;
        while (true) {
            if (p >= n) {
                throw err.error("zipmap without terminator");
            }
            if ((zm[p] & 0xff) == 0xFF) {
                break;
            }
            int[] at = {p};
            int klen = zipmapLength(zm, at, err);
            byte[] key = slice(zm, at[0], klen, err);
            at[0] += klen;
            int vlen = zipmapLength(zm, at, err);
            need(zm, at[0], 1, err);
            int free = zm[at[0]] & 0xff;
            at[0]++;
            byte[] value = slice(zm, at[0], vlen, err);
            p = at[0] + vlen + free;
            if (!h.put(key, value)) {
                throw err.error("duplicate hash field in zipmap");
            }
        }
        if (p != n - 1) {
            throw err.error("zipmap with bytes after its terminator");
        }
        return h.size() == 0 ? null : h;
    }

    private static int zipmapLength(byte[] zm, int[] at, RdbErrors err) throws RdbFormatException {
        int p = at[0];
        need(zm, p, 1, err);
        int b = zm[p] & 0xff;
        if (b < 254) {
            at[0] = p + 1;
            return b;
        }
        if (b == 254) {
            need(zm, p, 5, err);
            long v = u32(zm, p + 1);
            if (v > zm.length) {
                throw err.error("zipmap length exceeds the zipmap");
            }
            at[0] = p + 5;
            return (int) v;
        }
        throw err.error("zipmap entry with invalid length");
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
    }

    private static void need(byte[] b, int p, int len, RdbErrors err) throws RdbFormatException {
        if (p + len > b.length - 1) {
            throw err.error("entry runs past the end of its blob");
        }
    }

    private static byte[] slice(byte[] b, int from, int len, RdbErrors err) throws RdbFormatException {
        if (len < 0 || from + len > b.length - 1) {
            throw err.error("entry runs past the end of its blob");
        }
        return Arrays.copyOfRange(b, from, from + len);
    }
}
