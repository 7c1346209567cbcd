package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;

/**
 * The arguments LMPOP, BLMPOP, ZMPOP and BZMPOP share, {@code numkeys key [key ...] <END1 | END2> [COUNT count]},
 * parsed in Redis's order and with its messages (t_list.c lmpopGenericCommand, t_zset.c zmpopGenericCommand):
 * numkeys first, then the end word, then the options.
 */
final class MpopOptions {
    private static final CommandError NUMKEYS = new CommandError("ERR numkeys should be greater than 0");
    private static final CommandError COUNT = new CommandError("ERR count should be greater than 0");

    /** Argument index of the first key. */
    final int firstKey;
    final int numkeys;
    /** True for the second end word (RIGHT, MAX). */
    final boolean secondEnd;
    final long count;

    private MpopOptions(int firstKey, int numkeys, boolean secondEnd, long count) {
        this.firstKey = firstKey;
        this.numkeys = numkeys;
        this.secondEnd = secondEnd;
        this.count = count;
    }

    /** Parses from the numkeys argument {@code at}; {@code firstEnd}/{@code secondEnd} are LEFT/RIGHT or MIN/MAX. */
    static MpopOptions parse(CommandArgs a, int at, String firstEnd, String secondEnd) {
        long numkeys = Arguments.longArg(a, at, NUMKEYS);
        if (numkeys <= 0) {
            throw NUMKEYS;
        }
        if (numkeys >= a.count() - at - 1) {
            throw CommandError.SYNTAX;  // no room for the end word
        }
        int endArg = at + 1 + (int) numkeys;
        boolean second;
        if (a.is(endArg, firstEnd)) {
            second = false;
        } else if (a.is(endArg, secondEnd)) {
            second = true;
        } else {
            throw CommandError.SYNTAX;
        }
        long count = -1;
        for (int i = endArg + 1; i < a.count(); i++) {
            if (count == -1 && a.is(i, "COUNT") && i + 1 < a.count()) {
                count = Arguments.longArg(a, ++i, COUNT);
                if (count <= 0) {
                    throw COUNT;
                }
            } else {
                throw CommandError.SYNTAX;
            }
        }
        return new MpopOptions(at + 1, (int) numkeys, second, count == -1 ? 1 : count);
    }
}
