package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.RedoubtServer;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;

import java.time.Instant;

/**
 * Server commands: TIME, MONITOR, SHUTDOWN, ROLE, LOLWUT; registers INFO, DEBUG, MEMORY, LATENCY
 * and SLOWLOG, which live in their own classes.
 */
public final class ServerCommands {
    private ServerCommands() {
    }

    public static void register(CommandTable t) {
        InfoCommand.register(t);
        DebugCommands.register(t);
        LatencyCommands.register(t);
        t.add("time", 1, "loading stale fast", ServerCommands::time).group("server").since("2.6.0")
                .doc("Returns the server time.", "O(1)", "");
        t.add("monitor", 1, "admin noscript loading stale", ServerCommands::monitor).group("server")
                .doc("Listens for all requests received by the server in real-time.", "", "");
        t.add("shutdown", -1, "admin noscript loading stale no_multi sentinel allow_busy", ServerCommands::shutdown)
                .group("server")
                .doc("Synchronously saves the database(s) to disk and shuts down the Redis server.",
                        "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)",
                        "[NOSAVE | SAVE] [NOW] [FORCE] [ABORT]");
        t.add("role", 1, "noscript loading stale fast sentinel", ServerCommands::role).group("server").since("2.8.12")
                .acl("@admin @dangerous").doc("Returns the replication role.", "O(1)", "");
        t.add("lolwut", -1, "readonly fast", ServerCommands::lolwut).group("server").since("5.0.0")
                .doc("Displays computer art and the Redis version", "", "[VERSION version]");
    }

    /* TIME */
    static void time(Client c, CommandArgs a) {
        Instant now = Instant.now();
        Reply r = c.reply();
        r.array(2);
        r.bulkLong(now.getEpochSecond());
        r.bulkLong(now.getNano() / 1000);
    }

    /* MONITOR */
    static void monitor(Client c, CommandArgs a) {
        if (c.monitor()) {
            // Already monitoring: Redis sends nothing.
            return;
        }
        c.monitor(true);
        c.server().dispatcher().monitors().add(c);
        c.reply().ok();
    }

    /* SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT] */
    static void shutdown(Client c, CommandArgs a) {
        boolean nosave = false;
        boolean save = false;
        boolean now = false;
        boolean force = false;
        boolean abort = false;
        for (int i = 1; i < a.count(); i++) {
            if (a.is(i, "nosave")) {
                nosave = true;
            } else if (a.is(i, "save")) {
                save = true;
            } else if (a.is(i, "now")) {
                now = true;
            } else if (a.is(i, "force")) {
                force = true;
            } else if (a.is(i, "abort")) {
                abort = true;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if ((abort && (nosave || save || now || force)) || (nosave && save)) {
            throw CommandError.SYNTAX;
        }
        if (abort) {
            // Shutdown is immediate (no replicas to wait for), so none is ever in progress.
            throw new CommandError("ERR No shutdown in progress.");
        }
        Server s = c.server();
        s.log().notice("User requested shutdown...");
        if (!s.aof().prepareForShutdown(force)) {
            s.log().warning("Errors trying to shut down the server. Check the logs for more information.");
            throw new CommandError("ERR Errors trying to SHUTDOWN. Check logs.");
        }
        if (!s.snapshots().shutdownSave(save, nosave)) {
            if (force) {
                s.log().warning("Error trying to save the DB. Exit anyway.");
            } else {
                s.log().warning("Error trying to save the DB, can't exit.");
                s.log().warning("Errors trying to shut down the server. Check the logs for more information.");
                throw new CommandError("ERR Errors trying to SHUTDOWN. Check logs.");
            }
        }
        if (!s.config().get("pidfile").isEmpty()) {
            s.log().notice("Removing the pid file.");
        }
        // No reply: every connection closes with the server, as in Redis. Closed here, on the keyspace
        // thread, rather than left to the event loop's termination, which does not always close them.
        c.reply().enabled(false);
        for (Client other : new java.util.ArrayList<>(s.clients())) {
            other.kill();
        }
        s.shutdown();
    }

    /* ROLE */
    static void role(Client c, CommandArgs a) {
        Reply r = c.reply();
        r.array(3);
        r.bulk("master");
        r.integer(0);
        r.array(0);
    }

    /* LOLWUT [VERSION version] */
    static void lolwut(Client c, CommandArgs a) {
        if (a.count() >= 3 && a.is(1, "version")) {
            Arguments.longArg(a, 2);
        }
        c.reply().verbatim("Redoubt ver. " + RedoubtServer.VERSION + "\n");
    }
}
