package io.redoubt.server;

import io.redoubt.store.Database;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code maxmemory} and its policies, approximated as Redis's evict.c does: sample
 * {@code maxmemory-samples} keys per database into a small pool of the best candidates (most idle, least
 * frequently used, or nearest to expiring), evict the best, repeat until memory is under the limit.
 *
 * <h2>Access clock</h2>
 * Each entry keeps Redis's 24-bit {@code lru} word. Under LRU policies it is the access time in seconds
 * (mod 2^24). Under LFU policies it is {@code minutes(16 bits) << 8 | logarithmic counter(8 bits)}, the
 * counter decaying by one every {@code lfu-decay-time} minutes and growing with probability
 * {@code 1 / ((counter - 5) * lfu-log-factor + 1)}.
 */
public final class Eviction {
    /** {@code maxmemory-policy} values. */
    public enum Policy {
        NOEVICTION, ALLKEYS_LRU, ALLKEYS_LFU, ALLKEYS_RANDOM, VOLATILE_LRU, VOLATILE_LFU, VOLATILE_RANDOM, VOLATILE_TTL;

        boolean lfu() {
            return this == ALLKEYS_LFU || this == VOLATILE_LFU;
        }

        boolean volatileOnly() {
            return this == VOLATILE_LRU || this == VOLATILE_LFU || this == VOLATILE_RANDOM || this == VOLATILE_TTL;
        }

