package io.redoubt.server;

import io.redoubt.store.Database;
import io.redoubt.store.Keyspace;

/**
 * The per-database part of the server cron (Redis's databasesCron): active expiry and incremental rehash
 * steps. Runs on the keyspace thread, {@code hz} times a second.
 *
 * <h2>Active expiry (Redis's activeExpireCycle, slow cycle)</h2>
 * Keys with a time to live that nobody reads again would stay in memory for ever under lazy expiry alone.
 * Each run walks a few databases; in each it samples up to {@value #KEYS_PER_LOOP} keys with a time to
 * live, continuing the database's own sweep cursor over its volatile keys, and deletes the expired ones
 * (propagated as DEL). While more than {@value #ACCEPTABLE_STALE}% of a sample was expired the database
 * probably holds many more, so it samples again. The whole run stops after {@value #SLOW_TIME_PERC}% of
 * the cron period, so a mass expiry never stalls clients; the next run resumes where this one stopped.
 * {@code active-expire-effort} raises the sample size, the time share and lowers the tolerated stale share
 * as Redis scales them.
 */
public final class DatabasesCron implements Runnable, Database.EntryVisitor {
    static final int KEYS_PER_LOOP = 20;
    static final int ACCEPTABLE_STALE = 10;
    static final int SLOW_TIME_PERC = 25;
    /** Databases visited per run, as Redis's CRON_DBS_PER_CALL. */
    static final int DBS_PER_CALL = 16;
    /** Buckets per rehash step and the time the cron gives incremental rehash per run (Redis: 1 ms). */
    static final int REHASH_STEP = 100;
    static final long REHASH_NANOS = 1_000_000;

    private final Server server;
    /** Each database's position in its sweep over volatile keys; indexed by database number. */
    private long[] sweepCursors = new long[0];
    private int nextDb;
    private int nextRehashDb;
    /** Whether the last run ran out of time: the next one then visits every database. */
    private boolean timeLimitExit;
    /** The entry the last {@link Database#scanVolatile} call visited. */
    private long visited;
    // Kept current from the configuration: hz, active-expire-effort (scaled to 0..9), activerehashing.
    private int hz = 10;
    private int effort;
    private boolean activeRehashing = true;

    DatabasesCron(Server server) {
        this.server = server;
        server.config().onChange("hz", v -> hz = Math.max(1, Math.min(500, Integer.parseInt(v))));
        server.config().onChange("active-expire-effort", v -> effort = Integer.parseInt(v) - 1);
        server.config().onChange("activerehashing", v -> activeRehashing = "yes".equals(v));
        // Keys written before the first cron run get the current clock too, not 0 (a huge idle time).
        for (int i = 0; i < server.keyspace().count(); i++) {
            stampNewEntries(server, server.keyspace().db(i));
        }
    }

    @Override
    public void run() {
        Keyspace keyspace = server.keyspace();
        if (sweepCursors.length != keyspace.count()) {
            sweepCursors = new long[keyspace.count()];
        }
        // Replicas wait for their primary's DELs; a pause (CLIENT PAUSE) freezes the dataset, expiry included.
        if (server.activeExpire() && "master".equals(server.role()) && !server.pauses().active()) {
            activeExpireCycle(keyspace);
        }
        if (activeRehashing) {
            incrementalRehash(keyspace);
        }
    }

    @Override
    public void visit(long ref) {
        visited = ref;
    }

    private void activeExpireCycle(Keyspace keyspace) {
        // active-expire-effort trades CPU for memory: bigger samples, more time, fewer stale keys tolerated.
        int keysPerLoop = KEYS_PER_LOOP + KEYS_PER_LOOP / 4 * effort;
        int acceptableStale = ACCEPTABLE_STALE - effort;
        long budgetNanos = (SLOW_TIME_PERC + 2L * effort) * 1_000_000_000L / hz / 100;
        long start = System.nanoTime();
        int dbs = timeLimitExit || DBS_PER_CALL > keyspace.count() ? keyspace.count() : DBS_PER_CALL;
        timeLimitExit = false;
        long totalSampled = 0;
        long totalExpired = 0;
        ServerStats stats = server.stats();
        for (int j = 0; j < dbs && !timeLimitExit; j++) {
            int index = nextDb % keyspace.count();
            nextDb = (nextDb + 1) % keyspace.count();
            Database db = keyspace.db(index);
            int sampled;
            int expired;
            do {
                int num = Math.min(db.volatileSize(), keysPerLoop);
                if (num == 0) {
                    break;
                }
                sampled = 0;
                expired = 0;
                long cursor = sweepCursors[index];
                while (sampled < num) {
                    visited = Database.NONE;
                    cursor = db.scanVolatile(cursor, this);
                    if (visited == Database.NONE) {
                        // The table shrank under a stale cursor, or it is empty: start the sweep again.
                        if (db.volatileSize() == 0) {
                            break;
                        }
                        continue;
                    }
                    sampled++;
                    if (server.isExpired(db, visited)) {
                        // Deleting moves the last volatile record into this slot, one already swept past.
                        server.deleteExpired(db, index, visited);
                        expired++;
                    }
                }
                sweepCursors[index] = cursor;
                totalSampled += sampled;
                totalExpired += expired;
                if (System.nanoTime() - start > budgetNanos) {
                    timeLimitExit = true;
                    stats.expiredTimeCapReachedCount++;
                    break;
                }
            } while (sampled == 0 || expired * 100 / sampled > acceptableStale);
        }
        double currentPerc = totalSampled == 0 ? 0 : (double) totalExpired / totalSampled;
        stats.expiredStalePerc = currentPerc * 0.05 + stats.expiredStalePerc * 0.95;
    }

    /** Gives rehash time to the first database that has a rehash in progress, as Redis does. */
    private void incrementalRehash(Keyspace keyspace) {
        int count = keyspace.count();
        for (int j = 0; j < Math.min(count, DBS_PER_CALL); j++) {
            Database db = keyspace.db(nextRehashDb % count);
            long start = System.nanoTime();
            boolean worked = false;
            while (db.rehash(REHASH_STEP)) {
                worked = true;
                if (System.nanoTime() - start > REHASH_NANOS) {
                    break;
                }
            }
            if (worked) {
                return;
            }
            nextRehashDb = (nextRehashDb + 1) % count;
        }
    }

    /** Stamps a database that replaced another (FLUSHDB ASYNC) with the clock the cron gives new entries. */
    public static void stampNewEntries(Server server, Database db) {
        db.setNewEntryClock(server.eviction().newEntryClock());
    }
}
