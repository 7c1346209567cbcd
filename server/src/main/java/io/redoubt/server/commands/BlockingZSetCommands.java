package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;
import io.redoubt.server.types.Values;
import io.redoubt.server.types.ZSetValue;

/**
 * BZPOPMIN, BZPOPMAX, BZMPOP: serve at once when a sorted set has members, otherwise block through
 * {@link io.redoubt.server.Blocking} (which runs the request again when a key is added to), as the blocking
 * list commands do. Served requests propagate as ZPOPMIN/ZPOPMAX.
 */
public final class BlockingZSetCommands {
    private BlockingZSetCommands() {
    }

    static void register(CommandTable t) {
        t.add("bzpopmin", -3, "write noscript blocking fast", (c, a) -> bzpop(c, a, false)).keys(1, -2, 1)
                .group("sorted-set").keySpecFlags("RW access delete").since("5.0.0")
                .doc("Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.",
                        "O(log(N)) with N being the number of elements in the sorted set.", "key [key ...] timeout");
        t.add("bzpopmax", -3, "write noscript blocking fast", (c, a) -> bzpop(c, a, true)).keys(1, -2, 1)
                .group("sorted-set").keySpecFlags("RW access delete").since("5.0.0")
                .doc("Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member available otherwise.  Deletes the sorted set if the last element was popped.",
                        "O(log(N)) with N being the number of elements in the sorted set.", "key [key ...] timeout");
        t.add("bzmpop", -5, "write blocking movablekeys", BlockingZSetCommands::bzmpop)
                .keyFinder(a -> ListCommands.numkeysKeys(a, 2)).group("sorted-set").keyNum(2).keySpecFlags("RW access delete").since("7.0.0")
                .doc("Removes and returns a member by score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.",
                        "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
                        "timeout numkeys key [key ...] <MIN | MAX> [COUNT count]");
    }

    /* BZPOPMIN key [key ...] timeout, BZPOPMAX key [key ...] timeout */
    static void bzpop(Client c, CommandArgs a, boolean max) {
        long timeout = BlockingListCommands.timeoutMillis(a, a.count() - 1);
        for (int k = 1; k < a.count() - 1; k++) {
            ZSetValue z = ZSetCommands.write(c, a, k);
            if (z != null) {
                ZSetValue.Cursor cur = z.cursor(max ? z.size() - 1 : 0, max);
                byte[] member = cur.member();
                double score = cur.score();
                z.remove(member);
                Reply r = c.reply();
                r.array(3);
                r.bulk(a.buf(), a.offset(k), a.length(k));
                r.bulk(member);
                r.dbl(score);
                Values.written(c, a, k, 1, KeyspaceEvents.ZSET, max ? "zpopmax" : "zpopmin");
                c.server().propagate(c.dbIndex(), ZSetCommands.ascii(max ? "ZPOPMAX" : "ZPOPMIN"), a.bytes(k));
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

    /* BZMPOP timeout numkeys key [key ...] <MIN | MAX> [COUNT count] */
    static void bzmpop(Client c, CommandArgs a) {
        MpopOptions o = MpopOptions.parse(a, 2, "MIN", "MAX");
        long timeout = BlockingListCommands.timeoutMillis(a, 1);
        if (ZSetCommands.mpop(c, a, o)) {
            return;
        }
        c.server().blocking().block(c, a, ListCommands.numkeysKeys(a, 2), timeout, x -> x.reply().nullArray());
    }
}
