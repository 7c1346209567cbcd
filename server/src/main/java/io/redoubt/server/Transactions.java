package io.redoubt.server;

import io.netty.buffer.ByteBuf;
import io.redoubt.resp.CommandArgs;
import io.redoubt.server.command.CommandSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MULTI/EXEC state and WATCH: the queued commands of clients in a transaction, and the keys clients watch.
 * Any change to a watched key (a write, an expiry, an eviction, a flush) marks its watchers so their next
 * EXEC fails, as Redis's touchDbKey does.
 */
public final class Transactions {
    /** A client's open transaction. */
    static final class Multi {
        final List<CommandSpec> specs = new ArrayList<>();
        final List<byte[][]> requests = new ArrayList<>();
        /** A command was refused while queueing: EXEC answers EXECABORT. */
        boolean aborted;
    }

    private final Map<DbKey, List<Client>> watchers = new HashMap<>();

    // ------------------------------------------------------------------ MULTI

    public boolean inMulti(Client c) {
        return c.multi != null;
    }

    public void begin(Client c) {
        c.multi = new Multi();
    }

    /** Queues a request of a client in MULTI. */
    public void queue(Client c, CommandSpec spec, CommandArgs a) {
        byte[][] request = new byte[a.count()][];
        for (int i = 0; i < a.count(); i++) {
            request[i] = a.bytes(i);
        }
        c.multi.specs.add(spec);
        c.multi.requests.add(request);
    }

    /** Marks the open transaction of {@code c} as failed (a command was refused while queueing). */
    public void abort(Client c) {
        if (c.multi != null) {
            c.multi.aborted = true;
        }
    }

    /** Ends the transaction of {@code c}, returning it; the client's watches are dropped. */
    Multi end(Client c) {
        Multi m = c.multi;
        c.multi = null;
        unwatchAll(c);
        return m;
    }

    /**
     * Ends the transaction of {@code c}, moving its queued commands into the lists given.
     *
     * @return whether the transaction was aborted by an error while queueing
     */
    public boolean takeQueued(Client c, List<CommandSpec> specs, List<byte[][]> requests) {
        Multi m = end(c);
        if (m == null) {
            return false;
        }
        specs.addAll(m.specs);
        requests.addAll(m.requests);
        return m.aborted;
    }

    /** True when a queued command may use more memory (denyoom): EXEC is then refused while out of memory. */
    public boolean queuedDenyOom(Client c) {
        if (c.multi != null) {
            for (CommandSpec spec : c.multi.specs) {
                if (spec.has(io.redoubt.server.command.CommandFlags.DENYOOM)) {
                    return true;
                }
            }
        }
        return false;
    }

    public int queuedCount(Client c) {
        return c.multi == null ? -1 : c.multi.specs.size();
    }

    // ------------------------------------------------------------------ WATCH

    public void watch(Client c, int db, byte[] key) {
        DbKey w = new DbKey(db, key);
        if (c.watched.contains(w)) {
            return;
        }
        c.watched.add(w);
        watchers.computeIfAbsent(w, k -> new ArrayList<>()).add(c);
    }

    public void unwatchAll(Client c) {
        for (DbKey w : c.watched) {
            List<Client> l = watchers.get(w);
            if (l != null) {
                l.remove(c);
                if (l.isEmpty()) {
                    watchers.remove(w);
                }
            }
        }
        c.watched.clear();
        c.dirtyCas = false;
    }

    /** Keys watched by anyone (INFO: watching_clients / total_watched_keys). */
    public int watchedKeys() {
        return watchers.size();
    }

    /** A key changed: its watchers' transactions will fail. Cheap when nothing is watched. */
    void touch(int db, ByteBuf key, int index, int length) {
        if (watchers.isEmpty()) {
            return;
        }
        byte[] bytes = new byte[length];
        key.getBytes(index, bytes);
        touch(db, bytes);
    }

    void touch(int db, byte[] key) {
        if (watchers.isEmpty()) {
            return;
        }
        List<Client> l = watchers.get(new DbKey(db, key));
        if (l != null) {
            for (Client c : l) {
                c.dirtyCas = true;
            }
        }
    }

    /** A whole database changed (FLUSHDB, FLUSHALL, SWAPDB): every watcher of a key there is marked. */
    void touchDatabase(int db) {
        if (watchers.isEmpty()) {
            return;
        }
        for (Map.Entry<DbKey, List<Client>> e : watchers.entrySet()) {
            if (e.getKey().db() == db) {
                for (Client c : e.getValue()) {
                    c.dirtyCas = true;
                }
            }
        }
    }
}
