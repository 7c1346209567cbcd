package io.redoubt.server.types;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The large sorted-set encoding, as Redis's zset: a skip list ordered by (score, member bytes) whose
 * forward links carry span counts, so rank look-ups and rank ranges are O(log n), plus a hash table from
 * member to node for O(1) ZSCORE.
 *
 * <h2>Design notes</h2>
 * The hash table is our own chained table over the skip-list nodes themselves (each node holds its bucket
 * link and hash), so a look-up allocates nothing, and it has a power-of-two size so ZSCAN can use Redis's
 * reverse-binary cursor: every member present for the whole scan is returned even when the table grows or
 * shrinks between calls. Levels are drawn with p = 1/4 up to 32, as zslRandomLevel.
 */
final class ZSkipList {
    static final int MAX_LEVEL = 32;

    static final class Node {
        final byte[] member;
        double score;
        Node backward;
        final Node[] forward;
        final long[] span;
        final int hash;
        Node bucketNext;

        Node(int level, byte[] member, double score, int hash) {
            this.member = member;
            this.score = score;
            this.forward = new Node[level];
            this.span = new long[level];
            this.hash = hash;
        }
    }

    private final Node header = new Node(MAX_LEVEL, null, 0, 0);
    private Node tail;
    private int level = 1;
    private int length;
    private Node[] table = new Node[16];
    /** Scratch for insert/delete walks, reused so an update allocates only its node (one keyspace thread). */
    private Node[] update;
    private long[] rankScratch;

    int length() {
        return length;
    }

    Node first() {
        return header.forward[0];
    }

    Node last() {
        return tail;
    }

