package io.redoubt.server.command;

import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.server.Client;
import io.redoubt.server.Server;
import io.redoubt.server.net.Reply;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Runs one parsed request: finds the command, applies the generic checks once (unknown command, arity,
 * authentication, subscriber context, pause), calls the handler, keeps statistics, feeds the slow log
 * and MONITOR, and propagates writes. Handlers only do their command.
 */
public final class Dispatcher {
    private final Server server;
    private final CommandTable table;
    private final SlowLog slowLog = new SlowLog();
    private final LatencyMonitor latencyMonitor = new LatencyMonitor();
    private long latencyThresholdMs;
    private final Monitors monitors;
    /** The command running now, for error accounting; null between commands. */
    private CommandSpec current;
    private boolean currentFailed;
    private boolean propagationHandled;
    private boolean insideTransaction;
    /** Set when the running command blocked its client: its statistics wait for the unblocking. */
    private boolean currentBlocked;
    /** Set while a blocked client's request runs again: MONITOR saw it the first time. */
    private boolean reprocessing;

    public Dispatcher(Server server) {
        this.server = server;
        this.table = server.commands();
        this.monitors = new Monitors(server);
        server.config().onChange("latency-monitor-threshold", v -> latencyThresholdMs = Long.parseLong(v));
    }

    public LatencyMonitor latencyMonitor() {
        return latencyMonitor;
    }

    public SlowLog slowLog() {
        return slowLog;
    }

    public Monitors monitors() {
        return monitors;
    }

    /** Called for every error reply written while a command runs. */
    public void commandFailed() {
        currentFailed = true;
    }

    /**
     * Called by a command that blocks its client (or, run again, stays blocked). As in Redis, such a call
     * is not counted in the command's statistics: the call that finally serves it is, or the timeout.
     */
    public void commandBlocked() {
        currentBlocked = true;
    }

    /** Counts a blocked command that ended without being served (timeout, CLIENT UNBLOCK), as Redis's updateStatsOnUnblock. */
    public void blockedCommandEnded(CommandSpec cmd, boolean failed) {
        cmd.calls++;
        if (failed) {
            cmd.failedCalls++;
        }
        cmd.latency.recordValue(1);
    }

    /** Runs again the request of a client blocked on a key that became ready. */
    public void reprocess(Client c, CommandSpec cmd, CommandArgs args) {
        reprocessing = true;
        try {
            call(c, cmd, args);
        } finally {
            reprocessing = false;
        }
    }

    /** A handler that propagated its effect itself (EXPIRE as PEXPIREAT…) calls this so the request is not propagated as well. */
    public void propagationHandled() {
        propagationHandled = true;
    }

