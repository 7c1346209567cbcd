package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.server.Client;
import io.redoubt.server.DatabasesCron;
import io.redoubt.server.Server;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.store.Database;
import io.redoubt.store.Keyspace;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Whole-database commands: DBSIZE, SWAPDB, FLUSHDB, FLUSHALL. */
public final class DatabaseCommands {
    private static final CommandError INVALID_FIRST_DB = new CommandError("ERR invalid first DB index");
    private static final CommandError INVALID_SECOND_DB = new CommandError("ERR invalid second DB index");

    /**
     * Frees flushed databases off the keyspace thread (Redis's lazyfree thread). One daemon thread for the
     * JVM: releases are rare and each one is a walk over slabs, so embedded servers share it.
     */
    private static final class LazyFree {
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "redoubt-lazyfree");
            t.setDaemon(true);
            return t;
        });
    }

    private DatabaseCommands() {
    }

    static void register(CommandTable t) {
        t.add("dbsize", 1, "readonly fast", DatabaseCommands::dbsize).group("server").acl("@keyspace")
                .tips("request_policy:all_shards response_policy:agg_sum")
                .doc("Returns the number of keys in the database.", "O(1)", "");
        t.add("swapdb", 3, "write fast", DatabaseCommands::swapdb).group("server").since("4.0.0").acl("@keyspace @dangerous")
                .doc("Swaps two Redis databases.", "O(N) where N is the count of clients watching or blocking on keys from both databases.",
                        "index1 index2");
        t.add("flushdb", -1, "write", DatabaseCommands::flushdb).group("server").acl("@keyspace @dangerous")
                .tips("request_policy:all_shards response_policy:all_succeeded")
                .doc("Remove all keys from the current database.", "O(N) where N is the number of keys in the selected database",
                        "[ASYNC | SYNC]");
        t.add("flushall", -1, "write", DatabaseCommands::flushall).group("server").acl("@keyspace @dangerous")
                .tips("request_policy:all_shards response_policy:all_succeeded")
                .doc("Removes all keys from all databases.", "O(N) where N is the total number of keys in all databases",
                        "[ASYNC | SYNC]");
    }

    /* DBSIZE */
    static void dbsize(Client c, CommandArgs a) {
        c.reply().integer(c.db().size());
    }

    /* SWAPDB index1 index2 */
    static void swapdb(Client c, CommandArgs a) {
        int first = dbIndex(a, 1, INVALID_FIRST_DB);
        int second = dbIndex(a, 2, INVALID_SECOND_DB);
        Server server = c.server();
        int count = server.keyspace().count();
        if (first < 0 || first >= count || second < 0 || second >= count) {
            throw CommandError.DB_INDEX;
        }
        if (first != second) {
            server.keyspace().swap(first, second);
            refreshClients(c);
            server.databaseChanged(first);
            server.databaseChanged(second);
            // Clients stay in their database: keys they wait on may exist there now.
            server.blocking().signalExisting(first);
            server.blocking().signalExisting(second);
        }
        server.addDirty(1);
        c.reply().ok();
    }

    private static int dbIndex(CommandArgs a, int i, CommandError error) {
        try {
            long v = a.parseLong(i);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw error;
            }
            return (int) v;
        } catch (Numbers.InvalidNumberException e) {
            throw error;
        }
    }

    /* FLUSHDB [ASYNC | SYNC] */
    static void flushdb(Client c, CommandArgs a) {
        boolean async = asyncOption(c, a);
        Server server = c.server();
        Keyspace keyspace = server.keyspace();
        int removed = flush(server, keyspace, c.dbIndex(), async);
        refreshClients(c);
        server.addDirty(removed);
        forcePropagation(c, a);
        c.reply().ok();
    }

    /* FLUSHALL [ASYNC | SYNC] */
    static void flushall(Client c, CommandArgs a) {
        boolean async = asyncOption(c, a);
        Server server = c.server();
        Keyspace keyspace = server.keyspace();
        long removed = 0;
        for (int i = 0; i < keyspace.count(); i++) {
            removed += flush(server, keyspace, i, async);
        }
        refreshClients(c);
        // Redis counts one more change beyond the keys removed (the snapshot it would rewrite).
        server.addDirty(removed + 1);
        server.snapshots().afterFlushAll();
        forcePropagation(c, a);
        c.reply().ok();
    }

    /** Empties one database; asynchronously by detaching it and freeing it on the lazy-free thread. */
    private static int flush(Server server, Keyspace keyspace, int index, boolean async) {
        Database db = keyspace.db(index);
        int removed = db.size();
        if (removed == 0) {
            return 0;
        }
        server.databaseChanged(index);
        if (async) {
            keyspace.flushAsync(index, LazyFree.EXECUTOR);
            DatabasesCron.stampNewEntries(server, keyspace.db(index));
        } else {
            db.clear();
        }
        return removed;
    }

    private static boolean asyncOption(Client c, CommandArgs a) {
        if (a.count() == 1) {
            var lazy = c.server().config().directive("lazyfree-lazy-user-flush");
            return lazy != null && c.server().config().getBool("lazyfree-lazy-user-flush");
        }
        if (a.count() == 2 && a.is(1, "SYNC")) {
            return false;
        }
        if (a.count() == 2 && a.is(1, "ASYNC")) {
            return true;
        }
        throw CommandError.SYNTAX;
    }

    /** A flush of empty databases still reaches replicas and the log, as Redis forces it. */
    private static void forcePropagation(Client c, CommandArgs a) {
        c.server().propagate(c.dbIndex(), a);
        c.server().dispatcher().propagationHandled();
    }

    /** Clients hold their selected database object; SWAPDB and FLUSH ASYNC replaced some. */
    private static void refreshClients(Client self) {
        for (Client other : self.server().clients()) {
            other.refreshDb();
        }
        self.refreshDb();
    }
}
