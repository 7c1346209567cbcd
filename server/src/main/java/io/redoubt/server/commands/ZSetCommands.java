package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;
import io.redoubt.server.types.Values;
import io.redoubt.server.types.ZSetValue;
import io.redoubt.server.util.Glob;
import io.redoubt.store.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sorted-set commands (Redis's t_zset.c): members and scores, pops, random members and ZSCAN. Ranges are in
 * {@link ZSetRangeCommands}, union/intersection/difference in {@link ZSetStoreCommands}, the blocking pops
 * in {@link BlockingZSetCommands}.
 */
public final class ZSetCommands {
    static final CommandError NAN_RESULT = new CommandError("ERR resulting score is not a number (NaN)");
    private static final CommandError XX_NX = new CommandError("ERR XX and NX options at the same time are not compatible");
    private static final CommandError GT_LT_NX = new CommandError("ERR GT, LT, and/or NX options at the same time are not compatible");
    private static final CommandError INCR_PAIRS = new CommandError("ERR INCR option supports a single increment-element pair");

    private ZSetCommands() {
    }

    public static void register(CommandTable t) {
        t.add("zadd", -4, "write denyoom fast", ZSetCommands::zadd).keys(1, 1, 1).group("sorted-set").keySpecFlags("RW update").since("1.2.0")
                .doc("Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.",
                        "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
                        "key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]");
        t.add("zincrby", 4, "write denyoom fast", ZSetCommands::zincrby).keys(1, 1, 1).group("sorted-set").since("1.2.0")
                .doc("Increments the score of a member in a sorted set.", "O(log(N)) where N is the number of elements in the sorted set.",
                        "key increment member");
        t.add("zrem", -3, "write fast", ZSetCommands::zrem).keys(1, 1, 1).group("sorted-set").keySpecFlags("RW delete").since("1.2.0")
                .doc("Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.",
                        "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.",
                        "key member [member ...]");
        t.add("zcard", 2, "readonly fast", ZSetCommands::zcard).keys(1, 1, 1).group("sorted-set").keySpecFlags("RO").since("1.2.0")
                .doc("Returns the number of members in a sorted set.", "O(1)", "key");
        t.add("zscore", 3, "readonly fast", ZSetCommands::zscore).keys(1, 1, 1).group("sorted-set").since("1.2.0")
                .doc("Returns the score of a member in a sorted set.", "O(1)", "key member");
        t.add("zmscore", -3, "readonly fast", ZSetCommands::zmscore).keys(1, 1, 1).group("sorted-set").since("6.2.0")
                .doc("Returns the score of one or more members in a sorted set.", "O(N) where N is the number of members being requested.",
                        "key member [member ...]");
        t.add("zrank", -3, "readonly fast", (c, a) -> zrank(c, a, false)).keys(1, 1, 1).group("sorted-set").since("2.0.0")
                .doc("Returns the index of a member in a sorted set ordered by ascending scores.", "O(log(N))",
                        "key member [WITHSCORE]");
        t.add("zrevrank", -3, "readonly fast", (c, a) -> zrank(c, a, true)).keys(1, 1, 1).group("sorted-set").since("2.0.0")
                .doc("Returns the index of a member in a sorted set ordered by descending scores.", "O(log(N))",
                        "key member [WITHSCORE]");
        t.add("zpopmin", -2, "write fast", (c, a) -> zpop(c, a, false)).keys(1, 1, 1).group("sorted-set").keySpecFlags("RW access delete").since("5.0.0")
                .doc("Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.",
                        "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.",
                        "key [count]");
        t.add("zpopmax", -2, "write fast", (c, a) -> zpop(c, a, true)).keys(1, 1, 1).group("sorted-set").keySpecFlags("RW access delete").since("5.0.0")
                .doc("Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.",
                        "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.",
                        "key [count]");
        t.add("zmpop", -4, "write movablekeys", ZSetCommands::zmpop).keyFinder(a -> ListCommands.numkeysKeys(a, 1))
                .group("sorted-set").keyNum(1).keySpecFlags("RW access delete").since("7.0.0")
                .doc("Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. Deletes the sorted set if the last member was popped.",
                        "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
                        "numkeys key [key ...] <MIN | MAX> [COUNT count]");
        t.add("zrandmember", -2, "readonly", ZSetCommands::zrandmember).keys(1, 1, 1).group("sorted-set").tips("nondeterministic_output").since("6.2.0")
                .doc("Returns one or more random members from a sorted set.", "O(N) where N is the number of members returned",
                        "key [count [WITHSCORES]]");
        t.add("zscan", -3, "readonly", ZSetCommands::zscan).keys(1, 1, 1).group("sorted-set").tips("nondeterministic_output").since("2.8.0")
                .doc("Iterates over members and scores of a sorted set.",
                        "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
                        "key cursor [MATCH pattern] [COUNT count]");
        ZSetRangeCommands.register(t);
        ZSetStoreCommands.register(t);
        BlockingZSetCommands.register(t);
    }

    static ZSetValue read(Client c, CommandArgs a, int i) {
        return Values.read(c, a, i, ValueType.ZSET, ZSetValue.class);
    }

    static ZSetValue write(Client c, CommandArgs a, int i) {
        return Values.write(c, a, i, ValueType.ZSET, ZSetValue.class);
    }

    /** Starts a reply of {@code n} members, as pairs with their scores: nested in RESP3, flat in RESP2. */
    static void beginMembers(Reply r, long n, boolean withScores) {
        r.array((int) (withScores && !r.resp3() ? n * 2 : n));
    }

    static void member(Reply r, byte[] member, double score, boolean withScores) {
        if (withScores) {
            if (r.resp3()) {
                r.array(2);
            }
            r.bulk(member);
            r.dbl(score);
        } else {
            r.bulk(member);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A score argument as Redis's strtod reads it: also hexadecimal ("0x10"), which Java's parser takes only
     * with a binary exponent. Anything else fails with "value is not a valid float".
     */
    static double scoreArg(CommandArgs a, int i) {
        try {
            return Arguments.doubleArg(a, i);
        } catch (CommandError e) {
            String s = a.string(i).toLowerCase(Locale.ROOT);
            String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
            if (digits.startsWith("0x") && digits.length() > 2 && !digits.contains("p")) {
                try {
                    return Double.parseDouble(s + "p0");
                } catch (NumberFormatException ignored) {
                    // not hexadecimal either
                }
            }
            throw e;
        }
    }

    /* ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...] */
    static void zadd(Client c, CommandArgs a) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = false;
        int i = 2;
        for (; i < a.count(); i++) {
            if (a.is(i, "NX")) {
                nx = true;
            } else if (a.is(i, "XX")) {
                xx = true;
            } else if (a.is(i, "GT")) {
                gt = true;
            } else if (a.is(i, "LT")) {
                lt = true;
            } else if (a.is(i, "CH")) {
                ch = true;
            } else if (a.is(i, "INCR")) {
                incr = true;
            } else {
                break;
            }
        }
        int elements = a.count() - i;
        if (elements == 0 || elements % 2 != 0) {
            throw CommandError.SYNTAX;
        }
        elements /= 2;
        if (nx && xx) {
            throw XX_NX;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw GT_LT_NX;
        }
        if (incr && elements > 1) {
            throw INCR_PAIRS;
        }
        add(c, a, i, elements, nx, xx, gt, lt, ch, incr);
    }

    /* ZINCRBY key increment member */
    static void zincrby(Client c, CommandArgs a) {
        add(c, a, 2, 1, false, false, false, false, false, true);
    }

    private static void add(Client c, CommandArgs a, int first, int elements, boolean nx, boolean xx, boolean gt,
                            boolean lt, boolean ch, boolean incr) {
        // Every score is checked before anything changes, as Redis does.
        double single = 0;
        double[] scores = elements == 1 ? null : new double[elements];
        long maxLength = 0;
        for (int e = 0; e < elements; e++) {
            double s = scoreArg(a, first + 2 * e);
            if (scores == null) {
                single = s;
            } else {
                scores[e] = s;
            }
            maxLength = Math.max(maxLength, a.length(first + 2 * e + 1));
        }
        ZSetValue z = write(c, a, 1);
        Reply r = c.reply();
        if (z == null) {
            if (xx) {
                if (incr) {
                    r.nullBulk();
                } else {
                    r.integer(0);
                }
                return;
            }
            z = ZSetValue.create(c.server().encodingLimits(), elements, maxLength);
            Values.create(c, a, 1, ValueType.ZSET, z);
        }
        long added = 0;
        long updated = 0;
        long processed = 0;
        double result = 0;
        try {
            for (int e = 0; e < elements; e++) {
                double score = scores == null ? single : scores[e];
                byte[] member = a.bytes(first + 2 * e + 1);
                double current = z.score(member);
                if (!Double.isNaN(current)) {
                    if (nx) {
                        continue;
                    }
                    if (incr) {
                        score += current;
                        if (Double.isNaN(score)) {
                            throw NAN_RESULT;
                        }
                    }
                    if ((lt && score >= current) || (gt && score <= current)) {
                        continue;
                    }
                    if (score != current) {
                        z.add(member, score);
                        updated++;
                    }
                } else {
                    if (xx) {
                        continue;
                    }
                    z.add(member, score);
                    added++;
                }
                processed++;
                result = score;
            }
        } finally {
            if (added + updated > 0) {
                Values.written(c, a, 1, added + updated, KeyspaceEvents.ZSET, incr ? "zincr" : "zadd");
            } else if (z.size() == 0) {
                Values.written(c, a, 1, 0);
            }
        }
        if (incr) {
            if (processed > 0) {
                r.dbl(result);
            } else {
                r.nullBulk();
            }
        } else {
            r.integer(ch ? added + updated : added);
        }
    }

    /* ZREM key member [member ...] */
    static void zrem(Client c, CommandArgs a) {
        Values.removeMembers(c, a, ValueType.ZSET, ZSetValue.class);
    }

    /* ZCARD key */
    static void zcard(Client c, CommandArgs a) {
        ZSetValue z = read(c, a, 1);
        c.reply().integer(z == null ? 0 : z.size());
    }

    /* ZSCORE key member */
    static void zscore(Client c, CommandArgs a) {
        ZSetValue z = read(c, a, 1);
        double s = z == null ? Double.NaN : z.score(a.bytes(2));
        if (Double.isNaN(s)) {
            c.reply().nullBulk();
        } else {
            c.reply().dbl(s);
        }
    }

    /* ZMSCORE key member [member ...] */
    static void zmscore(Client c, CommandArgs a) {
        ZSetValue z = read(c, a, 1);
        Reply r = c.reply();
        r.array(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            double s = z == null ? Double.NaN : z.score(a.bytes(i));
            if (Double.isNaN(s)) {
                r.nullBulk();
            } else {
                r.dbl(s);
            }
        }
    }

    /* ZRANK key member [WITHSCORE], ZREVRANK key member [WITHSCORE] */
    static void zrank(Client c, CommandArgs a, boolean reverse) {
        if (a.count() > 4 || (a.count() == 4 && !a.is(3, "WITHSCORE"))) {
            throw CommandError.SYNTAX;
        }
        boolean withScore = a.count() == 4;
        ZSetValue z = read(c, a, 1);
        Reply r = c.reply();
        byte[] member = a.bytes(2);
        long rank = z == null ? -1 : z.rank(member);
        if (rank < 0) {
            if (withScore) {
                r.nullArray();
            } else {
                r.nullBulk();
            }
            return;
        }
        if (reverse) {
            rank = z.size() - 1 - rank;
        }
        if (withScore) {
            r.array(2);
            r.integer(rank);
            r.dbl(z.score(member));
        } else {
            r.integer(rank);
        }
    }

    /* ZPOPMIN key [count], ZPOPMAX key [count] */
    static void zpop(Client c, CommandArgs a, boolean max) {
        if (a.count() > 3) {
            throw CommandError.SYNTAX;
        }
        long count = -1;
        if (a.count() == 3) {
            count = Arguments.longArg(a, 2, ListCommands.MUST_BE_POSITIVE);
            if (count < 0) {
                throw ListCommands.MUST_BE_POSITIVE;
            }
        }
        ZSetValue z = write(c, a, 1);
        Reply r = c.reply();
        if (z == null || count == 0) {
            r.array(0);
            return;
        }
        popReply(c, a, 1, z, count, max);
    }

    /**
     * Pops up to {@code count} members (-1: one, replied flat) from the set at key argument {@code keyArg}
     * and replies; nested pairs in RESP3 when a count was given, as Redis 7.
     */
    static void popReply(Client c, CommandArgs a, int keyArg, ZSetValue z, long count, boolean max) {
        Reply r = c.reply();
        int n = (int) Math.min(count < 0 ? 1 : count, z.size());
        boolean nested = r.resp3() && count != -1;
        r.array(nested ? n : n * 2);
        for (int k = 0; k < n; k++) {
            ZSetValue.Cursor cur = z.cursor(max ? z.size() - 1 : 0, max);
            byte[] member = cur.member();
            double score = cur.score();
            z.remove(member);
            if (nested) {
                r.array(2);
            }
            r.bulk(member);
            r.dbl(score);
        }
        Values.written(c, a, keyArg, n, KeyspaceEvents.ZSET, max ? "zpopmax" : "zpopmin");
    }

    /* ZMPOP numkeys key [key ...] <MIN | MAX> [COUNT count] */
    static void zmpop(Client c, CommandArgs a) {
        if (!mpop(c, a, MpopOptions.parse(a, 1, "MIN", "MAX"))) {
            c.reply().nullArray();
        }
    }

    /**
     * The shared part of ZMPOP and BZMPOP from {@code numkeys} at {@code at}: pops from the first non-empty
     * set, replies and propagates ZPOPMIN/ZPOPMAX with the count; false (nothing replied) when all are empty.
     */
    static boolean mpop(Client c, CommandArgs a, MpopOptions o) {
        boolean max = o.secondEnd;
        long count = o.count;
        for (int k = 0; k < o.numkeys; k++) {
            int keyArg = o.firstKey + k;
            ZSetValue z = write(c, a, keyArg);
            if (z == null) {
                continue;
            }
            int n = (int) Math.min(count, z.size());
            Reply r = c.reply();
            r.array(2);
            r.bulk(a.buf(), a.offset(keyArg), a.length(keyArg));
            r.array(n);
            for (int i = 0; i < n; i++) {
                ZSetValue.Cursor cur = z.cursor(max ? z.size() - 1 : 0, max);
                byte[] member = cur.member();
                double score = cur.score();
                z.remove(member);
                r.array(2);
                r.bulk(member);
                r.dbl(score);
            }
            Values.written(c, a, keyArg, n, KeyspaceEvents.ZSET, max ? "zpopmax" : "zpopmin");
            c.server().propagate(c.dbIndex(), ascii(max ? "ZPOPMAX" : "ZPOPMIN"), a.bytes(keyArg), ascii(Long.toString(n)));
            c.server().dispatcher().propagationHandled();
            return true;
        }
        return false;
    }

    /* ZRANDMEMBER key [count [WITHSCORES]] */
    static void zrandmember(Client c, CommandArgs a) {
        Reply r = c.reply();
        if (a.count() == 2) {
            ZSetValue z = read(c, a, 1);
            if (z == null) {
                r.nullBulk();
            } else {
                r.bulk(z.cursor(ThreadLocalRandom.current().nextInt(z.size()), false).member());
            }
            return;
        }
        if (a.count() > 4 || (a.count() == 4 && !a.is(3, "WITHSCORES"))) {
            throw CommandError.SYNTAX;
        }
        boolean withScores = a.count() == 4;
        long count = Arguments.longArg(a, 2);
        if (count == Long.MIN_VALUE) {
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        }
        if (withScores && count < -Long.MAX_VALUE / 2) {
            throw new CommandError("ERR value is out of range");
        }
        ZSetValue z = read(c, a, 1);
        if (z == null || count == 0) {
            r.array(0);
            return;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int size = z.size();
        if (count < 0) {
            long n = -count;
            beginMembers(r, n, withScores);
            for (long k = 0; k < n; k++) {
                ZSetValue.Cursor cur = z.cursor(rnd.nextInt(size), false);
                member(r, cur.member(), cur.score(), withScores);
            }
            return;
        }
        if (count >= size) {
            // The whole set, highest first, as Redis walks it.
            beginMembers(r, size, withScores);
            for (ZSetValue.Cursor cur = z.cursor(size - 1, true); cur.valid(); cur.next()) {
                member(r, cur.member(), cur.score(), withScores);
            }
            return;
        }
        int n = (int) count;
        beginMembers(r, n, withScores);
        if ((long) n * 3 > size) {
            // Many of the members: a partial Fisher-Yates shuffle over all ranks.
            int[] ranks = new int[size];
            for (int i = 0; i < size; i++) {
                ranks[i] = i;
            }
            for (int i = 0; i < n; i++) {
                int j = i + rnd.nextInt(size - i);
                int t = ranks[i];
                ranks[i] = ranks[j];
                ranks[j] = t;
                ZSetValue.Cursor cur = z.cursor(ranks[i], false);
                member(r, cur.member(), cur.score(), withScores);
            }
            return;
        }
        // Few of them: random ranks, drawn again when already taken, O(count log n) as Redis's case 4.
        Set<Integer> taken = new HashSet<>();
        while (taken.size() < n) {
            int rank = rnd.nextInt(size);
            if (taken.add(rank)) {
                ZSetValue.Cursor cur = z.cursor(rank, false);
                member(r, cur.member(), cur.score(), withScores);
            }
        }
    }

    /* ZSCAN key cursor [MATCH pattern] [COUNT count] */
    static void zscan(Client c, CommandArgs a) {
        long cursor = KeyCommands.parseCursor(a, 2);
        ScanOptions options = ScanOptions.parse(a, 3);
        long count = options.count();
        byte[] pattern = options.pattern();
        ZSetValue z = read(c, a, 1);
        Reply r = c.reply();
        if (z == null) {
            ScanOptions.replyMissingKey(r);
            return;
        }
        // COUNT bounds the elements looked at, before MATCH filters them, as Redis's scan loop does.
        List<byte[]> members = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        long budget = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            cursor = z.scan(cursor, (m, s) -> {
                members.add(m);
                scores.add(s);
            });
        } while (cursor != 0 && budget-- > 0 && members.size() < count);
        int kept = 0;
        for (int i = 0; i < members.size(); i++) {
            if (pattern == null || Glob.matches(pattern, members.get(i), false)) {
                members.set(kept, members.get(i));
                scores.set(kept++, scores.get(i));
            }
        }
        r.array(2);
        r.bulk(Long.toUnsignedString(cursor));
        r.array(kept * 2);
        for (int i = 0; i < kept; i++) {
            r.bulk(members.get(i));
            r.bulk(Numbers.formatDouble(scores.get(i)));
        }
    }
}