    /**
     * Executes the request in {@code args} for {@code c}.
     *
     * @return false when the request was not executed and must be retried later (the client is paused)
     */
    public boolean execute(Client c, CommandArgs args) {
        server.updateClock();
        Reply reply = c.reply();
        CommandSpec cmd = table.find(args.buf(), args.offset(0), args.length(0));
        if (cmd == null) {
            server.transactions().abort(c);
            reply.error(unknownCommand(args));
            return true;
        }
        // As Redis: a command with subcommands runs itself only without arguments (COMMAND), else the subcommand.
        if (cmd.handler == null || (args.count() >= 2 && !cmd.subcommands.isEmpty())) {
            if (args.count() < 2) {
                reject(c, cmd, "ERR wrong number of arguments for '" + cmd.fullName + "' command");
                return true;
            }
            CommandSpec sub = CommandTable.findSub(cmd, args.buf(), args.offset(1), args.length(1));
            if (sub == null) {
                reject(c, cmd, "ERR unknown subcommand '" + truncate(args.string(1), 128) + "'. Try "
                        + cmd.name.toUpperCase(Locale.ROOT) + " HELP.");
                return true;
            }
            cmd = sub;
        }
        if (!cmd.arityAccepts(args.count())) {
            reject(c, cmd, "ERR wrong number of arguments for '" + cmd.fullName + "' command");
            return true;
        }
        if (!c.authenticated() && !cmd.has(CommandFlags.NO_AUTH)) {
            reject(c, cmd, "NOAUTH Authentication required.");
            return true;
        }
        if (c.protocol() == 2 && c.subscriptionCount() > 0 && !cmd.has(CommandFlags.ALLOW_IN_SUBSCRIBE)) {
            reject(c, cmd, "ERR Can't execute '" + cmd.fullName + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
            return true;
        }
        boolean inMulti = server.transactions().inMulti(c);
        boolean controlsTransaction = isTransactionControl(cmd);
        if (server.eviction().maxMemory() > 0
                && server.eviction().perform() == io.redoubt.server.Eviction.Result.FAIL
                && (cmd.has(CommandFlags.DENYOOM) || (inMulti && !controlsTransaction))) {
            reject(c, cmd, "OOM command not allowed when used memory > 'maxmemory'.");
            return true;
        }
        if (inMulti && cmd.parent == null && cmd.name.equals("exec") && server.eviction().maxMemory() > 0
                && server.transactions().queuedDenyOom(c)
                && server.eviction().perform() == io.redoubt.server.Eviction.Result.FAIL) {
            // Redis's execCommandAbort: a transaction that may grow memory is refused as a whole.
            cmd.rejectedCalls++;
            discard(c);
            reply.error("EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.");
            return true;
        }
        // As Redis's writeCommandsDeniedByDiskError: a failed RDB save first, then AOF write errors.
        if (server.snapshots().writesDenied() && (cmd.has(CommandFlags.WRITE) || cmd.fullName.equals("ping"))) {
            reject(c, cmd, io.redoubt.server.persist.Snapshots.MISCONF);
            return true;
        }
        if (server.aof().writeRefusal() != null && (cmd.has(CommandFlags.WRITE) || cmd.name.equals("ping"))) {
            reject(c, cmd, server.aof().writeRefusal());
            return true;
        }
        if (server.snapshots().loading() && !cmd.has(CommandFlags.LOADING)) {
            reject(c, cmd, io.redoubt.server.persist.Snapshots.LOADING);
            return true;
        }
        if (server.pauses().mustWait(c, cmd)) {
            return false;
        }
        if (inMulti && !controlsTransaction) {
            if (cmd.has(CommandFlags.NO_MULTI)) {
                reject(c, cmd, "ERR Command not allowed inside a transaction");
                return true;
            }
            server.transactions().queue(c, cmd, args);
            reply.queued();
            return true;
        }
        call(c, cmd, args);
        if (server.blocking().hasReady()) {
            server.blocking().serveReady();
        }
        return true;
    }

    /**
     * Runs a request read from the append-only log, as Redis's loader runs it: straight to the command, with
     * MULTI queueing, but none of the checks a connection's requests get (authentication, maxmemory, pauses,
     * write refusals), so that a log always loads into the state it recorded.
     *
     * @return false when the command is unknown (the log cannot be loaded)
     */
    public boolean replay(Client c, CommandArgs args) {
        server.updateClock();
        CommandSpec cmd = table.find(args.buf(), args.offset(0), args.length(0));
        if (cmd == null) {
            return false;
        }
        if (cmd.handler == null || (args.count() >= 2 && !cmd.subcommands.isEmpty())) {
            CommandSpec sub = args.count() < 2 ? null : CommandTable.findSub(cmd, args.buf(), args.offset(1), args.length(1));
            if (sub == null) {
                return false;
            }
            cmd = sub;
        }
        if (!cmd.arityAccepts(args.count())) {
            c.reply().error("ERR wrong number of arguments for '" + cmd.fullName + "' command");
            return true;
        }
        if (server.transactions().inMulti(c) && !isTransactionControl(cmd)) {
            server.transactions().queue(c, cmd, args);
            return true;
        }
        call(c, cmd, args);
        if (server.blocking().hasReady()) {
            server.blocking().serveReady();
        }
        return true;
    }

    /** The command being run now (for blocking commands that save themselves to run again). */
    public CommandSpec currentCommand() {
        return current;
    }

    /** True while EXEC runs queued commands: blocking commands then time out at once instead of blocking. */
    public boolean insideTransaction() {
        return insideTransaction;
    }

    /** Set by EXEC around its queued commands. */
    public void insideTransaction(boolean on) {
        insideTransaction = on;
    }

    private void reject(Client c, CommandSpec cmd, String message) {
        cmd.rejectedCalls++;
        server.transactions().abort(c);
        c.reply().error(message);
    }

    /** Commands that run at once inside MULTI instead of being queued. */
    private static boolean isTransactionControl(CommandSpec cmd) {
        if (cmd.parent != null) {
            return false;
        }
        return switch (cmd.name) {
            case "exec", "discard", "multi", "watch", "quit", "reset" -> true;
            default -> false;
        };
    }

    /**
     * EXEC: runs the queued commands of {@code c} atomically, their replies in one array; or answers
     * EXECABORT when queueing failed, or a null array when a watched key changed. Writes made inside
     * are propagated between MULTI and EXEC.
     */
    public void exec(Client c) {
        boolean watchBroken = c.dirtyCas();
        io.redoubt.server.Transactions tx = server.transactions();
        int n = tx.queuedCount(c);
        java.util.List<CommandSpec> specs = new java.util.ArrayList<>(n);
        java.util.List<byte[][]> requests = new java.util.ArrayList<>(n);
        boolean aborted = tx.takeQueued(c, specs, requests);
        Reply reply = c.reply();
        if (aborted) {
            reply.error("EXECABORT Transaction discarded because of previous errors.");
            return;
        }
        if (watchBroken) {
            reply.nullArray();
            return;
        }
        reply.array(specs.size());
        CommandArgs queued = new CommandArgs();
        insideTransaction = true;
        try {
            for (int i = 0; i < specs.size(); i++) {
                queued.set(requests.get(i));
                call(c, specs.get(i), queued);
            }
        } finally {
            insideTransaction = false;
            server.endTransactionPropagation(c.dbIndex());
        }
    }

    /** DISCARD: drops the queued commands and the client's watches. */
    public void discard(Client c) {
        server.transactions().takeQueued(c, new java.util.ArrayList<>(), new java.util.ArrayList<>());
    }

    /** Runs a command whose checks have passed (also used by EXEC for queued commands). */
    public void call(Client c, CommandSpec cmd, CommandArgs args) {
        Reply reply = c.reply();
        CommandSpec outer = current;
        if (outer == null) {
            // CLIENT REPLY OFF / SKIP silence whole commands; commands inside EXEC follow EXEC.
            reply.enabled(c.replyMode() == Client.ReplyMode.ON && !c.consumeSkipReply());
        }
        boolean outerFailed = currentFailed;
        boolean outerReprocessing = reprocessing;
        Client outerClient = server.pubSub().executing(c, isSubscribeFamily(cmd));
        current = cmd;
        currentFailed = false;
        currentBlocked = false;
        propagationHandled = false;
        long dirtyBefore = server.dirty();
        long start = System.nanoTime();
        try {
            cmd.handler.handle(c, args);
        } catch (CommandError e) {
            reply.error(e.getMessage());
        } catch (Numbers.InvalidNumberException e) {
            reply.error(CommandError.NOT_INTEGER.getMessage());
        } catch (RuntimeException e) {
            server.log().warning("Internal error running '" + cmd.fullName + "': " + e);
            reply.error("ERR internal error: " + e);
        } catch (OutOfMemoryError e) {
            // Keys and values live in direct memory, capped by -XX:MaxDirectMemorySize: running out fails
            // this command, not the connection or the server.
            server.log().warning("Out of memory running '" + cmd.fullName + "': " + e.getMessage()
                    + " (raise -XX:MaxDirectMemorySize or set maxmemory)");
            reply.error("OOM command not allowed when used memory > 'maxmemory'.");
        }
        long micros = (System.nanoTime() - start) / 1000;
        // After execution, as Redis 7 does: the line shows the database the command left selected.
        if (monitors.active() && !outerReprocessing && !cmd.has(CommandFlags.SKIP_MONITOR) && !cmd.has(CommandFlags.ADMIN)) {
            monitors.feed(c, args);
        }
        if (!currentBlocked) {
            cmd.calls++;
            cmd.microseconds += micros;
            if (currentFailed) {
                cmd.failedCalls++;
            }
            cmd.latency.recordValue(Math.max(1, Math.min(micros, 10_000_000_000L)));
        }
        c.commandDone(cmd);
        server.stats().totalCommandsProcessed++;
        if (!currentBlocked && !cmd.has(CommandFlags.SKIP_SLOWLOG)) {
            slowLog.maybeAdd(server, c, args, micros);
        }
        if (latencyThresholdMs > 0 && micros / 1000 >= latencyThresholdMs) {
            latencyMonitor.add(cmd.has(CommandFlags.FAST) ? "fast-command" : "command", micros / 1000, server.now() / 1000);
        }
        c.clearRedactedArgs();
        if (cmd.has(CommandFlags.WRITE) && server.dirty() != dirtyBefore && !propagationHandled) {
            server.propagate(c.dbIndex(), args);
        }
        current = outer;
        currentFailed = outerFailed;
        currentBlocked = false;
        server.pubSub().executing(outerClient, outer != null && isSubscribeFamily(outer));
        if (outer == null) {
            server.pubSub().flushSelfMessages(c);
        }
    }

    /** Commands whose reply is itself a push (Redis's cmdHasPushAsReply). */
    private static boolean isSubscribeFamily(CommandSpec cmd) {
        return switch (cmd.name) {
            case "subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe" -> true;
            default -> false;
        };
    }

    /** Redis's reply to an unknown command, quoting up to 128 bytes of its arguments. */
    private static String unknownCommand(CommandArgs args) {
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < args.count() && rest.length() < 128; i++) {
            String a = new String(args.bytes(i), StandardCharsets.ISO_8859_1);
            // The room is measured before the opening quote is added, as Redis's sdscatprintf does.
            int room = 128 - rest.length();
            rest.append('\'').append(truncate(a, room)).append("' ");
        }
        return "ERR unknown command '" + truncate(new String(args.bytes(0), StandardCharsets.ISO_8859_1), 128)
                + "', with args beginning with: " + rest;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
