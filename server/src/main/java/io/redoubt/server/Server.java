package io.redoubt.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.redoubt.resp.CommandArgs;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.command.Commands;
import io.redoubt.server.command.Dispatcher;
import io.redoubt.server.config.ServerConfig;
import io.redoubt.server.persist.Snapshots;
import io.redoubt.server.persist.aof.AppendOnlyLog;
import io.redoubt.store.Database;
import io.redoubt.store.Databases;
import io.redoubt.store.Keyspace;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one server, as Redis's {@code server} struct: configuration, keyspace, clients, statistics
 * and the clock. Everything here is owned by the keyspace thread (the event loop that runs all client
 * connections); other threads reach it only by submitting tasks to that loop.
 */
public final class Server {
    private final ServerConfig config;
    private final Log log = new Log();
    private final Keyspace keyspace;
    private final CommandTable commands = new CommandTable();
    private final Dispatcher dispatcher;
    private final ServerStats stats = new ServerStats();
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final List<Client> pendingFlush = new ArrayList<>();
    private final List<Runnable> cronTasks = new ArrayList<>();
    private final String runId;
    private final long startMs = System.currentTimeMillis();
    private final CommandArgs propagationArgs = new CommandArgs();
    private final Pauses pauses = new Pauses(this);
    private final Eviction eviction = new Eviction(this);
    private final Blocking blocking = new Blocking(this);
    private final Transactions transactions = new Transactions();
    private final PubSub pubSub = new PubSub();
    private final KeyspaceEvents events = new KeyspaceEvents(pubSub);
    private final io.redoubt.server.types.EncodingLimits encodingLimits;
    private final InstantaneousMetrics metrics = new InstantaneousMetrics();
    private final AppendOnlyLog aof;
    private final Snapshots snapshots;

    private EventLoop loop;
    private RedoubtServer owner;
    private boolean flushScheduled;
    private long nextClientId = 1;
    private long nowMs = System.currentTimeMillis();
    private long dirty;
    private long cronLoops;
    private int boundPort;
    /** Active expiry in the cron; DEBUG SET-ACTIVE-EXPIRE turns it off so tests can watch lazy expiry alone. */
    private boolean activeExpire = true;
    private String configFile = "";

    // Hot-path copies of configuration values, kept current by config listeners.
    private volatile boolean authRequired;
    private volatile String requirePass = "";
    private int maxClients;
    private long queryBufferLimit;
    private long protoMaxBulkLen;
    private long idleTimeoutMs;
    private final OutputLimits outputLimits = new OutputLimits(this);

