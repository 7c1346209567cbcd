package io.redoubt.server.persist;

import io.redoubt.server.Server;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.persist.rdb.RdbFormatException;
import io.redoubt.server.persist.rdb.RdbWriter;
import io.redoubt.store.Database;
import io.redoubt.store.Keyspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The life cycle of RDB snapshots, as Redis's rdb.c and serverCron run it: SAVE, BGSAVE [SCHEDULE], save
 * points, the state INFO persistence reports, MISCONF after a failed background save, the final save of
 * SHUTDOWN and FLUSHALL, DEBUG RELOAD and the load at start. Everything runs on the keyspace thread except
 * {@link #prepareLoadAtStart} and {@link #loadAtStart}, which the starting thread calls (see there).
 *
 * <p>BGSAVE has no child process: see {@link BackgroundSave} for how the fork-less image is taken. Where
 * Redis reports copy-on-write sizes and fork times this server reports 0.
 */
public final class Snapshots {
    /** Redis's CONFIG_BGSAVE_RETRY_DELAY: after a failed background save, save points wait this long. */
    static final int BGSAVE_RETRY_DELAY_SECONDS = 5;

    public static final String MISCONF = "MISCONF Redis is configured to save RDB snapshots, but it's currently "
            + "unable to persist to disk. Commands that may modify the data set are disabled, because this instance "
            + "is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error "
            + "option). Please check the Redis logs for details about the RDB error.";

    private final Server server;
    private SavePoints savePoints = SavePoints.NONE;
    private boolean stopWritesOnError = true;

    /** Unix seconds of the last successful save; the start counts as one, as in Redis. */
    private long lastSaveSeconds = System.currentTimeMillis() / 1000;
    private long lastBgsaveTrySeconds;
    private boolean lastBgsaveOk = true;
    private long lastBgsaveTimeSeconds = -1;
    private long saves;
    private boolean scheduled;
    private long dirtyBeforeBgsave;
    private BackgroundSave running;
    /** True when writes (and PING) are refused with {@link #MISCONF}; kept current for the dispatcher. */
    private boolean writesDenied;

    private long lastLoadKeysLoaded;
    private long lastLoadKeysExpired;

    public Snapshots(Server server) {
        this.server = server;
        server.config().onChange("save", v -> {
            savePoints = SavePoints.parse(v);
            updateWritesDenied();
        });
        server.config().onChange("stop-writes-on-bgsave-error", v -> {
            stopWritesOnError = "yes".equals(v);
            updateWritesDenied();
        });
        savePoints = SavePoints.parse(server.config().get("save"));
        stopWritesOnError = server.config().getBool("stop-writes-on-bgsave-error");
        server.addCronTask(this::cron);
    }

    /** The dump file: {@code dbfilename} in {@code dir}. */
    public Path dumpFile() {
        return server.config().resolve(server.config().get("dbfilename"));
    }

    public boolean hasSavePoints() {
        return !savePoints.isEmpty();
    }

    public boolean bgsaveInProgress() {
        return running != null;
    }

    public long lastSaveSeconds() {
        return lastSaveSeconds;
    }

    /**
     * Redis's writeCommandsDeniedByDiskError for RDB: true after a failed background save while save points
     * exist and stop-writes-on-bgsave-error is on, until a save succeeds.
     */
    public boolean writesDenied() {
        return writesDenied;
    }

    private void updateWritesDenied() {
        writesDenied = stopWritesOnError && !savePoints.isEmpty() && !lastBgsaveOk;
    }

    // ------------------------------------------------------------------ SAVE

    /** SAVE: writes the dump on this thread. */
    public void saveCommand() {
        if (running != null) {
            throw new CommandError("ERR Background save already in progress");
        }
        saves++;
        if (!save()) {
            throw new CommandError("ERR");
        }
    }

    /** Redis's rdbSave: a synchronous save to the dump file; false (logged) when it failed. */
    public boolean save() {
        long dirtyAtStart = server.dirty();
        try {
            writeImage(dumpFile());
        } catch (IOException | RuntimeException e) {
            server.log().warning(e.getMessage());
            return false;
        }
        server.log().notice("DB saved on disk");
        // Nothing ran meanwhile: every change is in the file.
        server.addDirty(-dirtyAtStart);
        lastSaveSeconds = System.currentTimeMillis() / 1000;
        lastBgsaveOk = true;
        updateWritesDenied();
        return true;
    }

    /** Writes every database as it is now to {@code target} (temp file, fsync, rename). */
    void writeImage(Path target) throws IOException {
        SnapshotFile file = new SnapshotFile(target, server.config().getBool("rdb-save-incremental-fsync"));
        RdbWriter writer = null;
        try {
            file.open();
            writer = RdbImage.begin(chunk -> {
                try {
                    file.write(chunk);
                } finally {
                    chunk.release();
                }
            }, server);
            RdbImage.LiveEntry view = new RdbImage.LiveEntry();
            Keyspace keyspace = server.keyspace();
            for (int i = 0; i < keyspace.count(); i++) {
                Database db = keyspace.db(i);
                if (db.size() == 0) {
                    continue;
                }
                RdbImage.beginDatabase(writer, i, db.size(), db.volatileSize());
                RdbWriter w = writer;
                long cursor = 0;
                do {
                    // Nothing changes the table during the walk, so the cursor visits each entry once.
                    cursor = db.scan(cursor, ref -> {
                        try {
                            w.entry(view.at(db, ref));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } while (cursor != 0);
            }
            writer.end();
            writer = null;
            file.commit();
        } catch (UncheckedIOException e) {
            file.discard();
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            file.discard();
            throw e;
        } finally {
            if (writer != null) {
                writer.release();
            }
        }
    }

    // ------------------------------------------------------------------ BGSAVE

    /**
     * Redis runs one child at a time: an AOF rewrite (which takes the same point-in-time traversals, one per
     * database at a time) blocks BGSAVE, which is then refused or scheduled.
     */
    private boolean otherJobRunning() {
        return server.aof().rewriteInProgress();
    }

    /** BGSAVE [SCHEDULE]: the status reply, or a CommandError. */
    public String bgsaveCommand(boolean schedule) {
        if (running != null) {
            throw new CommandError("ERR Background save already in progress");
        }
        boolean inExec = server.dispatcher().insideTransaction();
        if (otherJobRunning() || inExec) {
            if (schedule || inExec) {
                scheduled = true;
                return "Background saving scheduled";
            }
            throw new CommandError("ERR Another child process is active (AOF?): can't BGSAVE right now. "
                    + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
        }
        if (!startBackgroundSave()) {
            throw new CommandError("ERR");
        }
        return "Background saving started";
    }

    /** Redis's rdbSaveBackground: false when another background job runs or the save could not start. */
    public boolean startBackgroundSave() {
        if (running != null || otherJobRunning()) {
            return false;
        }
        saves++;
        dirtyBeforeBgsave = server.dirty();
        lastBgsaveTrySeconds = System.currentTimeMillis() / 1000;
        SnapshotFile file = new SnapshotFile(dumpFile(), server.config().getBool("rdb-save-incremental-fsync"));
        BackgroundSave save = new BackgroundSave(server, file, this::backgroundSaveDone);
        try {
            save.start();
        } catch (IllegalStateException busy) {
            // Another traversal holds a database: the same as another job running.
            return false;
        } catch (RuntimeException e) {
            lastBgsaveOk = false;
            updateWritesDenied();
            server.log().warning("Can't save in background: " + e.getMessage());
            return false;
        }
        running = save;
        server.log().notice("Background saving started");
        return true;
    }

    private void backgroundSaveDone(BackgroundSave save, BackgroundSave.Outcome outcome) {
        if (save != running) {
            return; // Killed earlier: accounted for then.
        }
        running = null;
        lastBgsaveTimeSeconds = (System.currentTimeMillis() - save.startMs()) / 1000;
        if (outcome.ok()) {
            server.log().notice("Background saving terminated with success");
            server.addDirty(-dirtyBeforeBgsave);
            lastSaveSeconds = System.currentTimeMillis() / 1000;
            lastBgsaveOk = true;
        } else if (!outcome.aborted()) {
            server.log().warning(outcome.error());
            server.log().warning("Background saving error");
            lastBgsaveOk = false;
        }
        updateWritesDenied();
    }

    /** Stops a running background save without marking an error (Redis's killRDBChild). */
    public void killBackgroundSave() {
        BackgroundSave save = running;
        if (save != null) {
            save.abort();
            server.log().warning("Background saving terminated by signal 10");
            // Its writer reports later and is ignored; the slot is free now, as after Redis's kill.
            running = null;
            lastBgsaveTimeSeconds = (System.currentTimeMillis() - save.startMs()) / 1000;
        }
    }

    /** Stops everything running in the background; the server is stopping (its event loop may be gone). */
    public void stop() {
        BackgroundLoad load = currentLoad;
        if (load != null) {
            load.cancel();
        }
        BackgroundSave save = running;
        if (save != null) {
            killBackgroundSave();
            save.awaitWriter(5_000);
        }
    }

    /** Save points and scheduled saves, from the server cron (serverCron's part about RDB). */
    private void cron() {
        long now = System.currentTimeMillis() / 1000;
        boolean retryAllowed = now - lastBgsaveTrySeconds > BGSAVE_RETRY_DELAY_SECONDS || lastBgsaveOk;
        if (running == null && !otherJobRunning()) {
            SavePoints points = savePoints;
            for (int j = 0; j < points.count(); j++) {
                if (server.dirty() >= points.changes()[j] && now - lastSaveSeconds > points.seconds()[j] && retryAllowed) {
                    server.log().notice(points.changes()[j] + " changes in " + points.seconds()[j] + " seconds. Saving...");
                    startBackgroundSave();
                    break;
                }
            }
        }
        if (running == null && !otherJobRunning() && scheduled && retryAllowed) {
            if (startBackgroundSave()) {
                scheduled = false;
            }
        }
    }

    // ------------------------------------------------------------------ FLUSHALL, SHUTDOWN, DEBUG RELOAD

    /** After FLUSHALL: a running BGSAVE is stopped and, with save points, the empty dataset saved (Redis 7). */
    public void afterFlushAll() {
        killBackgroundSave();
        if (!savePoints.isEmpty()) {
            save();
        }
    }

    /**
     * The save of SHUTDOWN and SIGTERM: a running BGSAVE is stopped, then the dump written when save points
     * exist (unless {@code nosave}) or {@code save} asks for it.
     *
     * @return false when the save failed (SHUTDOWN then refuses to exit unless FORCE)
     */
    public boolean shutdownSave(boolean save, boolean nosave) {
        if (running != null) {
            server.log().warning("There is a child saving an .rdb. Killing it!");
            BackgroundSave child = running;
            killBackgroundSave();
            // As Redis removes the child's temporary file before exiting.
            child.awaitWriter(5_000);
        }
        if (loading) {
            // As Redis: a half-loaded dataset is never saved over the file it comes from.
            return true;
        }
        if ((!savePoints.isEmpty() && !nosave) || save) {
            server.log().notice("Saving the final RDB snapshot before exiting.");
            return save();
        }
        return true;
    }

    /** DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: null on success, else the error reply. */
    public String debugReload(boolean save, boolean flush, boolean merge) {
        if (loading) {
            return LOADING;
        }
        if (save && !save()) {
            return "ERR";
        }
        if (flush) {
            Keyspace keyspace = server.keyspace();
            for (int i = 0; i < keyspace.count(); i++) {
                if (keyspace.db(i).size() > 0) {
                    server.databaseChanged(i);
                    keyspace.db(i).clear();
                }
            }
        }
        try {
            long startNs = System.nanoTime();
            RdbLoad.Result r = new RdbLoad(server, dumpFile(), merge).load();
            loaded(r, startNs);
        } catch (IOException | RdbFormatException | RuntimeException e) {
            server.log().warning("Error loading the RDB: " + e.getMessage());
            return "ERR Error trying to load the RDB dump, check server logs.";
        }
        server.log().notice("DB reloaded by DEBUG RELOAD");
        return null;
    }

    // ------------------------------------------------------------------ loading at start

    /** The error commands without the {@code loading} flag get while the dump loads. */
    public static final String LOADING = "LOADING Redis is loading the dataset in memory";

    /**
     * Loads the dump file at start, once the server listens (Redis's loadDataFromDisk for RDB): a reader
     * thread parses it and the keyspace thread inserts the keys between the commands it answers with
     * {@link #LOADING}. Returns when the data is in. A missing file starts empty; an unreadable or corrupt
     * one is an error the server must not start with, since a later save would overwrite the data it could
     * not read. Called on the starting thread, not the keyspace thread.
     *
     * @throws IOException naming the file and, for corruption, the offset
     */
    public void loadAtStart() throws IOException {
        Path file = pendingLoad;
        if (file == null) {
            return;
        }
        pendingLoad = null;
        long startNs = System.nanoTime();
        RdbLoad load = new RdbLoad(server, file, false);
        BackgroundLoad background = new BackgroundLoad(server, load);
        loadingRdb = load;
        currentLoad = background;
        RdbLoad.Result r;
        try {
            r = background.start().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading " + file, e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NoSuchFileException) {
                return;
            }
            if (cause instanceof IOException && !(cause instanceof java.nio.file.FileSystemException)) {
                throw new IOException("Fatal error loading the DB (" + file + "): " + cause.getMessage() + ". Exiting.", cause);
            }
            throw new IOException("Fatal error loading the DB: " + cause.getMessage() + ". Exiting.", cause);
        } finally {
            loading = false;
            currentLoad = null;
        }
        // On the keyspace thread, which owns the figures INFO shows; logged before "Ready to accept connections".
        java.util.concurrent.CompletableFuture.runAsync(() -> loaded(r, startNs), server.loop()).join();
    }

    /**
     * Before the server listens: notes whether a dump is to be loaded and, if so, enters the loading state, so
     * that no command slips in between listening and loading.
     */
    public void prepareLoadAtStart() throws IOException {
        if (server.config().getBool("appendonly")) {
            return; // The append-only log is the data set then; its loader ran instead.
        }
        Path file = dumpFile();
        if (!Files.exists(file)) {
            return;
        }
        loadingStartSeconds = System.currentTimeMillis() / 1000;
        loadingTotalBytes = Files.size(file);
        pendingLoad = file;
        loading = true;
    }

    private Path pendingLoad;

    /** True while the dump loads at start: the dispatcher answers {@link #LOADING}. */
    public boolean loading() {
        return loading;
    }

    private volatile boolean loading;
    private volatile BackgroundLoad currentLoad;
    private volatile RdbLoad loadingRdb;
    private volatile long loadingStartSeconds;
    private volatile long loadingTotalBytes;

    private void loaded(RdbLoad.Result r, long startNs) {
        if (!r.producedBy().isEmpty()) {
            server.log().notice("Loading RDB produced by version " + r.producedBy());
        }
        if (r.ctime() >= 0) {
            server.log().notice("RDB age " + Math.max(0, System.currentTimeMillis() / 1000 - r.ctime()) + " seconds");
        }
        if (r.usedMem() >= 0) {
            server.log().notice(String.format(Locale.ROOT, "RDB memory usage when created %.2f Mb", r.usedMem() / 1024.0 / 1024.0));
        }
        server.log().notice("Done loading RDB, keys loaded: " + r.keysLoaded() + ", keys expired: " + r.keysExpired() + ".");
        server.log().notice(String.format(Locale.ROOT, "DB loaded from disk: %.3f seconds", (System.nanoTime() - startNs) / 1e9));
        lastLoadKeysLoaded = r.keysLoaded();
        lastLoadKeysExpired = r.keysExpired();
    }

    // ------------------------------------------------------------------ INFO

    /** INFO persistence's fields that belong to RDB and loading, in Redis 7.2's order, before the aof_ ones. */
    public Map<String, String> infoFields() {
        Map<String, String> f = new LinkedHashMap<>();
        BackgroundSave save = running;
        long processed = save == null ? 0 : save.keysProcessed();
        long total = save == null ? 0 : save.keysTotal();
        f.put("loading", loading ? "1" : "0");
        f.put("async_loading", "0");
        // No fork, hence no copy-on-write: the fields stay at 0 (see docs/persistence.md).
        f.put("current_cow_peak", "0");
        f.put("current_cow_size", "0");
        f.put("current_cow_size_age", "0");
        f.put("current_fork_perc", String.format(Locale.ROOT, "%.2f", total == 0 ? 0.0 : processed * 100.0 / total));
        f.put("current_save_keys_processed", Long.toString(processed));
        f.put("current_save_keys_total", Long.toString(total));
        f.put("rdb_changes_since_last_save", Long.toString(server.dirty()));
        f.put("rdb_bgsave_in_progress", save == null ? "0" : "1");
        f.put("rdb_last_save_time", Long.toString(lastSaveSeconds));
        f.put("rdb_last_bgsave_status", lastBgsaveOk ? "ok" : "err");
        f.put("rdb_last_bgsave_time_sec", Long.toString(lastBgsaveTimeSeconds));
        f.put("rdb_current_bgsave_time_sec",
                Long.toString(save == null ? -1 : (System.currentTimeMillis() - save.startMs()) / 1000));
        f.put("rdb_saves", Long.toString(saves));
        f.put("rdb_last_cow_size", "0");
        f.put("rdb_last_load_keys_expired", Long.toString(lastLoadKeysExpired));
        f.put("rdb_last_load_keys_loaded", Long.toString(lastLoadKeysLoaded));
        return f;
    }

    /** The loading_* fields Redis adds at the end of INFO persistence while it loads; empty otherwise. */
    public Map<String, String> loadingInfoFields() {
        Map<String, String> f = new LinkedHashMap<>();
        BackgroundLoad load = currentLoad;
        RdbLoad rdb = loadingRdb;
        if (!loading || load == null || rdb == null) {
            return f;
        }
        long total = loadingTotalBytes;
        long done = Math.min(load.loadedBytes(), total);
        long elapsed = System.currentTimeMillis() / 1000 - loadingStartSeconds;
        long remaining = Math.max(1, total - done);
        f.put("loading_start_time", Long.toString(loadingStartSeconds));
        f.put("loading_total_bytes", Long.toString(total));
        f.put("loading_rdb_used_mem", Long.toString(Math.max(0, rdb.usedMem())));
        f.put("loading_loaded_bytes", Long.toString(done));
        f.put("loading_loaded_perc", String.format(Locale.ROOT, "%.2f", total == 0 ? 0.0 : done * 100.0 / total));
        f.put("loading_eta_seconds", Long.toString(elapsed == 0 ? 1 : elapsed * remaining / (done + 1)));
        return f;
    }
}
