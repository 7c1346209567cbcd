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
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

/**
 * Sorted-set ranges: ZRANGE in all its forms (by rank, score or lex, reversed, limited, stored), ZCOUNT,
 * ZLEXCOUNT and ZREMRANGEBY*. Every range is first turned into a range of ranks in O(log n) (the number
 * of members below each bound), then walked from its first rank: O(log n + m) as Redis.
 */
public final class ZSetRangeCommands {
    static final CommandError NOT_FLOAT_RANGE = new CommandError("ERR min or max is not a float");
    static final CommandError NOT_LEX_RANGE = new CommandError("ERR min or max not valid string range item");

    private static final int RANK = 0;
    private static final int SCORE = 1;
    private static final int LEX = 2;

    private ZSetRangeCommands() {
    }

    static void register(CommandTable t) {
        t.add("zrange", -4, "readonly", (c, a) -> zrange(c, a, -1, false, false)).keys(1, 1, 1).group("sorted-set").since("1.2.0")
                .doc("Returns members in a sorted set within a range of indexes.",
                        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
                        "key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]");
        t.add("zrangestore", -5, "write denyoom", (c, a) -> zrange(c, a, -1, false, true)).keys(1, 2, 1).group("sorted-set").keySpecFlags("OW update | RO access").since("6.2.0")
                .doc("Stores a range of members from sorted set in a key.",
                        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.",
                        "dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]");
        t.add("zrevrange", -4, "readonly", (c, a) -> zrange(c, a, RANK, true, false)).keys(1, 1, 1).group("sorted-set").since("1.2.0")
                .doc("Returns members in a sorted set within a range of indexes in reverse order.",
                        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
                        "key start stop [WITHSCORES]");
        t.add("zrangebyscore", -4, "readonly", (c, a) -> zrange(c, a, SCORE, false, false)).keys(1, 1, 1).group("sorted-set").since("1.0.5")
                .doc("Returns members in a sorted set within a range of scores.",
                        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
                        "key min max [WITHSCORES] [LIMIT offset count]");
        t.add("zrevrangebyscore", -4, "readonly", (c, a) -> zrange(c, a, SCORE, true, false)).keys(1, 1, 1).group("sorted-set").since("2.2.0")
                .doc("Returns members in a sorted set within a range of scores in reverse order.",
                        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
                        "key max min [WITHSCORES] [LIMIT offset count]");
        t.add("zrangebylex", -4, "readonly", (c, a) -> zrange(c, a, LEX, false, false)).keys(1, 1, 1).group("sorted-set").since("2.8.9")
                .doc("Returns members in a sorted set within a lexicographical range.",
                        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
                        "key min max [LIMIT offset count]");
        t.add("zrevrangebylex", -4, "readonly", (c, a) -> zrange(c, a, LEX, true, false)).keys(1, 1, 1).group("sorted-set").since("2.8.9")
                .doc("Returns members in a sorted set within a lexicographical range in reverse order.",
                        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
                        "key max min [LIMIT offset count]");
        t.add("zcount", 4, "readonly fast", ZSetRangeCommands::zcount).keys(1, 1, 1).group("sorted-set").since("2.0.0")
                .doc("Returns the count of members in a sorted set that have scores within a range.",
                        "O(log(N)) with N being the number of elements in the sorted set.", "key min max");
        t.add("zlexcount", 4, "readonly fast", ZSetRangeCommands::zlexcount).keys(1, 1, 1).group("sorted-set").since("2.8.9")
                .doc("Returns the number of members in a sorted set within a lexicographical range.",
                        "O(log(N)) with N being the number of elements in the sorted set.", "key min max");
        t.add("zremrangebyrank", 4, "write", (c, a) -> zremrange(c, a, RANK)).keys(1, 1, 1).group("sorted-set").keySpecFlags("RW delete").since("2.0.0")
                .doc("Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.",
                        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
                        "key start stop");
        t.add("zremrangebyscore", 4, "write", (c, a) -> zremrange(c, a, SCORE)).keys(1, 1, 1).group("sorted-set").keySpecFlags("RW delete").since("1.2.0")
                .doc("Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.",
                        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
                        "key min max");
        t.add("zremrangebylex", 4, "write", (c, a) -> zremrange(c, a, LEX)).keys(1, 1, 1).group("sorted-set").keySpecFlags("RW delete").since("2.8.9")
                .doc("Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.",
                        "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
                        "key min max");
    }

    /** A score or lex range, parsed; {@link #from}/{@link #to} turn it into ranks of a given set. */
    static final class Range {
        int type;
        double min;
        double max;
        boolean minEx;
        boolean maxEx;
        byte[] minLex;
        byte[] maxLex;
        /** -1 for "-", +1 for "+", 0 for a member bound. */
        int minInf;
        int maxInf;

