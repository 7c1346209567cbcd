package io.redoubt.server.persist;

import io.redoubt.server.Server;
import io.redoubt.server.persist.rdb.RdbWriter;
import io.redoubt.server.types.CollectionValue;
import io.redoubt.store.Database;
import io.redoubt.store.Keyspace;
import io.redoubt.store.SnapshotEntry;
import io.redoubt.store.SnapshotTraversal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A fork-less BGSAVE: a point-in-time image of every database written while clients keep going.
 *
 * <h2>Design notes</h2>
 * <ul>
 * <li><b>One instant.</b> {@link #start} begins a {@link SnapshotTraversal} of every non-empty database in
 *     the same keyspace-thread task, so no command runs between them and the image is the state of the
 *     whole keyspace at that instant (what Redis's fork gives). Collections changed in place later are
 *     copied first ({@link CollectionValue#SNAPSHOT_COPY}); strings keep their old image in the store.</li>
 * <li><b>Stepping.</b> The traversals are stepped on the keyspace thread by a task that re-submits itself
 *     after a time slice ({@link TraversalPacing}: short while clients are active), so client commands
 *     run between steps. Entries are serialised there (the entry views are valid only during the step) by an
 *     {@link RdbWriter}, which hands 64 KB chunks on.</li>
 * <li><b>Writing.</b> Chunks go through a bounded queue to a {@link BackgroundFileWriter} thread, which
 *     writes, fsyncs and renames. When the writer is behind, the stepping task waits a millisecond instead
 *     of queueing more: the memory a save holds is bounded by about {@link #QUEUE_CHUNKS} chunks (plus one
 *     value larger than a chunk) and the old images of entries changed before the traversal reached
 *     them.</li>
 * <li><b>Flushes and swaps.</b> The traversals hold the database objects that existed at the start: SWAPDB
 *     moves objects, not contents, and FLUSHDB (sync or async) hands a traversed database's storage to its
 *     traversal, so the image stays the one of the start. FLUSHALL aborts the save, as Redis kills its
 *     child, and saves the empty dataset itself.</li>
 * </ul>
 */
final class BackgroundSave {
    /** Chunks of {@link RdbWriter#CHUNK_SIZE} (64 KB) the writer thread may have queued: 4 MB. */
    static final int QUEUE_CHUNKS = 64;

    /** How a save ended, reported on the keyspace thread. */
    record Outcome(boolean ok, boolean aborted, String error, long bytes) {
    }

    private final Server server;
    private final SnapshotFile file;
    private final BiConsumer<BackgroundSave, Outcome> done;
    private final List<SnapshotTraversal> traversals = new ArrayList<>();
    private final List<Integer> dbIndexes = new ArrayList<>();
    private final List<long[]> dbSizes = new ArrayList<>();
    private final SnapshotTraversal.Sink entrySink = this::entry;
    private final TraversalPacing pacing;
    private RdbWriter writer;
    private BackgroundFileWriter fileWriter;
    private int current;
    private boolean dbStarted;
    private boolean finished;
    private boolean aborted;
    private long keysTotal;
    private long keysProcessed;
    private final long startMs = System.currentTimeMillis();
    /** rdb-key-save-delay (microseconds per key), a testing aid as in Redis: slows the save, not the server. */
    private final long keyDelayMicros;

    BackgroundSave(Server server, SnapshotFile file, BiConsumer<BackgroundSave, Outcome> done) {
        this.server = server;
        this.file = file;
        this.done = done;
        this.pacing = new TraversalPacing(server.stats());
        this.keyDelayMicros = Math.max(0, server.config().getLong("rdb-key-save-delay"));
    }

    long startMs() {
        return startMs;
    }

    long keysTotal() {
        return keysTotal;
    }

    long keysProcessed() {
        return keysProcessed;
    }

    /** Takes the point-in-time image and starts writing it. Runs on the keyspace thread. */
    void start() {
        Keyspace keyspace = server.keyspace();
        try {
            for (int i = 0; i < keyspace.count(); i++) {
                Database db = keyspace.db(i);
                if (db.size() == 0) {
                    continue;
                }
                dbSizes.add(new long[]{db.size(), db.volatileSize()});
                dbIndexes.add(i);
                keysTotal += db.size();
                traversals.add(db.beginSnapshot(CollectionValue.SNAPSHOT_COPY));
            }
        } catch (RuntimeException e) {
            closeTraversals();
            throw e;
        }
        fileWriter = new BackgroundFileWriter(file, QUEUE_CHUNKS, error -> {
            try {
                server.loop().execute(() -> writerDone(error));
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // The server stopped meanwhile (close() aborts the save): nobody waits for the outcome.
            }
        });
        try {
            writer = RdbImage.begin(fileWriter::write, server);
        } catch (IOException e) {
            closeTraversals();
            throw new UncheckedIOException(e); // the sink only queues: not reached
        }
        fileWriter.start("redoubt-bgsave-" + server.port());
        server.loop().execute(this::step);
    }

    /** Stops the save; the temporary file is removed and the previous dump stays (FLUSHALL, SHUTDOWN). */
    void abort() {
        if (finished || aborted) {
            return;
        }
        aborted = true;
        closeTraversals();
        writer.release();
        fileWriter.abort();
    }

    /** Waits for the writer thread to end after {@link #abort} (used on the way out). */
    void awaitWriter(long millis) {
        fileWriter.awaitFinished(millis);
    }

    private void step() {
        if (aborted || finished) {
            return;
        }
        if (fileWriter.failed()) {
            abort();
            return;
        }
        if (!fileWriter.hasRoom()) {
            server.loop().schedule(this::step, 1, TimeUnit.MILLISECONDS);
            return;
        }
        try {
            int budget = keyDelayMicros > 0 ? 1 : Integer.MAX_VALUE;
            long deadline = pacing.sliceDeadline();
            while (budget > 0 && fileWriter.hasRoom() && current < traversals.size()
                    && System.nanoTime() - deadline < 0) {
                SnapshotTraversal t = traversals.get(current);
                if (!dbStarted) {
                    long[] sizes = dbSizes.get(current);
                    RdbImage.beginDatabase(writer, dbIndexes.get(current), sizes[0], sizes[1]);
                    dbStarted = true;
                }
                long before = t.entriesVisited();
                boolean more = t.step(Math.min(budget, TraversalPacing.BATCH_ENTRIES), entrySink);
                budget -= (int) Math.max(1, t.entriesVisited() - before);
                if (!more) {
                    t.close();
                    current++;
                    dbStarted = false;
                }
            }
            if (current == traversals.size()) {
                writer.end();
                finished = true;
                fileWriter.commit();
                return;
            }
        } catch (IOException | UncheckedIOException e) {
            // Serialising failed (the sink itself only queues): give up as on a write error.
            server.log().warning("Background saving error: " + e.getMessage());
            abort();
            return;
        }
        if (keyDelayMicros > 0) {
            server.loop().schedule(this::step, keyDelayMicros, TimeUnit.MICROSECONDS);
        } else {
            // Not execute(): Netty 4.2's event loop runs queued tasks, including ones they queue, for up to
            // 1 s (io.netty.eventLoop.maxTaskProcessingQuantumMs) before it polls the sockets again, so a
            // step that re-queues itself would starve clients for a second at a time. A scheduled task is
            // taken in once per loop iteration: one step, then the clients' I/O, then the next step.
            server.loop().schedule(this::step, 0, TimeUnit.NANOSECONDS);
        }
    }

    private void entry(SnapshotEntry e) {
        try {
            writer.entry(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        keysProcessed++;
    }

    private void writerDone(IOException error) {
        closeTraversals();
        finished = true;
        long bytes = fileWriter.written();
        if (aborted && (error == null || "aborted".equals(error.getMessage()))) {
            done.accept(this, new Outcome(false, true, null, bytes));
        } else if (error != null) {
            done.accept(this, new Outcome(false, false, error.getMessage(), bytes));
        } else {
            done.accept(this, new Outcome(true, false, null, bytes));
        }
    }

    private void closeTraversals() {
        for (SnapshotTraversal t : traversals) {
            if (!t.isDone()) {
                t.close();
            }
        }
    }
}
