package io.redoubt.server;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import io.redoubt.resp.CommandArgs;
import io.redoubt.server.command.CommandSpec;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN…), served first come, first served.
 *
 * <h2>Design notes</h2>
 * As in Redis 7, a blocked command is not half-executed: the client keeps a copy of its request, and when
 * one of its keys is signalled ready (something was pushed) the request simply runs again. If it finds
 * data it replies and the client is unblocked; if not (another client took the data first) it blocks
 * again, keeping its place. Ready keys are served after each top-level command and after EXEC, so a
 * transaction's pushes wake clients only once it has finished. While a client is blocked its further
 * pipelined requests wait unread.
 */
public final class Blocking {
    /** Writes the reply a blocked client gets when its timeout passes (null array, null bulk…). */
    @FunctionalInterface
    public interface TimeoutReply {
        void write(Client c);
    }

    /** What a blocked client is waiting for. */
    static final class Wait {
        final List<DbKey> keys = new ArrayList<>();
        final CommandSpec spec;
        final byte[][] request;
        final TimeoutReply onTimeout;
        final CommandArgs args = new CommandArgs();
        /**
         * The value type that serves this wait: a ready key of another type leaves the client blocked. ANY_TYPE
         * for commands outside the list, sorted-set and stream groups (served whatever the key holds, as Redis
         * serves module keys).
         */
        final int servedBy;
        ScheduledFuture<?> timer;
        /** Set when the request, run again after a signal, found nothing and asked to block again. */
        boolean blockedAgain;

        Wait(CommandSpec spec, byte[][] request, TimeoutReply onTimeout) {
            this.spec = spec;
            this.request = request;
            this.onTimeout = onTimeout;
            this.servedBy = switch (spec.group()) {
                case "sorted-set" -> ValueType.ZSET;
                case "stream" -> ValueType.STREAM;
                case "list" -> ValueType.LIST;
                default -> ANY_TYPE;
            };
        }
    }

    private static final int ANY_TYPE = -1;

    private final Server server;
    private final Map<DbKey, ArrayDeque<Client>> waiters = new HashMap<>();
    private final ArrayDeque<DbKey> ready = new ArrayDeque<>();
    private int blockedClients;
    private boolean serving;

    Blocking(Server server) {
        this.server = server;
    }

    /** Number of clients blocked now (INFO clients: blocked_clients). */
    public int blockedClients() {
        return blockedClients;
    }

    /** Keys some client is blocked on (INFO clients: total_blocking_keys). */
    public int blockingKeys() {
        return waiters.size();
    }

    /**
     * Blocks {@code c} on the key arguments {@code keyArgs} of its current request until one is signalled
     * or {@code timeoutMs} passes (0: forever). Inside MULTI/EXEC a client cannot block: the timeout reply
     * is written at once, as Redis does.
     */
    public void block(Client c, CommandArgs a, int[] keyArgs, long timeoutMs, TimeoutReply onTimeout) {
        if (server.dispatcher().insideTransaction()) {
            onTimeout.write(c);
            return;
        }
        server.dispatcher().commandBlocked();
        if (c.wait != null) {
            // Ran again after a signal and found nothing: it keeps waiting, in its place.
            c.wait.blockedAgain = true;
            return;
        }
        byte[][] request = new byte[a.count()][];
        for (int i = 0; i < a.count(); i++) {
            request[i] = a.bytes(i);
        }
        Wait w = new Wait(server.dispatcher().currentCommand(), request, onTimeout);
        for (int k : keyArgs) {
            DbKey key = new DbKey(c.dbIndex(), a.bytes(k));
            if (!w.keys.contains(key)) {
                w.keys.add(key);
                waiters.computeIfAbsent(key, x -> new ArrayDeque<>()).add(c);
            }
        }
        if (timeoutMs > 0 && server.loop() != null) {
            w.timer = server.loop().schedule(() -> timedOut(c, w), timeoutMs, TimeUnit.MILLISECONDS);
        }
        c.wait = w;
        c.blocked = true;
        blockedClients++;
    }

