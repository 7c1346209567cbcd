package io.redoubt.server.persist.rdb;

/**
 * LZF, the compression RDB strings use (Marc Lehmann's format, as Redis's {@code lzf_c.c}/{@code lzf_d.c}).
 *
 * <p>The stream is a sequence of runs: a control byte below 32 is followed by {@code ctrl + 1} literal bytes;
 * otherwise its top 3 bits are a match length − 2 (7 means "add the next byte"), its low 5 bits the high
 * bits of a back offset − 1 whose low byte follows. Matches are 3..264 bytes, offsets up to 8 KB.
 * The compressor is a single-probe hash of the next three bytes, as LZF's; its output need not equal
 * Redis's byte for byte, only decode to the same string.
 */
public final class Lzf {
    private static final int HASH_LOG = 14;
    private static final int MAX_LITERAL = 32;
    private static final int MAX_OFFSET = 1 << 13;
    private static final int MAX_MATCH = 264;

    private Lzf() {
    }

    /**
     * A reusable compressor. Its hash table is never cleared: each call stores positions offset by a base that
     * grows with every input, so entries left by earlier calls read as empty (and output stays deterministic)
     * without the cost of clearing 64 KB per string.
     */
    public static final class Compressor {
        private final int[] table = new int[1 << HASH_LOG];
        private int base;

        /**
         * Compresses {@code in[o, o + inLen)} into {@code out}, using at most {@code outLimit} bytes.
         *
         * @return the compressed length, or 0 when it would not fit in {@code outLimit}
         */
        public int compress(byte[] in, int o, int inLen, byte[] out, int outLimit) {
            if (base > Integer.MAX_VALUE - inLen - 2) {
                java.util.Arrays.fill(table, 0);
                base = 0;
            }
            int n = Lzf.compress(in, o, inLen, out, outLimit, table, base);
            base += inLen + 1;
            return n;
        }
    }

    /** Positions are stored in {@code table} as {@code base + position + 1}; smaller values are stale. */
    private static int compress(byte[] in, int o, int inLen, byte[] out, int outLimit, int[] table, int base) {
        if (inLen == 0 || outLimit < 2) {
            return 0;
        }
        int ip = 0;
        int op = 1; // out[0] is reserved for the length of the first literal run
        int lit = 0;
        while (ip + 2 < inLen) {
            int h = hash(in, o + ip);
            int ref = table[h] - base - 1;
            table[h] = base + ip + 1;
            int off;
            if (ref >= 0 && (off = ip - ref - 1) < MAX_OFFSET
                    && in[o + ref] == in[o + ip] && in[o + ref + 1] == in[o + ip + 1] && in[o + ref + 2] == in[o + ip + 2]) {
                int len = 3;
                int max = Math.min(MAX_MATCH, inLen - ip);
                while (len < max && in[o + ref + len] == in[o + ip + len]) {
                    len++;
                }
                if (op + 4 > outLimit) {
                    return 0;
                }
                if (lit > 0) {
                    out[op - lit - 1] = (byte) (lit - 1);
                } else {
                    op--; // drop the reserved literal byte: no literals before this match
                }
                int l = len - 2;
                if (l < 7) {
                    out[op++] = (byte) ((off >>> 8) + (l << 5));
                } else {
                    out[op++] = (byte) ((off >>> 8) + (7 << 5));
                    out[op++] = (byte) (l - 7);
                }
                out[op++] = (byte) off;
                op++; // reserve the next literal run's length byte
                lit = 0;
                ip += len;
                if (ip + 2 < inLen) {
                    // Index the positions just before ip so that runs right after a match can match too.
                    table[hash(in, o + ip - 1)] = base + ip;
                }
            } else {
                if (op >= outLimit) {
                    return 0;
                }
                out[op++] = in[o + ip++];
                if (++lit == MAX_LITERAL) {
                    out[op - lit - 1] = (byte) (MAX_LITERAL - 1);
                    lit = 0;
                    op++;
                }
            }
        }
        while (ip < inLen) {
            if (op >= outLimit) {
                return 0;
            }
            out[op++] = in[o + ip++];
            if (++lit == MAX_LITERAL) {
                out[op - lit - 1] = (byte) (MAX_LITERAL - 1);
                lit = 0;
                op++;
            }
        }
        if (lit > 0) {
            out[op - lit - 1] = (byte) (lit - 1);
        } else {
            op--;
        }
        return op > outLimit ? 0 : op;
    }

    private static int hash(byte[] in, int p) {
        int v = ((in[p] & 0xff) << 16) | ((in[p + 1] & 0xff) << 8) | (in[p + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_LOG);
    }

    /**
     * Decompresses {@code in[off, off + len)} into exactly {@code out.length} bytes.
     *
     * @return false when the input is malformed or does not yield exactly {@code out.length} bytes
     */
    public static boolean decompress(byte[] in, int off, int len, byte[] out) {
        int ip = off;
        int end = off + len;
        int op = 0;
        int outLen = out.length;
        while (ip < end) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int n = ctrl + 1;
                if (op + n > outLen || ip + n > end) {
                    return false;
                }
                System.arraycopy(in, ip, out, op, n);
                ip += n;
                op += n;
            } else {
                int n = ctrl >>> 5;
                if (n == 7) {
                    if (ip >= end) {
                        return false;
                    }
                    n += in[ip++] & 0xff;
                }
                if (ip >= end) {
                    return false;
                }
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                n += 2;
                if (ref < 0 || op + n > outLen) {
                    return false;
                }
                for (int i = 0; i < n; i++) {
                    out[op++] = out[ref++];
                }
            }
        }
        return op == outLen;
    }
}
