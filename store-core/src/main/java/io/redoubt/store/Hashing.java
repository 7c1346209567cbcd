package io.redoubt.store;

import io.netty.buffer.ByteBuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * The key hash: a wyhash-style multiply-fold over 8-byte words, seeded once per process so that clients
 * cannot precompute colliding keys.
 *
 * <p>Keys arrive as {@code byte[]}, as Netty {@link ByteBuf} slices and as off-heap bytes; all three
 * forms read words in the platform's native order (the order of the off-heap pages) and fold the tail
 * byte by byte, so they produce the same hash. Only 32 bits are kept: bucket arrays are limited to
 * 2^27 slots, and the stored 32 bits double as a cheap filter before the key comparison.
 */
final class Hashing {
    static final boolean NATIVE_LE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /** Native-order long view of a byte[]; a static final VarHandle compiles to a plain load, no boxing. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final long SEED = new SplittableRandom().nextLong();
    private static final long P0 = 0xa0761d6478bd642fL;
    private static final long P1 = 0xe7037ed1a0b428dbL;
    private static final long P2 = 0x8ebc6af09c88c6e3L;
    private static final long P3 = 0x589965cc75374cc3L;

    private Hashing() {
    }

    /** wyhash's 128-bit multiply folded to 64 bits: every input bit reaches every output bit. */
    static long mum(long a, long b) {
        return (a * b) ^ Math.unsignedMultiplyHigh(a, b);
    }

    private static int finish(long h, long tail, int length) {
        h = mum(h ^ P2, tail ^ P3 ^ length);
        return (int) (h ^ (h >>> 32));
    }

    static int hash(byte[] key, int offset, int length) {
        long h = SEED ^ (length * P0);
        int i = 0;
        for (; i + 16 <= length; i += 16) {
            h = mum((long) LONGS.get(key, offset + i) ^ P1, (long) LONGS.get(key, offset + i + 8) ^ h);
        }
        if (i + 8 <= length) {
            h = mum((long) LONGS.get(key, offset + i) ^ P1, h ^ P2);
            i += 8;
        }
        long tail = 0;
        for (; i < length; i++) {
            tail = (tail << 8) | (key[offset + i] & 0xFF);
        }
        return finish(h, tail, length);
    }

    static int hash(ByteBuf key, int index, int length) {
        long h = SEED ^ (length * P0);
        int i = 0;
        for (; i + 16 <= length; i += 16) {
            h = mum(word(key, index + i) ^ P1, word(key, index + i + 8) ^ h);
        }
        if (i + 8 <= length) {
            h = mum(word(key, index + i) ^ P1, h ^ P2);
            i += 8;
        }
        long tail = 0;
        for (; i < length; i++) {
            tail = (tail << 8) | (key.getByte(index + i) & 0xFF);
        }
        return finish(h, tail, length);
    }

    /** Hash of key bytes already stored off-heap (used by consistency checks and tests). */
    static int hash(ByteBuffer page, int offset, int length) {
        long h = SEED ^ (length * P0);
        int i = 0;
        for (; i + 16 <= length; i += 16) {
            h = mum(page.getLong(offset + i) ^ P1, page.getLong(offset + i + 8) ^ h);
        }
        if (i + 8 <= length) {
            h = mum(page.getLong(offset + i) ^ P1, h ^ P2);
            i += 8;
        }
        long tail = 0;
        for (; i < length; i++) {
            tail = (tail << 8) | (page.get(offset + i) & 0xFF);
        }
        return finish(h, tail, length);
    }

    /** A native-order word of a ByteBuf (ByteBuf's own getLong is big-endian). */
    static long word(ByteBuf buf, int index) {
        return NATIVE_LE ? buf.getLongLE(index) : buf.getLong(index);
    }
}