        /** First rank inside the range. */
        long from(ZSetValue z) {
            if (type == SCORE) {
                return z.countScoreBelow(min, minEx);
            }
            return minInf < 0 ? 0 : minInf > 0 ? z.size() : z.countLexBelow(minLex, minEx);
        }

        /** One past the last rank inside the range (≤ from when empty). */
        long to(ZSetValue z) {
            if (type == SCORE) {
                return z.countScoreBelow(max, !maxEx);
            }
            return maxInf < 0 ? 0 : maxInf > 0 ? z.size() : z.countLexBelow(maxLex, !maxEx);
        }
    }

    static Range parseScoreRange(CommandArgs a, int minArg, int maxArg) {
        Range r = new Range();
        r.type = SCORE;
        r.minEx = a.length(minArg) > 0 && a.byteAt(minArg, 0) == '(';
        r.min = scoreBound(a, minArg, r.minEx);
        r.maxEx = a.length(maxArg) > 0 && a.byteAt(maxArg, 0) == '(';
        r.max = scoreBound(a, maxArg, r.maxEx);
        return r;
    }

    private static double scoreBound(CommandArgs a, int i, boolean exclusive) {
        int skip = exclusive ? 1 : 0;
        int length = a.length(i) - skip;
        if (length == 0) {
            return 0; // strtod of an empty string is 0 with nothing left over, which Redis accepts
        }
        try {
            double d = Numbers.parseDouble(a.buf(), a.offset(i) + skip, length);
            if (Double.isNaN(d)) {
                throw NOT_FLOAT_RANGE;
            }
            return d;
        } catch (Numbers.InvalidNumberException e) {
            throw NOT_FLOAT_RANGE;
        }
    }

    static Range parseLexRange(CommandArgs a, int minArg, int maxArg) {
        Range r = new Range();
        r.type = LEX;
        r.minInf = lexBound(a, minArg);
        r.maxInf = lexBound(a, maxArg);
        if (r.minInf == 0) {
            r.minEx = a.byteAt(minArg, 0) == '(';
            r.minLex = lexValue(a, minArg);
        }
        if (r.maxInf == 0) {
            r.maxEx = a.byteAt(maxArg, 0) == '(';
            r.maxLex = lexValue(a, maxArg);
        }
        return r;
    }

    private static int lexBound(CommandArgs a, int i) {
        if (a.length(i) == 0) {
            throw NOT_LEX_RANGE;
        }
        byte first = a.byteAt(i, 0);
        if (first == '+' || first == '-') {
            if (a.length(i) != 1) {
                throw NOT_LEX_RANGE;
            }
            return first == '+' ? 1 : -1;
        }
        if (first != '(' && first != '[') {
            throw NOT_LEX_RANGE;
        }
        return 0;
    }

    private static byte[] lexValue(CommandArgs a, int i) {
        byte[] v = new byte[a.length(i) - 1];
        a.buf().getBytes(a.offset(i) + 1, v);
        return v;
    }