    /** Announces that a list or sorted set key received elements: clients blocked on it are served soon. */
    public void signal(int db, ByteBuf key, int index, int length) {
        if (waiters.isEmpty()) {
            return;
        }
        byte[] bytes = new byte[length];
        key.getBytes(index, bytes);
        DbKey k = new DbKey(db, bytes);
        if (waiters.containsKey(k) && !ready.contains(k)) {
            ready.add(k);
        }
    }

    public boolean hasReady() {
        return !ready.isEmpty();
    }

    /**
     * SWAPDB: keys clients wait on in database {@code db} may exist now that its contents changed; they are
     * signalled (Redis's scanDatabaseForReadyKeys), and serving checks their type and expiry.
     */
    public void signalExisting(int db) {
        Database d = server.keyspace().db(db);
        for (DbKey k : waiters.keySet()) {
            if (k.db() == db && d.find(k.bytes()) != Database.NONE && !ready.contains(k)) {
                ready.add(k);
            }
        }
    }

    /**
     * Runs the requests of clients blocked on ready keys, in arrival order, until no key is ready. As in
     * Redis, a client is served only if the key holds the type it waits for when its turn comes: a key
     * pushed to then deleted or overwritten by a string inside one transaction wakes nobody.
     */
    public void serveReady() {
        if (serving) {
            return;
        }
        serving = true;
        try {
            while (!ready.isEmpty()) {
                DbKey key = ready.poll();
                ArrayDeque<Client> queue = waiters.get(key);
                if (queue == null) {
                    continue;
                }
                Database db = server.keyspace().db(key.db());
                for (Client c : queue.toArray(new Client[0])) {
                    Wait w = c.wait;
                    if (w == null || !w.keys.contains(key)) {
                        continue;  // unblocked meanwhile (served through another key, or disconnected)
                    }
                    long ref = server.lookup(db, key.db(), key.bytes());
                    if (ref == Database.NONE || (w.servedBy != ANY_TYPE && db.type(ref) != w.servedBy)) {
                        continue;
                    }
                    int selected = c.dbIndex();
                    if (selected != key.db()) {
                        c.select(key.db());
                    }
                    w.args.set(w.request);
                    w.blockedAgain = false;
                    server.dispatcher().reprocess(c, w.spec, w.args);
                    if (selected != key.db()) {
                        c.select(selected);
                    }
                    if (w.blockedAgain) {
                        // Nothing was left for it: the key is drained, later clients would not be served either.
                        break;
                    }
                    if (c.wait == w) {
                        unblock(c, w);
                    }
                }
            }
        } finally {
            serving = false;
        }
    }

    private void timedOut(Client c, Wait w) {
        if (c.wait != w) {
            return;
        }
        server.updateClock();
        w.onTimeout.write(c);
        server.dispatcher().blockedCommandEnded(w.spec, false);
        unblock(c, w);
    }

    /**
     * CLIENT UNBLOCK: ends a client's wait with its timeout reply, or with an UNBLOCKED error.
     *
     * @return false when the client was not blocked
     */
    public boolean unblockByRequest(Client c, boolean error) {
        Wait w = c.wait;
        if (w == null) {
            return false;
        }
        if (error) {
            c.reply().error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
        } else {
            w.onTimeout.write(c);
        }
        server.dispatcher().blockedCommandEnded(w.spec, error);
        unblock(c, w);
        return true;
    }

    /** Forgets a client that disconnected while blocked. */
    void forget(Client c) {
        if (c.wait != null) {
            Wait w = c.wait;
            remove(c, w);
            c.wait = null;
            c.blocked = false;
        }
    }

    private void unblock(Client c, Wait w) {
        remove(c, w);
        c.wait = null;
        c.blockedDone();
    }

    private void remove(Client c, Wait w) {
        if (w.timer != null) {
            w.timer.cancel(false);
        }
        for (DbKey k : w.keys) {
            ArrayDeque<Client> q = waiters.get(k);
            if (q != null) {
                q.remove(c);
                if (q.isEmpty()) {
                    waiters.remove(k);
                }
            }
        }
        blockedClients--;
    }
}
