package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;
import io.redoubt.server.types.ListValue;
import io.redoubt.server.types.Values;
import io.redoubt.server.util.LongDouble;

import java.nio.charset.StandardCharsets;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP: serve at once when a list has elements, otherwise block
 * through {@link io.redoubt.server.Blocking}, which runs the request again when a key is pushed to.
 * Served requests propagate as their non-blocking forms.
 */
public final class BlockingListCommands {
    private static final CommandError TIMEOUT_NOT_FLOAT = new CommandError("ERR timeout is not a float or out of range");
    private static final CommandError TIMEOUT_OUT_OF_RANGE = new CommandError("ERR timeout is out of range");
    private static final CommandError TIMEOUT_NEGATIVE = new CommandError("ERR timeout is negative");

    private BlockingListCommands() {
    }

    static void register(CommandTable t) {
        t.add("blpop", -3, "write blocking", (c, a) -> bpop(c, a, true)).keys(1, -2, 1).group("list").since("2.0.0")
                .doc("Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.",
                        "O(N) where N is the number of provided keys.", "key [key ...] timeout");
        t.add("brpop", -3, "write blocking", (c, a) -> bpop(c, a, false)).keys(1, -2, 1).group("list").since("2.0.0")
                .doc("Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.",
                        "O(N) where N is the number of provided keys.", "key [key ...] timeout");
        t.add("blmove", 6, "write denyoom blocking", BlockingListCommands::blmove).keys(1, 2, 1).group("list").since("6.2.0")
                .doc("Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved.",
                        "O(1)", "source destination <LEFT | RIGHT> <LEFT | RIGHT> timeout");
        t.add("brpoplpush", 4, "write denyoom blocking", BlockingListCommands::brpoplpush).keys(1, 2, 1).group("list").since("2.2.0")
                .doc("Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped.",
                        "O(1)", "source destination timeout");
        t.add("blmpop", -5, "write blocking movablekeys", BlockingListCommands::blmpop).keyFinder(a -> ListCommands.numkeysKeys(a, 2))
                .group("list").since("7.0.0")
                .doc("Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped.",
                        "O(N+M) where N is the number of provided keys and M is the number of elements returned.",
                        "timeout numkeys key [key ...] <LEFT | RIGHT> [COUNT count]");
    }

    /**
     * A timeout in (possibly fractional) seconds as Redis 7.2's getTimeoutFromObjectOrReply reads it (a long
     * double, hex and "inf" included), in ms rounded up; 0 waits forever. Too large for a deadline in ms is
     * "out of range", below zero (-inf included) "negative".
     */
    static long timeoutMillis(CommandArgs a, int i) {
        LongDouble seconds = LongDouble.parse(a.bytes(i));
        if (seconds == null) {
            throw TIMEOUT_NOT_FLOAT;
        }
        double ms = seconds.toDouble() * 1000;
        if (ms > Long.MAX_VALUE) {
            throw TIMEOUT_OUT_OF_RANGE;
        }
        long whole = (long) Math.ceil(ms);
        if (whole == 0 && seconds.signum() > 0) {
            whole = 1;  // too small for a double, still above zero to strtold: ceil gives 1 ms
        }
        if (whole < 0) {
            throw TIMEOUT_NEGATIVE;
        }
        if (whole > Long.MAX_VALUE - System.currentTimeMillis()) {
            throw TIMEOUT_OUT_OF_RANGE;  // the deadline (now + timeout) would overflow
        }
        return whole;
    }

    /* BLPOP key [key ...] timeout, BRPOP key [key ...] timeout */
    static void bpop(Client c, CommandArgs a, boolean left) {
        long timeout = timeoutMillis(a, a.count() - 1);
        for (int k = 1; k < a.count() - 1; k++) {
            ListValue list = ListCommands.write(c, a, k);
            if (list != null) {
                Reply r = c.reply();
                r.array(2);
                r.bulk(a.buf(), a.offset(k), a.length(k));
                r.bulk(left ? list.removeFirst() : list.removeLast());
                Values.written(c, a, k, 1, KeyspaceEvents.LIST, left ? "lpop" : "rpop");
                c.server().propagate(c.dbIndex(), ascii(left ? "LPOP" : "RPOP"), a.bytes(k));
                c.server().dispatcher().propagationHandled();
                return;
            }
        }
        int[] keys = new int[a.count() - 2];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = k + 1;
        }
        c.server().blocking().block(c, a, keys, timeout, x -> x.reply().nullArray());
    }

    /* BLMOVE source destination <LEFT | RIGHT> <LEFT | RIGHT> timeout */
    static void blmove(Client c, CommandArgs a) {
        boolean fromLeft = ListCommands.side(a, 3);
        boolean toLeft = ListCommands.side(a, 4);
        moveOrBlock(c, a, fromLeft, toLeft, timeoutMillis(a, 5), "LMOVE");
    }

    /* BRPOPLPUSH source destination timeout */
    static void brpoplpush(Client c, CommandArgs a) {
        moveOrBlock(c, a, false, true, timeoutMillis(a, 3), "RPOPLPUSH");
    }

    private static void moveOrBlock(Client c, CommandArgs a, boolean fromLeft, boolean toLeft, long timeout, String plain) {
        byte[] moved = ListCommands.move(c, a, fromLeft, toLeft);
        if (moved != null) {
            c.reply().bulk(moved);
            if (plain.equals("LMOVE")) {
                c.server().propagate(c.dbIndex(), ascii("LMOVE"), a.bytes(1), a.bytes(2),
                        ascii(fromLeft ? "LEFT" : "RIGHT"), ascii(toLeft ? "LEFT" : "RIGHT"));
            } else {
                c.server().propagate(c.dbIndex(), ascii("RPOPLPUSH"), a.bytes(1), a.bytes(2));
            }
            c.server().dispatcher().propagationHandled();
            return;
        }
        c.server().blocking().block(c, a, new int[] {1}, timeout, x -> x.reply().nullArray());
    }

    /* BLMPOP timeout numkeys key [key ...] <LEFT | RIGHT> [COUNT count] */
    static void blmpop(Client c, CommandArgs a) {
        MpopOptions o = MpopOptions.parse(a, 2, "LEFT", "RIGHT");
        long timeout = timeoutMillis(a, 1);
        if (ListCommands.mpop(c, a, o)) {
            return;
        }
        c.server().blocking().block(c, a, ListCommands.numkeysKeys(a, 2), timeout, x -> x.reply().nullArray());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
