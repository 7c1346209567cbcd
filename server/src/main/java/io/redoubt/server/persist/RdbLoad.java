package io.redoubt.server.persist;

import io.redoubt.server.Server;
import io.redoubt.server.persist.rdb.RdbFormatException;
import io.redoubt.server.persist.rdb.RdbReader;
import io.redoubt.server.persist.rdb.RdbVisitor;
import io.redoubt.store.Database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a dump file into the keyspace, as Redis's rdbLoad: keys whose time has passed are skipped, as a
 * master does, and counted; the LRU idle time or LFU counter in the file becomes the entry's clock.
 *
 * <p>{@link #load} reads and inserts on the calling thread, which must own the keyspace (DEBUG RELOAD on the
 * keyspace thread). {@link BackgroundLoad} reads on its own thread and calls {@link #insert} on the keyspace
 * thread in batches.
 */
public final class RdbLoad implements RdbVisitor {
    /** What a load found, for the log and INFO. */
    public record Result(long keysLoaded, long keysExpired, String producedBy, long ctime, long usedMem) {
    }

    private final Server server;
    private final Path file;
    private final boolean allowDuplicates;
    private final long now = System.currentTimeMillis();
    private final long keyDelayMicros;
    private long loaded;
    private long expired;
    private volatile String producedBy = "";
    private volatile long ctime = -1;
    private volatile long usedMem = -1;

    /**
     * @param allowDuplicates a key already present is replaced (DEBUG RELOAD MERGE); otherwise a key present
     *                        twice is an error
     */
    public RdbLoad(Server server, Path file, boolean allowDuplicates) {
        this.server = server;
        this.file = file;
        this.allowDuplicates = allowDuplicates;
        this.keyDelayMicros = Math.max(0, server.config().getLong("key-load-delay"));
    }

    /** Reads the whole file into the keyspace on this thread. */
    public Result load() throws IOException, RdbFormatException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            read(in, this);
        }
        return result();
    }

    /** Reads the file from {@code in}, handing what it finds to {@code visitor}. */
    void read(InputStream in, RdbVisitor visitor) throws IOException, RdbFormatException {
        String name = file.getFileName().toString();
        RdbReader reader = new RdbReader(server.encodingLimits());
        try {
            reader.read(in, Files.size(file), name, visitor);
        } catch (Rejected e) {
            throw new RdbFormatException(name, reader.offset(), e.getMessage());
        }
    }

    Result result() {
        return new Result(loaded, expired, producedBy, ctime, usedMem);
    }

    Path file() {
        return file;
    }

    long usedMem() {
        return usedMem;
    }

    boolean keyDelayMicrosSet() {
        return keyDelayMicros > 0;
    }

    /** key-load-delay: a testing aid as in Redis, paid by the reading thread. */
    void keyDelay() {
        if (keyDelayMicros > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(keyDelayMicros * 1000);
        }
    }

    @Override
    public void warning(String message) {
        server.log().warning(file.getFileName() + ": " + message);
    }

    @Override
    public void aux(String key, String value) {
        switch (key) {
            case "redis-ver" -> producedBy = value;
            case "ctime" -> ctime = parseOr(value, -1);
            case "used-mem" -> usedMem = parseOr(value, -1);
            default -> {
            }
        }
    }

    private int currentDb;

    @Override
    public void selectDb(int db) {
        currentDb = db;
    }

    @Override
    public void resizeDb(long size, long expiresSize) {
        reserve(currentDb, size);
    }

    /** RESIZEDB: sizes an empty database's index for the keys to come (on the keyspace thread). */
    void reserve(int dbIndex, long size) {
        if (dbIndex >= 0 && dbIndex < server.keyspace().count()) {
            server.keyspace().db(dbIndex).reserve(size);
        }
    }

    @Override
    public void entry(int dbIndex, byte[] key, int type, Object value, long expireAtMs, int lruIdleSecs, int lfuFreq) {
        keyDelay();
        insert(dbIndex, key, type, value, expireAtMs, lruIdleSecs, lfuFreq);
    }

    /** Puts one key of the file into the keyspace (on the keyspace thread). */
    void insert(int dbIndex, byte[] key, int type, Object value, long expireAtMs, int lruIdleSecs, int lfuFreq) {
        if (dbIndex < 0 || dbIndex >= server.keyspace().count()) {
            throw new Rejected("Data file was created with a Redis server configured to handle more than "
                    + server.keyspace().count() + " databases");
        }
        if (expireAtMs != Database.NO_EXPIRY && expireAtMs < now) {
            expired++;
            return;
        }
        Database db = server.keyspace().db(dbIndex);
        if (!allowDuplicates && db.find(key) != Database.NONE) {
            throw new Rejected("duplicated key '" + new String(key, StandardCharsets.UTF_8) + "' in DB " + dbIndex);
        }
        long ref;
        if (value instanceof byte[] bytes) {
            ref = db.putString(key, bytes, expireAtMs);
        } else {
            ref = db.putObject(key, type, value, expireAtMs);
        }
        int clock = server.eviction().restoredClock(lfuFreq, lruIdleSecs);
        if (clock >= 0) {
            db.setAccessClock(ref, clock);
        }
        loaded++;
    }

    /** A key this load refuses (a database beyond {@code databases}, a duplicate), thrown through the reader. */
    static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private static long parseOr(String v, long fallback) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
