package io.redoubt.server.types;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.ObjDoubleConsumer;

/**
 * A sorted set, ordered by (score, member bytes) as Redis's zset.
 *
 * <p>Two encodings, as Redis: "listpack" while it has at most {@code zset-max-listpack-entries} members of at
 * most {@code zset-max-listpack-value} bytes — a sorted pair of arrays, where finding a member is a linear
 * scan as in Redis's listpack and ranks are indexes — and "skiplist" beyond ({@link ZSkipList}: span-counted
 * skip list plus member → node hash table). A skiplist never turns back into a listpack except through
 * {@link #compactIfFits()}, which the store commands call on their results as Redis 7.2 does.
 *
 * <p>Every range command reduces to a range of ranks: {@link #countScoreBelow} / {@link #countLexBelow} give
 * the rank bounds in O(log n), and a {@link Cursor} walks from a rank in either direction.
 */
public final class ZSetValue implements MemberRemoval {
    private static final int LISTPACK_ENTRY_OVERHEAD = 12;
    private static final int SKIPLIST_NODE_OVERHEAD = 96;

    private final EncodingLimits limits;
    // listpack encoding
    private byte[][] members;
    private double[] scores;
    private int lpSize;
    // skiplist encoding (null while listpack)
    private ZSkipList skiplist;
    private long contentBytes;

    private ZSetValue(EncodingLimits limits, boolean big) {
        this.limits = limits;
        if (big) {
            skiplist = new ZSkipList();
        } else {
            members = new byte[4][];
            scores = new double[4];
        }
    }

    public static ZSetValue empty(EncodingLimits limits) {
        return new ZSetValue(limits, limits.zsetMaxListpackEntries == 0);
    }

    /** A new set sized for {@code sizeHint} members of at most {@code maxLength} bytes (zsetTypeCreate). */
    public static ZSetValue create(EncodingLimits limits, long sizeHint, long maxLength) {
        return new ZSetValue(limits, sizeHint > limits.zsetMaxListpackEntries || maxLength > limits.zsetMaxListpackValue
                || limits.zsetMaxListpackEntries == 0);
    }

    @Override
    public String encoding() {
        return skiplist == null ? "listpack" : "skiplist";
    }

    @Override
    public int size() {
        return skiplist == null ? lpSize : skiplist.length();
    }

    @Override
    public long memoryUsage() {
        return skiplist == null ? 48L + contentBytes + (long) lpSize * LISTPACK_ENTRY_OVERHEAD
                : 64L + contentBytes + (long) skiplist.length() * SKIPLIST_NODE_OVERHEAD + skiplist.buckets() * 8L;
    }

    @Override
    public ZSetValue copy() {
        ZSetValue c = new ZSetValue(limits, skiplist != null);
        if (skiplist == null) {
            c.members = Arrays.copyOf(members, members.length);
            c.scores = Arrays.copyOf(scores, scores.length);
            c.lpSize = lpSize;
        } else {
            // Members are never changed in place, so the copy shares their arrays.
            for (ZSkipList.Node n = skiplist.first(); n != null; n = n.forward[0]) {
                c.skiplist.insert(n.member, n.score);
            }
        }
        c.contentBytes = contentBytes;
        return c;
    }

    /** The score of {@code member}, or NaN when absent (a score is never NaN). */
    public double score(byte[] member) {
        if (skiplist != null) {
            ZSkipList.Node n = skiplist.find(member);
            return n == null ? Double.NaN : n.score;
        }
        int i = lpIndexOf(member);
        return i < 0 ? Double.NaN : scores[i];
    }

    /** Sets {@code member}'s score, inserting it when absent. Persistence uses this to load a set. */
    public void add(byte[] member, double score) {
        if (skiplist != null) {
            ZSkipList.Node n = skiplist.find(member);
            if (n == null) {
                skiplist.insert(member, score);
                contentBytes += member.length;
            } else if (n.score != score) {
                skiplist.updateScore(n, score);
            }
            return;
        }
        int i = lpIndexOf(member);
        if (i >= 0) {
            if (scores[i] == score) {
                return;
            }
            lpRemoveAt(i);
        }
        if (lpSize + 1 > limits.zsetMaxListpackEntries || member.length > limits.zsetMaxListpackValue) {
            convertToSkiplist();
            skiplist.insert(member, score);
            contentBytes += member.length;
            return;
        }
        lpInsert(member, score);
    }

    /** Removes {@code member}; false when it was absent. */
    @Override
    public boolean removeMember(io.redoubt.resp.CommandArgs a, int i) {
        return remove(a.bytes(i));
    }

    public boolean remove(byte[] member) {
        if (skiplist != null) {
            if (skiplist.delete(member)) {
                contentBytes -= member.length;
                return true;
            }
            return false;
        }
        int i = lpIndexOf(member);
        if (i < 0) {
            return false;
        }
        lpRemoveAt(i);
        return true;
    }

    /** 0-based rank of {@code member} in ascending order, or -1 when absent. */
    public long rank(byte[] member) {
        if (skiplist != null) {
            ZSkipList.Node n = skiplist.find(member);
            return n == null ? -1 : skiplist.rank(n);
        }
        return lpIndexOf(member);
    }

