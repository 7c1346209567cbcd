package io.redoubt.server.types;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A hash set of byte-string members with chained buckets, a power-of-two table and Redis's reverse-binary
 * scan cursor: a scan returns every member present for its whole duration even when the table grows or
 * shrinks between calls (a member may come twice). The table doubles when it holds more members than
 * buckets and shrinks to fit when under an eighth full, at once (values are on-heap and small enough that
 * Redis's incremental rehash would buy little here).
 */
final class MemberHashSet {
    private static final int MIN_BUCKETS = 4;
    /** Per-process seed so that colliding members cannot be prepared in advance. */
    private static final long SEED = ThreadLocalRandom.current().nextLong() | 1;

    static final class Node {
        final byte[] member;
        final int hash;
        Node next;

        Node(byte[] member, int hash, Node next) {
            this.member = member;
            this.hash = hash;
            this.next = next;
        }
    }

    private Node[] table;
    private int size;
    /** At least the length of the longest chain (exact after a resize; removals may leave it above). */
    private int longestChain;

    MemberHashSet(int expected) {
        table = new Node[bucketsFor(expected)];
    }

    private static int bucketsFor(long n) {
        long b = MIN_BUCKETS;
        while (b < n && b < (1 << 30)) {
            b <<= 1;
        }
        return (int) b;
    }

    static int hash(byte[] m) {
        long h = SEED ^ m.length;
        int i = 0;
        for (; i + 8 <= m.length; i += 8) {
            long w = (m[i] & 0xffL) | (m[i + 1] & 0xffL) << 8 | (m[i + 2] & 0xffL) << 16 | (m[i + 3] & 0xffL) << 24
                    | (m[i + 4] & 0xffL) << 32 | (m[i + 5] & 0xffL) << 40 | (m[i + 6] & 0xffL) << 48 | (m[i + 7] & 0xffL) << 56;
            h = Long.rotateLeft((h ^ w) * 0x9E3779B97F4A7C15L, 29) * SEED;
        }
        for (; i < m.length; i++) {
            h = (h ^ (m[i] & 0xff)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    int size() {
        return size;
    }

    int buckets() {
        return table.length;
    }

    boolean contains(byte[] m) {
        int h = hash(m);
        for (Node n = table[h & (table.length - 1)]; n != null; n = n.next) {
            if (n.hash == h && Arrays.equals(n.member, m)) {
                return true;
            }
        }
        return false;
    }

    boolean add(byte[] m) {
        int h = hash(m);
        int b = h & (table.length - 1);
        int chain = 1;
        for (Node n = table[b]; n != null; n = n.next, chain++) {
            if (n.hash == h && Arrays.equals(n.member, m)) {
                return false;
            }
        }
        table[b] = new Node(m, h, table[b]);
        longestChain = Math.max(longestChain, chain);
        if (++size > table.length) {
            resize(table.length << 1);
        }
        return true;
    }

    boolean remove(byte[] m) {
        int h = hash(m);
        int b = h & (table.length - 1);
        Node prev = null;
        for (Node n = table[b]; n != null; prev = n, n = n.next) {
            if (n.hash == h && Arrays.equals(n.member, m)) {
                if (prev == null) {
                    table[b] = n.next;
                } else {
                    prev.next = n.next;
                }
                size--;
                if (table.length > MIN_BUCKETS && size < table.length / 8) {
                    resize(bucketsFor(size));
                }
                return true;
            }
        }
        return false;
    }

    private void resize(int buckets) {
        Node[] old = table;
        Node[] fresh = new Node[buckets];
        for (Node head : old) {
            for (Node n = head; n != null; ) {
                Node next = n.next;
                int b = n.hash & (buckets - 1);
                n.next = fresh[b];
                fresh[b] = n;
                n = next;
            }
        }
        table = fresh;
        longestChain = 0;
        for (Node head : fresh) {
            int chain = 0;
            for (Node n = head; n != null; n = n.next) {
                chain++;
            }
            longestChain = Math.max(longestChain, chain);
        }
    }

    void forEach(Consumer<byte[]> action) {
        for (Node head : table) {
            for (Node n = head; n != null; n = n.next) {
                action.accept(n.member);
            }
        }
    }

    /** Members in table order into {@code out} from {@code at}; returns the next free index. */
    int copyTo(byte[][] out, int at) {
        for (Node head : table) {
            for (Node n = head; n != null; n = n.next) {
                out[at++] = n.member;
            }
        }
        return at;
    }

    /**
     * A random member, the set being non-empty, every member equally likely: a random (bucket, position below
     * the longest chain) pair, drawn again until it names a member. Picking a random non-empty bucket and then
     * a node of its chain would favour members alone in their bucket (SRANDMEMBER's chi-square test in
     * Redis's suite catches that).
     */
    byte[] random(ThreadLocalRandom rnd) {
        for (;;) {
            Node n = table[rnd.nextInt(table.length)];
            for (int k = rnd.nextInt(longestChain); n != null && k > 0; k--) {
                n = n.next;
            }
            if (n != null) {
                return n.member;
            }
        }
    }

    /**
     * Visits the bucket at {@code cursor} and returns the next cursor (0 when the scan is complete), with
     * Redis's reverse-binary increment so that buckets split or merged by a resize are neither skipped nor
     * lost.
     */
    long scan(long cursor, Consumer<byte[]> visitor) {
        long mask = table.length - 1;
        for (Node n = table[(int) (cursor & mask)]; n != null; n = n.next) {
            visitor.accept(n.member);
        }
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }

    MemberHashSet copy() {
        MemberHashSet c = new MemberHashSet(MIN_BUCKETS);
        c.table = new Node[table.length];
        for (int b = 0; b < table.length; b++) {
            Node tail = null;
            for (Node n = table[b]; n != null; n = n.next) {
                Node copy = new Node(n.member, n.hash, null);
                if (tail == null) {
                    c.table[b] = copy;
                } else {
                    tail.next = copy;
                }
                tail = copy;
            }
        }
        c.size = size;
        c.longestChain = longestChain;
        return c;
    }
}