        static Policy of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Result of {@link #perform()}. */
    public enum Result {
        /** Memory is under the limit (or there is none). */
        OK,
        /** Still over the limit, time budget spent; more will be evicted before the next command. */
        RUNNING,
        /** Over the limit and nothing can be evicted: denyoom commands are refused. */
        FAIL
    }

    static final int LFU_INIT_VAL = 5;
    private static final int POOL_SIZE = 16;

    private final Server server;
    private long maxMemory;
    private Policy policy = Policy.NOEVICTION;
    private int samples = 5;
    private int lfuLogFactor = 10;
    private int lfuDecayTime = 1;
    private int tenacity = 10;
    private int nextRandomDb;

    // The candidate pool, sorted by ascending score; the best candidate is the last one.
    private final long[] poolScore = new long[POOL_SIZE];
    private final byte[][] poolKey = new byte[POOL_SIZE][];
    private final int[] poolDb = new int[POOL_SIZE];
    private int poolSize;

    Eviction(Server server) {
        this.server = server;
    }

    void maxMemory(long bytes) {
        this.maxMemory = bytes;
    }

    public long maxMemory() {
        return maxMemory;
    }

    void policy(String name) {
        Policy p = Policy.of(name);
        if (p.lfu() != policy.lfu()) {
            poolSize = 0;
        }
        policy = p;
    }

    public Policy policy() {
        return policy;
    }

    void samples(int n) {
        this.samples = Math.max(1, n);
    }

    void lfuLogFactor(int f) {
        this.lfuLogFactor = f;
    }

    void lfuDecayTime(int minutes) {
        this.lfuDecayTime = minutes;
    }

    void tenacity(int t) {
        this.tenacity = t;
    }

    public boolean lfu() {
        return policy.lfu();
    }

    // ------------------------------------------------------------------ access clock

    /** The clock word stamped on new entries. */
    int newEntryClock() {
        return policy.lfu() ? (lfuMinutes() << 8) | LFU_INIT_VAL : server.lruClock();
    }

    /** The clock word after an access to an entry whose word was {@code clock}. */
    int touched(int clock) {
        if (!policy.lfu()) {
            return server.lruClock();
        }
        int counter = lfuLogIncrement(lfuDecayed(clock));
        return (lfuMinutes() << 8) | counter;
    }

    private int lfuMinutes() {
        return (int) ((server.now() / 60_000) & 0xFFFF);
    }

    /** The LFU counter after decay, as OBJECT FREQ reports it. */
    public int lfuDecayed(int clock) {
        int ldt = (clock >>> 8) & 0xFFFF;
        int counter = clock & 0xFF;
        int now = lfuMinutes();
        int elapsed = now >= ldt ? now - ldt : 65535 - ldt + now;
        int periods = lfuDecayTime > 0 ? elapsed / lfuDecayTime : 0;
        if (periods > 0) {
            counter = periods > counter ? 0 : counter - periods;
        }
        return counter;
    }

    private int lfuLogIncrement(int counter) {
        if (counter == 255) {
            return 255;
        }
        double r = ThreadLocalRandom.current().nextDouble();
        double base = Math.max(0, counter - LFU_INIT_VAL);
        double p = 1.0 / (base * lfuLogFactor + 1);
        return r < p ? counter + 1 : counter;
    }

    /**
     * The clock word of a key restored or loaded with an idle time or an LFU counter (RESTORE's IDLETIME/FREQ,
     * RDB's IDLE/FREQ), as Redis's objectSetLRUOrLFU: FREQ counts under an LFU policy, IDLETIME under any
     * other; -1 when the one that counts was not given (keep the new-entry clock).
     */
    public int restoredClock(long lfuFreq, long lruIdleSeconds) {
        if (policy.lfu()) {
            return lfuFreq >= 0 ? (lfuMinutes() << 8) | (int) Math.min(255, lfuFreq) : -1;
        }
        if (lruIdleSeconds < 0) {
            return -1;
        }
        long abs = server.lruClock() - lruIdleSeconds;
        if (abs < 0) {
            abs += 0xFFFFFF;
        }
        return (int) (abs & 0xFFFFFF);
    }

    /** Idle time in ms of an entry, from its LRU clock word (OBJECT IDLETIME, eviction under LRU). */
    public long idleMillis(int clock) {
        int now = server.lruClock();
        long seconds = now >= clock ? now - clock : (0xFFFFFF - clock) + now;
        return seconds * 1000;
    }

    // ------------------------------------------------------------------ eviction

    /** Whether memory is over the limit. */
    public boolean overLimit() {
        return maxMemory > 0 && server.usedMemory() > maxMemory;
    }

    /**
     * Evicts keys until memory is under the limit, within a time budget set by
     * {@code maxmemory-eviction-tenacity}. Called before every command while a limit is set.
     */
    public Result perform() {
        if (!overLimit()) {
            return Result.OK;
        }
        if (policy == Policy.NOEVICTION) {
            return Result.FAIL;
        }
        long budgetNanos = tenacity >= 100 ? Long.MAX_VALUE : 500_000L * Math.max(1, tenacity) / 10;
        long start = System.nanoTime();
        int evicted = 0;
        while (overLimit()) {
            if (!evictOne()) {
                return Result.FAIL;
            }
            evicted++;
            if ((evicted & 15) == 0 && System.nanoTime() - start > budgetNanos) {
                return overLimit() ? Result.RUNNING : Result.OK;
            }
        }
        return Result.OK;
    }

    private boolean evictOne() {
        int dbs = server.keyspace().count();
        if (policy == Policy.ALLKEYS_RANDOM || policy == Policy.VOLATILE_RANDOM) {
            for (int i = 0; i < dbs; i++) {
                int dbIndex = nextRandomDb++ % dbs;
                Database db = server.keyspace().db(dbIndex);
                long ref = policy == Policy.ALLKEYS_RANDOM ? db.randomEntry() : db.randomVolatileEntry();
                if (ref != Database.NONE) {
                    evict(db, dbIndex, ref);
                    return true;
                }
            }
            return false;
        }
        for (int attempt = 0; attempt < 4; attempt++) {
            boolean sampled = false;
            for (int dbIndex = 0; dbIndex < dbs; dbIndex++) {
                Database db = server.keyspace().db(dbIndex);
                if ((policy.volatileOnly() ? db.volatileSize() : db.size()) > 0) {
                    populate(db, dbIndex);
                    sampled = true;
                }
            }
            if (!sampled) {
                return false;
            }
            // Take the best candidate that still exists.
            while (poolSize > 0) {
                int k = --poolSize;
                byte[] key = poolKey[k];
                int dbIndex = poolDb[k];
                poolKey[k] = null;
                Database db = server.keyspace().db(dbIndex);
                long ref = db.find(key);
                if (ref != Database.NONE) {
                    evict(db, dbIndex, ref);
                    return true;
                }
            }
        }
        return false;
    }

    private void populate(Database db, int dbIndex) {
        for (int i = 0; i < samples; i++) {
            long ref = policy.volatileOnly() ? db.randomVolatileEntry() : db.randomEntry();
            if (ref == Database.NONE) {
                return;
            }
            long score = switch (policy) {
                case VOLATILE_TTL -> Long.MAX_VALUE - db.expireAt(ref);
                case ALLKEYS_LFU, VOLATILE_LFU -> 255 - lfuDecayed(db.accessClock(ref));
                default -> idleMillis(db.accessClock(ref));
            };
            insert(db, dbIndex, ref, score);
        }
    }

    /** Inserts a candidate into the pool kept sorted by score, dropping the worst when full. */
    private void insert(Database db, int dbIndex, long ref, long score) {
        int k = 0;
        while (k < poolSize && poolScore[k] < score) {
            k++;
        }
        if (k == 0 && poolSize == POOL_SIZE) {
            return;
        }
        for (int j = 0; j < poolSize; j++) {
            if (poolDb[j] == dbIndex && db.keyLength(ref) == poolKey[j].length && db.find(poolKey[j]) == ref) {
                return;
            }
        }
        if (poolSize < POOL_SIZE) {
            System.arraycopy(poolScore, k, poolScore, k + 1, poolSize - k);
            System.arraycopy(poolKey, k, poolKey, k + 1, poolSize - k);
            System.arraycopy(poolDb, k, poolDb, k + 1, poolSize - k);
            poolSize++;
        } else {
            k--;
            System.arraycopy(poolScore, 1, poolScore, 0, k);
            System.arraycopy(poolKey, 1, poolKey, 0, k);
            System.arraycopy(poolDb, 1, poolDb, 0, k);
        }
        poolScore[k] = score;
        poolKey[k] = db.key(ref);
        poolDb[k] = dbIndex;
    }

    private void evict(Database db, int dbIndex, long ref) {
        byte[] key = db.key(ref);
        db.delete(ref);
        server.stats().evictedKeys++;
        server.propagate(dbIndex, DEL, key);
        server.events().notify(KeyspaceEvents.EVICTED, "evicted", dbIndex, key);
        server.keyModified(dbIndex, io.netty.buffer.Unpooled.wrappedBuffer(key), 0, key.length);
    }

    private static final byte[] DEL = {'D', 'E', 'L'};
}