    /** Number of members with a score below {@code s} (or equal too): the rank where a score range starts. */
    public long countScoreBelow(double s, boolean orEqual) {
        if (skiplist != null) {
            return skiplist.countScoreBelow(s, orEqual);
        }
        int lo = 0;
        int hi = lpSize;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (orEqual ? scores[mid] <= s : scores[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of members sorting below {@code m} (or equal too); meaningful when all scores are equal, as BYLEX. */
    public long countLexBelow(byte[] m, boolean orEqual) {
        if (skiplist != null) {
            return skiplist.countLexBelow(m, orEqual);
        }
        int lo = 0;
        int hi = lpSize;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(members[mid], m);
            if (orEqual ? c <= 0 : c < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Removes the members of ranks {@code from..to} (0-based, inclusive, in range). */
    public void removeRange(long from, long to) {
        if (from > to) {
            return;
        }
        if (skiplist != null) {
            contentBytes -= skiplist.deleteRangeByRank(from, to);
            return;
        }
        int f = (int) from;
        int t = (int) to + 1;
        for (int i = f; i < t; i++) {
            contentBytes -= members[i].length;
        }
        System.arraycopy(members, t, members, f, lpSize - t);
        System.arraycopy(scores, t, scores, f, lpSize - t);
        Arrays.fill(members, lpSize - (t - f), lpSize, null);
        lpSize -= t - f;
    }

    /** Every (member, score) in ascending order: persistence writes sets with this. */
    public void forEachAscending(ObjDoubleConsumer<byte[]> action) {
        if (skiplist != null) {
            for (ZSkipList.Node n = skiplist.first(); n != null; n = n.forward[0]) {
                action.accept(n.member, n.score);
            }
            return;
        }
        for (int i = 0; i < lpSize; i++) {
            action.accept(members[i], scores[i]);
        }
    }

    /** Walks the set from 0-based {@code rank}, ascending or descending. */
    public Cursor cursor(long rank, boolean descending) {
        Cursor c = new Cursor(descending);
        if (rank >= 0 && rank < size()) {
            if (skiplist != null) {
                c.node = skiplist.byRank(rank);
            } else {
                c.index = (int) rank;
            }
            c.valid = true;
        }
        return c;
    }

    /** Position in a walk over the set; read {@link #member()} and {@link #score()} while {@link #valid()}. */
    public final class Cursor {
        private final boolean descending;
        private ZSkipList.Node node;
        private int index;
        private boolean valid;

        private Cursor(boolean descending) {
            this.descending = descending;
        }

        public boolean valid() {
            return valid;
        }

        public byte[] member() {
            return node != null ? node.member : members[index];
        }

        public double score() {
            return node != null ? node.score : scores[index];
        }

        public void next() {
            if (node != null) {
                node = descending ? node.backward : node.forward[0];
                valid = node != null;
            } else {
                index += descending ? -1 : 1;
                valid = index >= 0 && index < lpSize;
            }
        }
    }

    /**
     * One ZSCAN step: listpack sets return everything with cursor 0, as Redis; skiplist sets use the hash
     * table's reverse-binary cursor.
     */
    public long scan(long cursor, ObjDoubleConsumer<byte[]> visit) {
        if (skiplist == null) {
            forEachAscending(visit);
            return 0;
        }
        Consumer<ZSkipList.Node> v = n -> visit.accept(n.member, n.score);
        return skiplist.scan(cursor, v);
    }

    /** Turns a skiplist that now fits the listpack limits back into a listpack (store commands' results). */
    public void compactIfFits() {
        if (skiplist == null || skiplist.length() > limits.zsetMaxListpackEntries) {
            return;
        }
        for (ZSkipList.Node n = skiplist.first(); n != null; n = n.forward[0]) {
            if (n.member.length > limits.zsetMaxListpackValue) {
                return;
            }
        }
        int n = skiplist.length();
        members = new byte[Math.max(4, n)][];
        scores = new double[Math.max(4, n)];
        int i = 0;
        for (ZSkipList.Node x = skiplist.first(); x != null; x = x.forward[0], i++) {
            members[i] = x.member;
            scores[i] = x.score == 0 ? 0.0 : x.score;
        }
        lpSize = n;
        skiplist = null;
    }

    private void convertToSkiplist() {
        ZSkipList s = new ZSkipList();
        for (int i = 0; i < lpSize; i++) {
            s.insert(members[i], scores[i]);
        }
        skiplist = s;
        members = null;
        scores = null;
        lpSize = 0;
    }

    private int lpIndexOf(byte[] member) {
        for (int i = 0; i < lpSize; i++) {
            if (Arrays.equals(members[i], member)) {
                return i;
            }
        }
        return -1;
    }

    private void lpRemoveAt(int i) {
        contentBytes -= members[i].length;
        System.arraycopy(members, i + 1, members, i, lpSize - i - 1);
        System.arraycopy(scores, i + 1, scores, i, lpSize - i - 1);
        lpSize--;
        members[lpSize] = null;
    }

    private void lpInsert(byte[] member, double score) {
        if (score == 0) {
            score = 0.0; // a listpack keeps -0 as the integer 0, so Redis replies 0 for it
        }
        if (lpSize == members.length) {
            members = Arrays.copyOf(members, lpSize * 2);
            scores = Arrays.copyOf(scores, lpSize * 2);
        }
        int lo = 0;
        int hi = lpSize;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ZSkipList.compare(scores[mid], members[mid], score, member) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        System.arraycopy(members, lo, members, lo + 1, lpSize - lo);
        System.arraycopy(scores, lo, scores, lo + 1, lpSize - lo);
        members[lo] = member;
        scores[lo] = score;
        lpSize++;
        contentBytes += member.length;
    }
}
