package io.redoubt.server.command;

import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;

/** Typed reads of command arguments that fail with Redis's error replies. */
public final class Arguments {
    private Arguments() {
    }

    /** Argument {@code i} as a 64-bit integer, or "value is not an integer or out of range". */
    public static long longArg(CommandArgs a, int i) {
        try {
            return a.parseLong(i);
        } catch (Numbers.InvalidNumberException e) {
            throw CommandError.NOT_INTEGER;
        }
    }

    /** Argument {@code i} as an integer that must fit 32 bits. */
    public static int intArg(CommandArgs a, int i) {
        long v = longArg(a, i);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw CommandError.NOT_INTEGER;
        }
        return (int) v;
    }

    /** Argument {@code i} as a long, failing with {@code error} instead of the generic message. */
    public static long longArg(CommandArgs a, int i, CommandError error) {
        try {
            return a.parseLong(i);
        } catch (Numbers.InvalidNumberException e) {
            throw error;
        }
    }

    /** Argument {@code i} as a double, or "value is not a valid float". NaN is refused. */
    public static double doubleArg(CommandArgs a, int i) {
        try {
            double d = a.parseDouble(i);
            if (Double.isNaN(d)) {
                throw CommandError.NOT_FLOAT;
            }
            return d;
        } catch (Numbers.InvalidNumberException e) {
            throw CommandError.NOT_FLOAT;
        }
    }
}
