package io.redoubt.server.persist;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;

/** SAVE, BGSAVE and LASTSAVE; DEBUG RELOAD's handler is here too, called by DEBUG. */
public final class SnapshotCommands {
    private SnapshotCommands() {
    }

    public static void register(CommandTable t) {
        t.add("save", 1, "admin noscript no_async_loading no_multi", SnapshotCommands::save).group("server")
                .acl("@admin @slow @dangerous")
                .doc("Synchronously saves the database(s) to disk.",
                        "O(N) where N is the total number of keys in all databases", "");
        t.add("bgsave", -1, "admin noscript no_async_loading", SnapshotCommands::bgsave).group("server")
                .acl("@admin @slow @dangerous")
                .doc("Asynchronously saves the database(s) to disk.", "O(1)", "[SCHEDULE]");
        t.add("lastsave", 1, "loading stale fast", SnapshotCommands::lastsave).group("server")
                .acl("@admin @fast @dangerous").tips("nondeterministic_output")
                .doc("Returns the Unix timestamp of the last successful save to disk.", "O(1)", "");
    }

    /* SAVE */
    static void save(Client c, CommandArgs a) {
        c.server().snapshots().saveCommand();
        c.reply().ok();
    }

    /* BGSAVE [SCHEDULE] */
    static void bgsave(Client c, CommandArgs a) {
        boolean schedule = false;
        if (a.count() > 1) {
            if (a.count() == 2 && a.is(1, "schedule")) {
                schedule = true;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        c.reply().simple(c.server().snapshots().bgsaveCommand(schedule));
    }

    /* LASTSAVE */
    static void lastsave(Client c, CommandArgs a) {
        c.reply().integer(c.server().snapshots().lastSaveSeconds());
    }

    /* DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE] */
    public static void debugReload(Client c, CommandArgs a) {
        boolean flush = true;
        boolean save = true;
        boolean merge = false;
        for (int j = 2; j < a.count(); j++) {
            if (a.is(j, "merge")) {
                merge = true;
            } else if (a.is(j, "noflush")) {
                flush = false;
            } else if (a.is(j, "nosave")) {
                save = false;
            } else {
                throw new CommandError("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
            }
        }
        String error = c.server().snapshots().debugReload(save, flush, merge);
        if (error != null) {
            throw new CommandError(error);
        }
        c.reply().ok();
    }
}
