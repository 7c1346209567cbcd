package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;
import io.redoubt.server.types.EncodingLimits;
import io.redoubt.server.types.SetValue;
import io.redoubt.server.types.Values;
import io.redoubt.server.types.ZSetValue;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.ObjDoubleConsumer;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (Redis's zunionInterDiffGenericCommand). Inputs
 * may be sorted sets or plain sets, whose members count with score 1. Results are built in a skiplist and
 * stored as a listpack when they fit, as Redis 7.2 does.
 */
public final class ZSetStoreCommands {
    private static final int UNION = 0;
    private static final int INTER = 1;
    private static final int DIFF = 2;
    private static final int SUM = 0;
    private static final int MIN = 1;
    private static final int MAX = 2;
    private static final CommandError WEIGHT_NOT_FLOAT = new CommandError("ERR weight value is not a float");
    private static final CommandError LIMIT_NEGATIVE = new CommandError("ERR LIMIT can't be negative");

    private ZSetStoreCommands() {
    }

    static void register(CommandTable t) {
        t.add("zunion", -3, "readonly movablekeys", (c, a) -> combine(c, a, UNION, false, false))
                .keyFinder(a -> ListCommands.numkeysKeys(a, 1)).group("sorted-set").keyNum(1).since("6.2.0")
                .doc("Returns the union of multiple sorted sets.",
                        "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
                        "numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]");
        t.add("zinter", -3, "readonly movablekeys", (c, a) -> combine(c, a, INTER, false, false))
                .keyFinder(a -> ListCommands.numkeysKeys(a, 1)).group("sorted-set").keyNum(1).since("6.2.0")
                .doc("Returns the intersect of multiple sorted sets.",
                        "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.",
                        "numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]");
        t.add("zdiff", -3, "readonly movablekeys", (c, a) -> combine(c, a, DIFF, false, false))
                .keyFinder(a -> ListCommands.numkeysKeys(a, 1)).group("sorted-set").keyNum(1).since("6.2.0")
                .doc("Returns the difference between multiple sorted sets.",
                        "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.",
                        "numkeys key [key ...] [WITHSCORES]");
        t.add("zunionstore", -4, "write denyoom movablekeys", (c, a) -> combine(c, a, UNION, true, false)).keys(1, 1, 1)
                .keyFinder(ZSetStoreCommands::storeKeys).group("sorted-set").keyNum(2).keySpecFlags("OW update | RO access").since("2.0.0")
                .doc("Stores the union of multiple sorted sets in a key.",
                        "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
                        "destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]");
        t.add("zinterstore", -4, "write denyoom movablekeys", (c, a) -> combine(c, a, INTER, true, false)).keys(1, 1, 1)
                .keyFinder(ZSetStoreCommands::storeKeys).group("sorted-set").keyNum(2).keySpecFlags("OW update | RO access").since("2.0.0")
                .doc("Stores the intersect of multiple sorted sets in a key.",
                        "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.",
                        "destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]");
        t.add("zdiffstore", -4, "write denyoom movablekeys", (c, a) -> combine(c, a, DIFF, true, false)).keys(1, 1, 1)
                .keyFinder(ZSetStoreCommands::storeKeys).group("sorted-set").keyNum(2).keySpecFlags("OW update | RO access").since("6.2.0")
                .doc("Stores the difference of multiple sorted sets in a key.",
                        "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.",
                        "destination numkeys key [key ...]");
        t.add("zintercard", -3, "readonly movablekeys", (c, a) -> combine(c, a, INTER, false, true))
                .keyFinder(a -> ListCommands.numkeysKeys(a, 1)).group("sorted-set").keyNum(1).since("7.0.0")
                .doc("Returns the number of members of the intersect of multiple sorted sets.",
                        "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.",
                        "numkeys key [key ...] [LIMIT limit]");
    }

    private static int[] storeKeys(CommandArgs a) {
        int[] sources = ListCommands.numkeysKeys(a, 2);
        int[] keys = new int[sources.length + 1];
        keys[0] = 1;
        System.arraycopy(sources, 0, keys, 1, sources.length);
        return keys;
    }

    /** One input: a sorted set, a plain set (every score 1), or nothing (absent key), with its weight. */
    private static final class Input {
        ZSetValue zset;
        SetValue set;
        double weight = 1;

        int size() {
            return zset != null ? zset.size() : set != null ? set.size() : 0;
        }

        /** Score of {@code member}, unweighted, or NaN when absent. */
        double score(byte[] member) {
            if (zset != null) {
                return zset.score(member);
            }
            return set != null && set.contains(member) ? 1 : Double.NaN;
        }

        void forEach(ObjDoubleConsumer<byte[]> action) {
            if (zset != null) {
                zset.forEachAscending(action);
            } else if (set != null) {
                set.forEach(m -> action.accept(m, 1));
            }
        }
    }

    /*
     * ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]
     * ZINTER …, ZDIFF numkeys key [key ...] [WITHSCORES], ZUNIONSTORE/ZINTERSTORE/ZDIFFSTORE destination numkeys …,
     * ZINTERCARD numkeys key [key ...] [LIMIT limit]
     */
    static void combine(Client c, CommandArgs a, int op, boolean store, boolean cardinalityOnly) {
        int numkeysArg = store ? 2 : 1;
        long setnum = Arguments.longArg(a, numkeysArg);
        if (setnum < 1) {
            throw new CommandError("ERR at least 1 input key is needed for '" + a.string(0).toLowerCase(Locale.ROOT) + "' command");
        }
        if (setnum > a.count() - numkeysArg - 1) {
            throw CommandError.SYNTAX;
        }
        int n = (int) setnum;
        Input[] inputs = new Input[n];
        int j = numkeysArg + 1;
        for (int i = 0; i < n; i++, j++) {
            Input in = new Input();
            long ref = c.server().lookupRead(c, a, j);
            if (ref != Database.NONE) {
                Database db = c.db();
                int type = db.type(ref);
                if (type == ValueType.ZSET) {
                    in.zset = (ZSetValue) db.object(ref);
                } else if (type == ValueType.SET) {
                    in.set = (SetValue) db.object(ref);
                } else {
                    throw CommandError.WRONGTYPE;
                }
            }
            inputs[i] = in;
        }
        int aggregate = SUM;
        boolean withScores = false;
        long limit = 0;
        while (j < a.count()) {
            int remaining = a.count() - j;
            if (op != DIFF && !cardinalityOnly && remaining >= n && a.is(j, "WEIGHTS")) {
                j++;
                if (a.count() - j < n) {
                    throw CommandError.SYNTAX;
                }
                for (int i = 0; i < n; i++, j++) {
                    try {
                        inputs[i].weight = a.parseDouble(j);
                    } catch (Numbers.InvalidNumberException e) {
                        throw WEIGHT_NOT_FLOAT;
                    }
                    if (Double.isNaN(inputs[i].weight)) {
                        throw WEIGHT_NOT_FLOAT;
                    }
                }
            } else if (op != DIFF && !cardinalityOnly && remaining >= 2 && a.is(j, "AGGREGATE")) {
                j++;
                if (a.is(j, "SUM")) {
                    aggregate = SUM;
                } else if (a.is(j, "MIN")) {
                    aggregate = MIN;
                } else if (a.is(j, "MAX")) {
                    aggregate = MAX;
                } else {
                    throw CommandError.SYNTAX;
                }
                j++;
            } else if (!store && !cardinalityOnly && a.is(j, "WITHSCORES")) {
                j++;
                withScores = true;
            } else if (cardinalityOnly && remaining >= 2 && a.is(j, "LIMIT")) {
                j++;
                limit = Arguments.longArg(a, j, LIMIT_NEGATIVE);
                if (limit < 0) {
                    throw LIMIT_NEGATIVE;
                }
                j++;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        EncodingLimits limits = c.server().encodingLimits();
        if (cardinalityOnly) {
            c.reply().integer(interCard(inputs, limit));
            return;
        }
        ZSetValue result = switch (op) {
            case UNION -> union(inputs, aggregate, limits);
            case INTER -> inter(inputs, aggregate, limits);
            default -> diff(inputs, limits);
        };
        if (store) {
            long size = result.size();
            if (size > 0) {
                result.compactIfFits();
                c.server().lookupWrite(c, a, 1);
                Values.create(c, a, 1, ValueType.ZSET, result);
                Values.written(c, a, 1, 1, KeyspaceEvents.ZSET, op == UNION ? "zunionstore" : op == INTER ? "zinterstore" : "zdiffstore");
            } else {
                long ref = c.server().lookupWrite(c, a, 1);
                if (ref != Database.NONE) {
                    c.db().delete(ref);
                    c.server().keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
                    c.server().events().notify(KeyspaceEvents.GENERIC, "del", c, a, 1);
                    c.server().addDirty(1);
                }
            }
            c.reply().integer(size);
            return;
        }
        Reply r = c.reply();
        ZSetCommands.beginMembers(r, result.size(), withScores);
        for (ZSetValue.Cursor cur = result.cursor(0, false); cur.valid(); cur.next()) {
            ZSetCommands.member(r, cur.member(), cur.score(), withScores);
        }
    }

    private static ZSetValue accumulator(EncodingLimits limits) {
        return ZSetValue.create(limits, Long.MAX_VALUE, 0);
    }

    private static Input[] bySize(Input[] inputs) {
        Input[] sorted = inputs.clone();
        Arrays.sort(sorted, Comparator.comparingInt(Input::size));
        return sorted;
    }

    private static double weighted(Input in, double score) {
        double s = in.weight * score;
        return Double.isNaN(s) ? 0 : s;
    }

    private static double aggregate(int how, double target, double value) {
        return switch (how) {
            case MIN -> value < target ? value : target;
            case MAX -> value > target ? value : target;
            default -> {
                double s = target + value;
                yield Double.isNaN(s) ? 0 : s;
            }
        };
    }

    private static ZSetValue union(Input[] inputs, int how, EncodingLimits limits) {
        ZSetValue acc = accumulator(limits);
        for (Input in : bySize(inputs)) {
            in.forEach((m, s) -> {
                double score = weighted(in, s);
                double existing = acc.score(m);
                acc.add(m, Double.isNaN(existing) ? score : aggregate(how, existing, score));
            });
        }
        return acc;
    }

    private static ZSetValue inter(Input[] inputs, int how, EncodingLimits limits) {
        ZSetValue acc = accumulator(limits);
        Input[] sorted = bySize(inputs);
        if (sorted[0].size() == 0) {
            return acc;
        }
        sorted[0].forEach((m, s) -> {
            double score = weighted(sorted[0], s);
            for (int k = 1; k < sorted.length; k++) {
                double other = sorted[k].score(m);
                if (Double.isNaN(other)) {
                    return;
                }
                score = aggregate(how, score, weighted(sorted[k], other));
            }
            acc.add(m, score);
        });
        return acc;
    }

    private static ZSetValue diff(Input[] inputs, EncodingLimits limits) {
        ZSetValue acc = accumulator(limits);
        inputs[0].forEach((m, s) -> {
            for (int k = 1; k < inputs.length; k++) {
                if (!Double.isNaN(inputs[k].score(m))) {
                    return;
                }
            }
            acc.add(m, s);
        });
        return acc;
    }

    private static long interCard(Input[] inputs, long limit) {
        Input[] sorted = bySize(inputs);
        if (sorted[0].size() == 0) {
            return 0;
        }
        long[] count = {0};
        sorted[0].forEach((m, s) -> {
            if (limit > 0 && count[0] >= limit) {
                return;
            }
            for (int k = 1; k < sorted.length; k++) {
                if (Double.isNaN(sorted[k].score(m))) {
                    return;
                }
            }
            count[0]++;
        });
        return count[0];
    }
}