    /**
     * ZRANGE and its older forms: {@code presetType} is the range type the command name fixes (-1 for ZRANGE
     * and ZRANGESTORE, which take BYSCORE/BYLEX/REV); {@code store} for ZRANGESTORE.
     */
    static void zrange(Client c, CommandArgs a, int presetType, boolean presetReverse, boolean store) {
        int keyArg = store ? 2 : 1;
        int minArg = keyArg + 1;
        int maxArg = keyArg + 2;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        int type = presetType;
        boolean reverse = presetReverse;
        boolean directionGiven = presetType != -1;
        for (int j = keyArg + 3; j < a.count(); j++) {
            int left = a.count() - j - 1;
            if (!store && a.is(j, "WITHSCORES")) {
                withScores = true;
            } else if (a.is(j, "LIMIT") && left >= 2) {
                offset = Arguments.longArg(a, j + 1);
                limit = Arguments.longArg(a, j + 2);
                j += 2;
            } else if (!directionGiven && a.is(j, "REV")) {
                reverse = true;
                directionGiven = true;
            } else if (type == -1 && a.is(j, "BYLEX")) {
                type = LEX;
            } else if (type == -1 && a.is(j, "BYSCORE")) {
                type = SCORE;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if (type == -1) {
            type = RANK;
        }
        if (limit != -1 && type == RANK) {
            throw new CommandError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && type == LEX) {
            throw new CommandError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        if (reverse && type != RANK) {
            int t = minArg;
            minArg = maxArg;
            maxArg = t;
        }
        long start = 0;
        long end = 0;
        Range range = null;
        if (type == RANK) {
            start = Arguments.longArg(a, minArg);
            end = Arguments.longArg(a, maxArg);
        } else if (type == SCORE) {
            range = parseScoreRange(a, minArg, maxArg);
        } else {
            range = parseLexRange(a, minArg, maxArg);
        }
        ZSetValue z = ZSetCommands.read(c, a, keyArg);
        // The ranks to emit: first..first+n-1 ascending, or first..first-n+1 descending.
        long first = 0;
        long n = 0;
        if (z != null) {
            long size = z.size();
            if (type == RANK) {
                if (start < 0) {
                    start += size;
                }
                if (end < 0) {
                    end += size;
                }
                if (start < 0) {
                    start = 0;
                }
                if (start <= end && start < size) {
                    if (end >= size) {
                        end = size - 1;
                    }
                    n = end - start + 1;
                    first = reverse ? size - 1 - start : start;
                }
            } else {
                long from = range.from(z);
                long to = range.to(z);
                long inRange = Math.max(0, to - from);
                if (offset >= 0 && offset < inRange) {
                    n = inRange - offset;
                    if (limit >= 0) {
                        n = Math.min(n, limit);
                    }
                    first = reverse ? to - 1 - offset : from + offset;
                }
            }
        }
        if (store) {
            storeRange(c, a, z, first, n, reverse);
            return;
        }
        Reply r = c.reply();
        ZSetCommands.beginMembers(r, n, withScores);
        if (n == 0) {
            return;
        }
        ZSetValue.Cursor cur = z.cursor(first, reverse);
        for (long k = 0; k < n; k++, cur.next()) {
            ZSetCommands.member(r, cur.member(), cur.score(), withScores);
        }
    }

    private static void storeRange(Client c, CommandArgs a, ZSetValue source, long first, long n, boolean reverse) {
        if (n == 0) {
            long ref = c.server().lookupWrite(c, a, 1);
            if (ref != Database.NONE) {
                c.db().delete(ref);
                c.server().keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
                c.server().events().notify(KeyspaceEvents.GENERIC, "del", c, a, 1);
                c.server().addDirty(1);
            }
            c.reply().integer(0);
            return;
        }
        ZSetValue result = ZSetValue.create(c.server().encodingLimits(), n, 0);
        ZSetValue.Cursor cur = source.cursor(first, reverse);
        for (long k = 0; k < n; k++, cur.next()) {
            result.add(cur.member(), cur.score());
        }
        c.server().lookupWrite(c, a, 1);
        Values.create(c, a, 1, ValueType.ZSET, result);
        Values.written(c, a, 1, 1, KeyspaceEvents.ZSET, "zrangestore");
        c.reply().integer(n);
    }

    /* ZCOUNT key min max */
    static void zcount(Client c, CommandArgs a) {
        Range range = parseScoreRange(a, 2, 3);
        ZSetValue z = ZSetCommands.read(c, a, 1);
        c.reply().integer(z == null ? 0 : Math.max(0, range.to(z) - range.from(z)));
    }

    /* ZLEXCOUNT key min max */
    static void zlexcount(Client c, CommandArgs a) {
        Range range = parseLexRange(a, 2, 3);
        ZSetValue z = ZSetCommands.read(c, a, 1);
        c.reply().integer(z == null ? 0 : Math.max(0, range.to(z) - range.from(z)));
    }

    /* ZREMRANGEBYRANK key start stop, ZREMRANGEBYSCORE key min max, ZREMRANGEBYLEX key min max */
    static void zremrange(Client c, CommandArgs a, int type) {
        long start = 0;
        long end = 0;
        Range range = null;
        if (type == RANK) {
            start = Arguments.longArg(a, 2);
            end = Arguments.longArg(a, 3);
        } else if (type == SCORE) {
            range = parseScoreRange(a, 2, 3);
        } else {
            range = parseLexRange(a, 2, 3);
        }
        ZSetValue z = ZSetCommands.write(c, a, 1);
        if (z == null) {
            c.reply().integer(0);
            return;
        }
        long from;
        long to;
        if (type == RANK) {
            long size = z.size();
            if (start < 0) {
                start += size;
            }
            if (end < 0) {
                end += size;
            }
            if (start < 0) {
                start = 0;
            }
            if (start > end || start >= size) {
                c.reply().integer(0);
                return;
            }
            if (end >= size) {
                end = size - 1;
            }
            from = start;
            to = end + 1;
        } else {
            from = range.from(z);
            to = range.to(z);
        }
        long removed = Math.max(0, to - from);
        if (removed > 0) {
            z.removeRange(from, to - 1);
            Values.written(c, a, 1, removed, KeyspaceEvents.ZSET, type == RANK ? "zremrangebyrank" : type == SCORE ? "zremrangebyscore" : "zremrangebylex");
        }
        c.reply().integer(removed);
    }
}