    public Server(ServerConfig config) {
        this.config = config;
        this.keyspace = new Keyspace(config.getInt("databases"), Databases.offHeap());
        this.dispatcher = new Dispatcher(this);
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
        config.onChange("requirepass", v -> {
            requirePass = v;
            authRequired = !v.isEmpty();
        });
        config.onChange("maxclients", v -> maxClients = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v)));
        config.onChange("loglevel", log::level);
        config.onChange("client-query-buffer-limit", v -> queryBufferLimit = Long.parseLong(v));
        config.onChange("client-output-buffer-limit", outputLimits::configure);
        config.onChange("maxmemory", v -> eviction.maxMemory(Long.parseLong(v)));
        config.onChange("maxmemory-policy", eviction::policy);
        config.onChange("maxmemory-samples", v -> eviction.samples(Integer.parseInt(v)));
        config.onChange("maxmemory-eviction-tenacity", v -> eviction.tenacity(Integer.parseInt(v)));
        config.onChange("lfu-log-factor", v -> eviction.lfuLogFactor(Integer.parseInt(v)));
        config.onChange("lfu-decay-time", v -> eviction.lfuDecayTime(Integer.parseInt(v)));
        config.onChange("proto-max-bulk-len", v -> {
            protoMaxBulkLen = Long.parseLong(v);
            for (Client c : clients.values()) {
                c.parser.maxBulkLength(protoMaxBulkLen);
            }
        });
        config.onChange("notify-keyspace-events", events::configure);
        config.onChange("timeout", v -> idleTimeoutMs = Long.parseLong(v) * 1000);
        config.onChange("slowlog-log-slower-than", v -> dispatcher.slowLog().threshold(Long.parseLong(v)));
        config.onChange("slowlog-max-len", v -> dispatcher.slowLog().maxLength((int) Math.min(Integer.MAX_VALUE, Long.parseLong(v))));
        addCronTask(this::closeIdleClients);
        this.encodingLimits = io.redoubt.server.types.EncodingLimits.of(config);
        Commands.registerAll(commands);
        addCronTask(new DatabasesCron(this));
        this.aof = new AppendOnlyLog(this);
        this.snapshots = new Snapshots(this);
        onClientReset(c -> {
            if (transactions.inMulti(c)) {
                transactions.end(c);
            }
            transactions.unwatchAll(c);
            pubSub.forget(c);
        });
    }

    /** Closes clients idle for longer than {@code timeout} seconds, as Redis's clientsCronHandleTimeout. */
    private void closeIdleClients() {
        if (idleTimeoutMs <= 0) {
            return;
        }
        List<Client> idle = null;
        for (Client c : clients.values()) {
            if (!c.blocked && c.subscriptions == 0 && !c.monitor && nowMs - c.lastInteractionMs > idleTimeoutMs) {
                if (idle == null) {
                    idle = new ArrayList<>();
                }
                idle.add(c);
            }
        }
        if (idle != null) {
            for (Client c : idle) {
                log.verbose("Closing idle client");
                c.kill();
            }
        }
    }

    public ServerConfig config() {
        return config;
    }

    public Log log() {
        return log;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public CommandTable commands() {
        return commands;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Pauses pauses() {
        return pauses;
    }

    /** Compact-encoding thresholds of the collection types, from the configuration. */
    public io.redoubt.server.types.EncodingLimits encodingLimits() {
        return encodingLimits;
    }

    public PubSub pubSub() {
        return pubSub;
    }

    /** Keyspace notifications: commands call {@code events().notify(...)} after each change. */
    public KeyspaceEvents events() {
        return events;
    }

    public Transactions transactions() {
        return transactions;
    }

    public Blocking blocking() {
        return blocking;
    }

    public Eviction eviction() {
        return eviction;
    }

    /**
     * Memory in use as {@code INFO memory}'s used_memory and {@code maxmemory} count it: the keyspace's
     * off-heap and accounted on-heap bytes plus a fixed allowance for the server itself.
     */
    public long usedMemory() {
        return keyspace.usedMemory() + BASE_MEMORY;
    }

    /** What an empty server reports as used_memory, comparable to an empty redis-server's ~0.9 MB. */
    static final long BASE_MEMORY = 900 * 1024;

    /** RDB snapshots: SAVE, BGSAVE, save points, loading (package persist). */
    public Snapshots snapshots() {
        return snapshots;
    }

    public InstantaneousMetrics metrics() {
        return metrics;
    }

    public ServerStats stats() {
        return stats;
    }

    public String runId() {
        return runId;
    }

    public long startMs() {
        return startMs;
    }

    public EventLoop loop() {
        return loop;
    }

    void attach(EventLoop loop, int port) {
        this.loop = loop;
        this.boundPort = port;
    }

    void owner(RedoubtServer owner) {
        this.owner = owner;
    }

    /** Stops the whole server (SHUTDOWN); runs after the current command's reply is written. */
    public void shutdown() {
        if (owner != null) {
            Thread t = new Thread(owner::close, "redoubt-shutdown");
            t.start();
        }
    }

    /** Frees the keyspace's memory; the server must have stopped. */
    void release() {
        snapshots.stop();
        for (int i = 0; i < keyspace.count(); i++) {
            keyspace.db(i).clear();
        }
    }

    /** The absolute path of the config file the server started from; empty when none (CONFIG REWRITE needs it). */
    public String configFile() {
        return configFile;
    }

    void configFile(String path) {
        this.configFile = path;
    }

    public int port() {
        return boundPort;
    }

    public long cronLoops() {
        return cronLoops;
    }

    // ------------------------------------------------------------------ clock

    /** The time commands see: refreshed before each command, so one command sees one instant. */
    public long now() {
        return nowMs;
    }

    public void updateClock() {
        nowMs = System.currentTimeMillis();
    }

    /** Redis's 24-bit LRU clock in seconds, stored in each entry's access clock on access. */
    public int lruClock() {
        return (int) ((nowMs / 1000) & 0xFFFFFF);
    }

    // ------------------------------------------------------------------ dirty counter and propagation

    public long dirty() {
        return dirty;
    }

    public void addDirty(long n) {
        dirty += n;
    }

    public void resetDirty() {
        dirty = 0;
    }

    /**
     * The one point every write goes through on its way to the append-only log and the replicas. Commands
     * that are not deterministic call it with their effect instead of themselves.
     */
    public void propagate(int dbIndex, CommandArgs args) {
        if (dispatcher.insideTransaction() && !transactionPropagated) {
            transactionPropagated = true;
            feed(dbIndex, multiArgs);
        }
        feed(dbIndex, args);
    }

    /** Closes the MULTI that writes inside EXEC opened in the propagated stream, if any. */
    public void endTransactionPropagation(int dbIndex) {
        if (transactionPropagated) {
            transactionPropagated = false;
            feed(dbIndex, execArgs);
        }
    }

    /** Where propagated commands go: the append-only log and the replicas attach here. */
    private void feed(int dbIndex, CommandArgs args) {
        aof.feed(dbIndex, args);
    }

    /** The append-only log (Redis 7's multi-part AOF). */
    public AppendOnlyLog aof() {
        return aof;
    }

    private boolean transactionPropagated;
    private final CommandArgs multiArgs = new CommandArgs().set("MULTI".getBytes(StandardCharsets.US_ASCII));
    private final CommandArgs execArgs = new CommandArgs().set("EXEC".getBytes(StandardCharsets.US_ASCII));

    /** Propagates a command built from parts (DEL of an expired key, PEXPIREAT for EXPIRE…). */
    public void propagate(int dbIndex, byte[]... parts) {
        propagate(dbIndex, propagationArgs.set(parts));
    }

    // ------------------------------------------------------------------ key look-up with expiry

    /**
     * Finds a key for reading: expired keys are deleted on the way (and the deletion propagated), hits and
     * misses are counted, and the access clock is touched unless the client asked for NO-TOUCH.
     */
    public long lookupRead(Client c, CommandArgs args, int argIndex) {
        long ref = lookup(c.db, c.dbIndex, args.buf(), args.offset(argIndex), args.length(argIndex));
        if (ref == Database.NONE) {
            stats.keyspaceMisses++;
            events.notify(KeyspaceEvents.KEY_MISS, "keymiss", c, args, argIndex);
        } else {
            stats.keyspaceHits++;
            if (!c.noTouch) {
                c.db.setAccessClock(ref, eviction.touched(c.db.accessClock(ref)));
            }
        }
        return ref;
    }

    /** Finds a key about to be written: expired keys are deleted first; no statistics. */
    public long lookupWrite(Client c, CommandArgs args, int argIndex) {
        return lookup(c.db, c.dbIndex, args.buf(), args.offset(argIndex), args.length(argIndex));
    }

    /** Finds a live key, deleting it first if its time has passed. */
    public long lookup(Database db, int dbIndex, ByteBuf key, int index, int length) {
        long ref = db.find(key, index, length);
        if (ref != Database.NONE && isExpired(db, ref)) {
            deleteExpired(db, dbIndex, ref);
            return Database.NONE;
        }
        return ref;
    }

    public long lookup(Database db, int dbIndex, byte[] key) {
        long ref = db.find(key);
        if (ref != Database.NONE && isExpired(db, ref)) {
            deleteExpired(db, dbIndex, ref);
            return Database.NONE;
        }
        return ref;
    }

    public boolean isExpired(Database db, long ref) {
        long at = db.expireAt(ref);
        return at != Database.NO_EXPIRY && at <= nowMs;
    }

    /** Deletes an expired entry and propagates the deletion as DEL, as Redis does. */
    public void deleteExpired(Database db, int dbIndex, long ref) {
        byte[] key = db.key(ref);
        db.delete(ref);
        stats.expiredKeys++;
        propagate(dbIndex, DEL, key);
        keyExpired(dbIndex, key);
    }

    public boolean activeExpire() {
        return activeExpire;
    }

    /** DEBUG SET-ACTIVE-EXPIRE 0|1. */
    public void activeExpire(boolean on) {
        activeExpire = on;
    }

    /** Hook for keyspace notifications and WATCH when a key expires. */
    void keyExpired(int dbIndex, byte[] key) {
        events.notify(KeyspaceEvents.EXPIRED, "expired", dbIndex, key);
        transactions.touch(dbIndex, key);
    }

    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

    // ------------------------------------------------------------------ clients

    public boolean authRequired() {
        return authRequired;
    }

    public String requirePass() {
        return requirePass;
    }

    public int maxClients() {
        return maxClients;
    }

    public long queryBufferLimit() {
        return queryBufferLimit;
    }

    /** proto-max-bulk-len: the longest bulk a client may send, and the largest string commands may build. */
    public long protoMaxBulkLen() {
        return protoMaxBulkLen;
    }

    OutputLimits outputLimits() {
        return outputLimits;
    }

    public Collection<Client> clients() {
        return clients.values();
    }

    public Client client(long id) {
        return clients.get(id);
    }

    Client newClient(io.netty.channel.Channel ch, String addr, String laddr) {
        Client c = new Client(this, nextClientId++, ch, addr, laddr);
        c.parser.maxBulkLength(protoMaxBulkLen);
        clients.put(c.id, c);
        stats.totalConnectionsReceived++;
        return c;
    }

    void removeClient(Client c) {
        clients.remove(c.id);
        pendingFlush.remove(c);
        pauses.forget(c);
        pubSub.forget(c);
        transactions.end(c);
        blocking.forget(c);
        dispatcher.monitors().remove(c);
    }

    /** Queues a client whose replies were written outside its own read (Pub/Sub, MONITOR, unblocking). */
    void flushSoon(Client c) {
        if (!pendingFlush.contains(c)) {
            pendingFlush.add(c);
        }
        if (!flushScheduled && loop != null) {
            flushScheduled = true;
            loop.execute(this::flushPending);
        }
    }

    private void flushPending() {
        flushScheduled = false;
        for (Client c : pendingFlush) {
            ClientConnection.flush(c, true);
        }
        pendingFlush.clear();
    }

    void countError(String message) {
        stats.totalErrorReplies++;
        int code = io.redoubt.server.net.Reply.codeLength(message);
        String key = code > 0 ? message.substring(0, code) : "ERR";
        if (stats.errorsByCode.size() < 128 || stats.errorsByCode.containsKey(key)) {
            stats.errorsByCode.merge(key, 1L, Long::sum);
        }
        dispatcher.commandFailed();
    }

    private final List<java.util.function.Consumer<Client>> resetHooks = new ArrayList<>();

    /** Registers state to clear when a client sends RESET (MULTI, subscriptions, tracking…). */
    public void onClientReset(java.util.function.Consumer<Client> hook) {
        resetHooks.add(hook);
    }

    void clientResetHooks(Client c) {
        for (java.util.function.Consumer<Client> h : resetHooks) {
            h.accept(c);
        }
    }

    /** "master" or "slave", as INFO and HELLO say it. */
    public String role() {
        return "master";
    }

    /**
     * Called by every command that changes a key (Redis's signalModifiedKey): WATCH, client-side caching
     * and keyspace notifications attach here.
     */
    public void keyModified(int dbIndex, ByteBuf key, int index, int length) {
        transactions.touch(dbIndex, key, index, length);
    }

    /** Every key of a database changed at once (FLUSHDB, FLUSHALL, SWAPDB): WATCH attaches here. */
    public void databaseChanged(int dbIndex) {
        transactions.touchDatabase(dbIndex);
    }

    // ------------------------------------------------------------------ periodic work

    /** Adds work to the server cron, which runs {@code hz} times a second on the keyspace thread. */
    public void addCronTask(Runnable task) {
        cronTasks.add(task);
    }

    void cron() {
        updateClock();
        cronLoops++;
        int clock = eviction.newEntryClock();
        for (int i = 0; i < keyspace.count(); i++) {
            keyspace.db(i).setNewEntryClock(clock);
        }
        if (eviction.maxMemory() > 0) {
            eviction.perform();
        }
        pauses.check();
        metrics.sample(this);
        for (Runnable r : cronTasks) {
            r.run();
        }
    }
}