    /** Ordering of Redis's zset: by score, then member bytes unsigned. */
    static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        int c = Double.compare(s1, s2);
        if (s1 == s2) {
            c = 0; // -0.0 and 0.0 are the same score
        }
        return c != 0 ? c : Arrays.compareUnsigned(m1, m2);
    }

    static int hash(byte[] m) {
        int h = 0x9747b28c;
        for (byte b : m) {
            h = (h ^ b) * 0x5bd1e995;
            h ^= h >>> 15;
        }
        h ^= h >>> 13;
        h *= 0x85ebca6b;
        return h ^ (h >>> 16);
    }

    Node find(byte[] member) {
        int h = hash(member);
        for (Node n = table[h & (table.length - 1)]; n != null; n = n.bucketNext) {
            if (n.hash == h && Arrays.equals(n.member, member)) {
                return n;
            }
        }
        return null;
    }

    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && (r.nextInt() & 0xFFFF) < 0xFFFF / 4) {
            lvl++;
        }
        return lvl;
    }

    private Node[] scratch() {
        if (update == null) {
            update = new Node[MAX_LEVEL];
            rankScratch = new long[MAX_LEVEL];
        }
        return update;
    }

    /** Inserts a member known to be absent. */
    Node insert(byte[] member, double score) {
        Node n = linkInList(member, score, hash(member));
        if (length > table.length) {
            resize(table.length * 2);
        }
        int b = n.hash & (table.length - 1);
        n.bucketNext = table[b];
        table[b] = n;
        return n;
    }

    private Node linkInList(byte[] member, double score, int hash) {
        Node[] update = scratch();
        long[] rank = rankScratch;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                update[i].span[i] = length;
            }
            level = lvl;
        }
        Node n = new Node(lvl, member, score, hash);
        for (int i = 0; i < lvl; i++) {
            n.forward[i] = update[i].forward[i];
            update[i].forward[i] = n;
            n.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = (rank[0] - rank[i]) + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        n.backward = update[0] == header ? null : update[0];
        if (n.forward[0] != null) {
            n.forward[0].backward = n;
        } else {
            tail = n;
        }
        length++;
        return n;
    }

    /** Removes {@code member}; false when absent. */
    boolean delete(byte[] member) {
        int h = hash(member);
        int b = h & (table.length - 1);
        Node prev = null;
        for (Node n = table[b]; n != null; prev = n, n = n.bucketNext) {
            if (n.hash == h && Arrays.equals(n.member, member)) {
                if (prev == null) {
                    table[b] = n.bucketNext;
                } else {
                    prev.bucketNext = n.bucketNext;
                }
                unlinkFromList(n.score, n.member);
                if (table.length > 16 && length < table.length / 8) {
                    resize(table.length / 2);
                }
                return true;
            }
        }
        return false;
    }

    private void unlinkFromList(double score, byte[] member) {
        Node[] update = scratch();
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        unlink(x.forward[0], update);
    }

    /** Unlinks {@code n} from the list given its predecessor at every level, as zslDeleteNode. */
    private void unlink(Node n, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == n) {
                update[i].span[i] += n.span[i] - 1;
                update[i].forward[i] = n.forward[i];
            } else {
                update[i].span[i]--;
            }
        }
        if (n.forward[0] != null) {
            n.forward[0].backward = n.backward;
        } else {
            tail = n.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
    }

    /**
     * Removes the nodes of 0-based ranks {@code from..to} (in range) in one walk, O(log n + m) as
     * zslDeleteRangeByRank; returns the sum of the removed members' lengths.
     */
    long deleteRangeByRank(long from, long to) {
        Node[] update = scratch();
        long traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] <= from) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        long bytes = 0;
        x = x.forward[0];
        for (long rank = from; x != null && rank <= to; rank++) {
            Node next = x.forward[0];
            unlink(x, update);
            unhash(x);
            bytes += x.member.length;
            x = next;
        }
        if (table.length > 16 && length < table.length / 8) {
            resize(Math.max(16, Integer.highestOneBit(Math.max(1, length)) << 1));
        }
        return bytes;
    }

    private void unhash(Node target) {
        int b = target.hash & (table.length - 1);
        Node prev = null;
        for (Node n = table[b]; n != null; prev = n, n = n.bucketNext) {
            if (n == target) {
                if (prev == null) {
                    table[b] = n.bucketNext;
                } else {
                    prev.bucketNext = n.bucketNext;
                }
                return;
            }
        }
    }

    /** Changes a node's score, moving it only when its place in the order changes, as zslUpdateScore. */
    Node updateScore(Node n, double score) {
        Node back = n.backward;
        Node next = n.forward[0];
        if ((back == null || compare(back.score, back.member, score, n.member) < 0)
                && (next == null || compare(next.score, next.member, score, n.member) > 0)) {
            n.score = score;
            return n;
        }
        // Reinsert: the node object is replaced, so swap it in the hash chain too.
        delete(n.member);
        return insert(n.member, score);
    }

    /** 0-based rank of a node present in the list. */
    long rank(Node target) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, target.score, target.member) <= 0) {
                rank += x.span[i];
                x = x.forward[i];
            }
            if (x == target) {
                return rank - 1;
            }
        }
        return rank - 1;
    }

    /** The node at 0-based {@code rank} (must be in range). */
    Node byRank(long rank) {
        long wanted = rank + 1;
        long traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] <= wanted) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            if (traversed == wanted) {
                return x;
            }
        }
        return null;
    }

    /** Number of nodes with score below {@code s} (or equal too, when {@code orEqual}). */
    long countScoreBelow(double s, boolean orEqual) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && (orEqual ? x.forward[i].score <= s : x.forward[i].score < s)) {
                rank += x.span[i];
                x = x.forward[i];
            }
        }
        return rank;
    }

    /** Number of nodes whose member sorts below {@code m} (or equal too): meaningful when all scores are equal. */
    long countLexBelow(byte[] m, boolean orEqual) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null) {
                int c = Arrays.compareUnsigned(x.forward[i].member, m);
                if (orEqual ? c > 0 : c >= 0) {
                    break;
                }
                rank += x.span[i];
                x = x.forward[i];
            }
        }
        return rank;
    }

    private void resize(int size) {
        Node[] t = new Node[size];
        for (Node head : table) {
            for (Node n = head; n != null; ) {
                Node next = n.bucketNext;
                int b = n.hash & (size - 1);
                n.bucketNext = t[b];
                t[b] = n;
                n = next;
            }
        }
        table = t;
    }

    /** One ZSCAN step over the hash table with Redis's reverse-binary cursor; returns the next cursor. */
    long scan(long cursor, Consumer<Node> visit) {
        long mask = table.length - 1;
        long v = cursor;
        for (Node n = table[(int) (v & mask)]; n != null; n = n.bucketNext) {
            visit.accept(n);
        }
        v |= ~mask;
        v = Long.reverse(v);
        v++;
        v = Long.reverse(v);
        return v;
    }

    int buckets() {
        return table.length;
    }
}
