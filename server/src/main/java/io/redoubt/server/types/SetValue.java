package io.redoubt.server.types;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A set, in one of Redis 7.2's three encodings and converting between them as Redis does:
 * <ul>
 * <li>"intset": every member an integer in canonical form that fits 64 bits, a sorted {@code long[]}, while
 * there are at most {@code set-max-intset-entries};</li>
 * <li>"listpack": small sets with other members, in insertion order (a removal keeps the others' order),
 * at most {@code set-max-listpack-entries} members of at most {@code set-max-listpack-value} bytes;</li>
 * <li>"hashtable": a {@link MemberHashSet}.</li>
 * </ul>
 * An intset gaining a non-integer becomes a listpack if the result would fit one (judging the integers by
 * their longest decimal form, as Redis does), otherwise a hashtable; an intset with too many integers
 * becomes a hashtable; a listpack past its limits becomes a hashtable. Nothing converts back, except
 * that the commands building a new set (SINTERSTORE, SPOP's rebuild…) choose the new set's encoding.
 *
 * <p>Members are never changed in place, so arrays of members are shared freely between copies.
 */
public final class SetValue implements MemberRemoval {
    private static final int INTSET = 0;
    private static final int LISTPACK = 1;
    private static final int HASHTABLE = 2;

    private final EncodingLimits limits;
    private int encoding;
    private long[] ints;
    private byte[][] items;
    private MemberHashSet hash;
    private int size;
    /** Sum of member lengths in the listpack and hashtable encodings, for memory accounting. */
    private long contentBytes;

    private SetValue(EncodingLimits limits, int encoding, int capacity) {
        this.limits = limits;
        this.encoding = encoding;
        switch (encoding) {
            case INTSET -> ints = new long[Math.max(4, capacity)];
            case LISTPACK -> items = new byte[Math.max(4, capacity)][];
            default -> hash = new MemberHashSet(capacity);
        }
    }

    /** An empty intset: the start of every set built member by member (RDB loading, SUNION, SDIFF). */
    public static SetValue empty(EncodingLimits limits) {
        return new SetValue(limits, INTSET, 4);
    }

    /** An empty listpack set. */
    public static SetValue emptyListpack(EncodingLimits limits) {
        return new SetValue(limits, LISTPACK, 4);
    }

    /**
     * A new set for a key about to receive about {@code sizeHint} members, {@code first} among them: an
     * intset if that member is an integer, a listpack or a presized hashtable otherwise (Redis's setTypeCreate).
     */
    public static SetValue create(EncodingLimits limits, byte[] first, long sizeHint) {
        if (isCanonicalLong(first) && sizeHint <= limits.setMaxIntsetEntries) {
            return new SetValue(limits, INTSET, (int) Math.min(sizeHint, 1024));
        }
        if (sizeHint <= limits.setMaxListpackEntries) {
            return new SetValue(limits, LISTPACK, (int) Math.min(sizeHint, 1024));
        }
        return new SetValue(limits, HASHTABLE, (int) Math.min(sizeHint, 1 << 20));
    }

    /** Before adding about {@code sizeHint} members: converts to a hashtable when they could not fit. */
    public void prepareFor(long sizeHint) {
        if ((encoding == LISTPACK && sizeHint > limits.setMaxListpackEntries)
                || (encoding == INTSET && sizeHint > limits.setMaxIntsetEntries)) {
            toHashtable(size + sizeHint);
        }
    }

    @Override
    public String encoding() {
        return switch (encoding) {
            case INTSET -> "intset";
            case LISTPACK -> "listpack";
            default -> "hashtable";
        };
    }

    @Override
    public int size() {
        return size;
    }

    public boolean isIntset() {
        return encoding == INTSET;
    }

    public boolean isListpack() {
        return encoding == LISTPACK;
    }

    public boolean isHashtable() {
        return encoding == HASHTABLE;
    }

    /** The members of an intset, ascending (a copy). */
    public long[] intsetMembers() {
        if (encoding != INTSET) {
            throw new IllegalStateException("not an intset");
        }
        return Arrays.copyOf(ints, size);
    }

    @Override
    public long memoryUsage() {
        return switch (encoding) {
            case INTSET -> 48L + ints.length * 8L;
            case LISTPACK -> 48L + items.length * 8L + contentBytes + size * 18L;
            default -> 64L + hash.buckets() * 8L + contentBytes + size * 48L;
        };
    }

    @Override
    public SetValue copy() {
        SetValue c = new SetValue(limits, encoding, 0);
        switch (encoding) {
            case INTSET -> c.ints = Arrays.copyOf(ints, Math.max(4, size));
            case LISTPACK -> c.items = Arrays.copyOf(items, Math.max(4, size));
            default -> c.hash = hash.copy();
        }
        c.size = size;
        c.contentBytes = contentBytes;
        return c;
    }

    // ------------------------------------------------------------------ membership

    public boolean contains(byte[] member) {
        return switch (encoding) {
            case INTSET -> isCanonicalLong(member) && Arrays.binarySearch(ints, 0, size, parseCanonicalLong(member)) >= 0;
            case LISTPACK -> indexOf(member) >= 0;
            default -> hash.contains(member);
        };
    }

    /** Adds {@code member}; false if it was already there. Converts the encoding as Redis's setTypeAdd. */
    public boolean add(byte[] member) {
        switch (encoding) {
            case INTSET -> {
                if (isCanonicalLong(member)) {
                    return addInteger(parseCanonicalLong(member));
                }
                if (fitsListpackAfterIntset(member)) {
                    toListpack(size + 1);
                } else {
                    toHashtable(size + 1);
                }
                return add(member);
            }
            case LISTPACK -> {
                if (indexOf(member) >= 0) {
                    return false;
                }
                if (size < limits.setMaxListpackEntries && member.length <= limits.setMaxListpackValue) {
                    if (size == items.length) {
                        items = Arrays.copyOf(items, size * 2);
                    }
                    items[size++] = member;
                    contentBytes += member.length;
                    return true;
                }
                toHashtable(size + 1);
                return add(member);
            }
            default -> {
                if (hash.add(member)) {
                    size++;
                    contentBytes += member.length;
                    return true;
                }
                return false;
            }
        }
    }

    private boolean addInteger(long v) {
        int at = Arrays.binarySearch(ints, 0, size, v);
        if (at >= 0) {
            return false;
        }
        at = -at - 1;
        if (size == ints.length) {
            ints = Arrays.copyOf(ints, size * 2);
        }
        System.arraycopy(ints, at, ints, at + 1, size - at);
        ints[at] = v;
        size++;
        if (size > intsetMaxEntries()) {
            toHashtable(size);
        }
        return true;
    }

    private long intsetMaxEntries() {
        return Math.min(limits.setMaxIntsetEntries, 1 << 30);
    }

    /** Redis's test for turning an intset into a listpack: every integer judged by the longest one's digits. */
    private boolean fitsListpackAfterIntset(byte[] member) {
        long longest = size == 0 ? 0 : Math.max(digits(ints[0]), digits(ints[size - 1]));
        return size < limits.setMaxListpackEntries && member.length <= limits.setMaxListpackValue
                && longest <= limits.setMaxListpackValue;
    }

    private static int digits(long v) {
        return Long.toString(v).length();
    }

    @Override
    public boolean removeMember(io.redoubt.resp.CommandArgs a, int i) {
        return remove(a.bytes(i));
    }

    public boolean remove(byte[] member) {
        switch (encoding) {
            case INTSET -> {
                if (!isCanonicalLong(member)) {
                    return false;
                }
                int at = Arrays.binarySearch(ints, 0, size, parseCanonicalLong(member));
                if (at < 0) {
                    return false;
                }
                System.arraycopy(ints, at + 1, ints, at, size - at - 1);
                size--;
                return true;
            }
            case LISTPACK -> {
                int at = indexOf(member);
                if (at < 0) {
                    return false;
                }
                removeListpackAt(at);
                return true;
            }
            default -> {
                if (hash.remove(member)) {
                    size--;
                    contentBytes -= member.length;
                    return true;
                }
                return false;
            }
        }
    }

    private void removeListpackAt(int at) {
        contentBytes -= items[at].length;
        System.arraycopy(items, at + 1, items, at, size - at - 1);
        items[--size] = null;
    }

    private int indexOf(byte[] member) {
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(items[i], member)) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ conversions

    private void toListpack(int capacity) {
        byte[][] lp = new byte[Math.max(4, capacity)][];
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            lp[i] = longBytes(ints[i]);
            bytes += lp[i].length;
        }
        items = lp;
        ints = null;
        contentBytes = bytes;
        encoding = LISTPACK;
    }

    private void toHashtable(long capacity) {
        MemberHashSet h = new MemberHashSet((int) Math.min(capacity, 1 << 20));
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            byte[] m = encoding == INTSET ? longBytes(ints[i]) : items[i];
            h.add(m);
            bytes += m.length;
        }
        hash = h;
        ints = null;
        items = null;
        contentBytes = bytes;
        encoding = HASHTABLE;
    }

    /**
     * After a SINTERSTORE whose members were all integers: becomes an intset if it has few enough members
     * (Redis's maybeConvertToIntset).
     */
    public void convertToIntsetIfAllowed() {
        if (encoding == INTSET || size > intsetMaxEntries()) {
            return;
        }
        long[] values = new long[Math.max(4, size)];
        byte[][] members = toArray();
        for (int i = 0; i < size; i++) {
            values[i] = parseCanonicalLong(members[i]);
        }
        Arrays.sort(values, 0, size);
        ints = values;
        items = null;
        hash = null;
        contentBytes = 0;
        encoding = INTSET;
    }

    /** Takes over {@code other}'s members and encoding (SPOP rebuilding the remaining set). */
    public void replaceWith(SetValue other) {
        encoding = other.encoding;
        ints = other.ints;
        items = other.items;
        hash = other.hash;
        size = other.size;
        contentBytes = other.contentBytes;
    }

    // ------------------------------------------------------------------ iteration

    /** Every member in Redis's order: ascending for an intset, insertion order for a listpack. */
    public void forEach(Consumer<byte[]> action) {
        switch (encoding) {
            case INTSET -> {
                for (int i = 0; i < size; i++) {
                    action.accept(longBytes(ints[i]));
                }
            }
            case LISTPACK -> {
                for (int i = 0; i < size; i++) {
                    action.accept(items[i]);
                }
            }
            default -> hash.forEach(action);
        }
    }

    /** The members in iteration order, as a new array. */
    public byte[][] toArray() {
        byte[][] out = new byte[size][];
        switch (encoding) {
            case INTSET -> {
                for (int i = 0; i < size; i++) {
                    out[i] = longBytes(ints[i]);
                }
            }
            case LISTPACK -> System.arraycopy(items, 0, out, 0, size);
            default -> hash.copyTo(out, 0);
        }
        return out;
    }

    /** The intset member at {@code i} (ascending order). */
    public long intAt(int i) {
        return ints[i];
    }

    /** The listpack member at {@code i} (insertion order). */
    public byte[] listpackAt(int i) {
        return items[i];
    }

    /** A random member of this non-empty set. */
    public byte[] randomMember(ThreadLocalRandom rnd) {
        return switch (encoding) {
            case INTSET -> longBytes(ints[rnd.nextInt(size)]);
            case LISTPACK -> items[rnd.nextInt(size)];
            default -> hash.random(rnd);
        };
    }

    /** One step of SSCAN over a hashtable: visits a bucket, returns the next cursor (0 at the end). */
    public long scanStep(long cursor, Consumer<byte[]> visitor) {
        return hash.scan(cursor, visitor);
    }

    // ------------------------------------------------------------------ integers

    public static byte[] longBytes(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Whether {@code s} is an integer in canonical decimal form that fits 64 bits (Redis's string2ll): no
     * sign but a leading minus, no leading zeros, no "-0", no spaces.
     */
    public static boolean isCanonicalLong(byte[] s) {
        int n = s.length;
        if (n == 0 || n > 20) {
            return false;
        }
        if (n == 1) {
            return s[0] >= '0' && s[0] <= '9';
        }
        int p = 0;
        boolean negative = s[0] == '-';
        if (negative) {
            p = 1;
        }
        if (s[p] < '1' || s[p] > '9') {
            return false;
        }
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long v = 0;
        for (; p < n; p++) {
            int d = s[p] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (v < limit / 10) {
                return false;
            }
            v *= 10;
            if (v < limit + d) {
                return false;
            }
            v -= d;
        }
        return true;
    }

    /** The value of a member {@link #isCanonicalLong} accepted. */
    public static long parseCanonicalLong(byte[] s) {
        boolean negative = s[0] == '-';
        long v = 0;
        for (int p = negative ? 1 : 0; p < s.length; p++) {
            v = v * 10 - (s[p] - '0');
        }
        return negative ? v : -v;
    }
}
