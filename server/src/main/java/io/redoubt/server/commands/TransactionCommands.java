package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;

/** MULTI, EXEC, DISCARD, WATCH, UNWATCH (Redis's multi.c). Queueing itself is done by the dispatcher. */
public final class TransactionCommands {
    private TransactionCommands() {
    }

    public static void register(CommandTable t) {
        t.add("multi", 1, "noscript loading stale fast allow_busy", TransactionCommands::multi)
                .group("transactions").doc("Starts a transaction.", "O(1)", "");
        t.add("exec", 1, "noscript loading stale skip_slowlog", TransactionCommands::exec)
                .group("transactions").doc("Executes all commands in a transaction.", "Depends on commands in the transaction", "");
        t.add("discard", 1, "noscript loading stale fast allow_busy", TransactionCommands::discard)
                .group("transactions").since("2.0.0").doc("Discards a transaction.", "O(N), when N is the number of queued commands", "");
        t.add("watch", -2, "noscript loading stale fast allow_busy", TransactionCommands::watch).keys(1, -1, 1)
                .group("transactions").since("2.2.0")
                .doc("Monitors changes to keys to determine the execution of a transaction.", "O(1) for every key.", "key [key ...]");
        t.add("unwatch", 1, "noscript loading stale fast allow_busy", TransactionCommands::unwatch)
                .group("transactions").since("2.2.0").doc("Forgets about watched keys of a transaction.", "O(1)", "");
    }

    /* MULTI */
    static void multi(Client c, CommandArgs a) {
        if (c.server().transactions().inMulti(c)) {
            throw new CommandError("ERR MULTI calls can not be nested");
        }
        c.server().transactions().begin(c);
        c.reply().ok();
    }

    /* EXEC */
    static void exec(Client c, CommandArgs a) {
        if (!c.server().transactions().inMulti(c)) {
            throw new CommandError("ERR EXEC without MULTI");
        }
        c.server().dispatcher().exec(c);
    }

    /* DISCARD */
    static void discard(Client c, CommandArgs a) {
        if (!c.server().transactions().inMulti(c)) {
            throw new CommandError("ERR DISCARD without MULTI");
        }
        c.server().dispatcher().discard(c);
        c.reply().ok();
    }

    /* WATCH key [key ...] */
    static void watch(Client c, CommandArgs a) {
        if (c.server().transactions().inMulti(c)) {
            throw new CommandError("ERR WATCH inside MULTI is not allowed");
        }
        for (int i = 1; i < a.count(); i++) {
            c.server().transactions().watch(c, c.dbIndex(), a.bytes(i));
        }
        c.reply().ok();
    }

    /* UNWATCH */
    static void unwatch(Client c, CommandArgs a) {
        c.server().transactions().unwatchAll(c);
        c.reply().ok();
    }
}
