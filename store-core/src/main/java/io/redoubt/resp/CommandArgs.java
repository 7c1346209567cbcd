package io.redoubt.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The arguments of one request, as slices of the buffer they arrived in. One instance per connection is
 * reused for every request, so reading arguments allocates nothing unless a method says it copies.
 *
 * <p>Offsets are kept relative to the start of the request, so that the receive buffer may discard the
 * bytes of earlier requests while this one is still arriving.
 */
public final class CommandArgs {
    private ByteBuf buf;
    private int base;
    private int count;
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];

    /** Owned buffer for arguments that cannot be slices of the input: inline requests, rewritten commands. */
    private final ByteBuf scratch = Unpooled.buffer(64);

    public int count() {
        return count;
    }

    public ByteBuf buf() {
        return buf;
    }

    /** Absolute index in {@link #buf()} of argument {@code i}'s first byte. */
    public int offset(int i) {
        return base + offsets[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    public byte byteAt(int i, int position) {
        return buf.getByte(base + offsets[i] + position);
    }

    /** A copy of argument {@code i}. */
    public byte[] bytes(int i) {
        byte[] b = new byte[lengths[i]];
        buf.getBytes(base + offsets[i], b);
        return b;
    }

    /** Argument {@code i} decoded as UTF-8 (a copy). */
    public String string(int i) {
        return buf.toString(base + offsets[i], lengths[i], StandardCharsets.UTF_8);
    }

    /** Compares argument {@code i} with an ASCII word, ignoring case, without allocating. */
    public boolean is(int i, String word) {
        int len = lengths[i];
        if (len != word.length()) {
            return false;
        }
        int at = base + offsets[i];
        for (int k = 0; k < len; k++) {
            int a = buf.getByte(at + k);
            int b = word.charAt(k);
            if (a != b && toLower(a) != toLower(b)) {
                return false;
            }
        }
        return true;
    }

    /** True if argument {@code i} equals argument {@code j} byte for byte. */
    public boolean sameAs(int i, int j) {
        return lengths[i] == lengths[j] && equalBytes(base + offsets[i], base + offsets[j], lengths[i]);
    }

    private boolean equalBytes(int a, int b, int len) {
        for (int k = 0; k < len; k++) {
            if (buf.getByte(a + k) != buf.getByte(b + k)) {
                return false;
            }
        }
        return true;
    }

    private static int toLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /**
     * Parses argument {@code i} as a signed 64-bit decimal the way Redis's {@code string2ll} does (no
     * spaces, no '+', no leading zeros).
     *
     * @throws Numbers.InvalidNumberException (a shared instance) when it is not one
     */
    public long parseLong(int i) {
        return Numbers.parseLong(buf, base + offsets[i], lengths[i]);
    }

    /** Parses argument {@code i} as a double the way Redis's {@code string2d} / {@code strtod} do. */
    public double parseDouble(int i) {
        return Numbers.parseDouble(buf, base + offsets[i], lengths[i]);
    }

    // ------------------------------------------------------------ filling, used by the parser

    void reset(ByteBuf buf, int base) {
        this.buf = buf;
        this.base = base;
        this.count = 0;
    }

    void add(int relativeOffset, int length) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        offsets[count] = relativeOffset;
        lengths[count] = length;
        count++;
    }

    /** Moves the arguments onto a new buffer whose byte {@code newBase} is where the request starts. */
    void rebase(ByteBuf buf, int newBase) {
        this.buf = buf;
        this.base = newBase;
    }

    void ensureCapacity(int n) {
        if (offsets.length < n) {
            int size = Integer.highestOneBit(n - 1) << 1;
            offsets = Arrays.copyOf(offsets, size);
            lengths = Arrays.copyOf(lengths, size);
        }
    }

    // ------------------------------------------------------------ building, for rewritten commands

    /** Replaces the arguments by the given ones, copied into the scratch buffer. */
    public CommandArgs set(byte[]... args) {
        scratch.clear();
        reset(scratch, 0);
        for (byte[] a : args) {
            int at = scratch.writerIndex();
            scratch.writeBytes(a);
            add(at, a.length);
        }
        return this;
    }

    ByteBuf scratch() {
        return scratch;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append('"').append(string(i)).append('"');
        }
        return sb.append(']').toString();
    }
}
