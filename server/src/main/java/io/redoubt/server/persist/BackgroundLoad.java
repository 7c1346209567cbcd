package io.redoubt.server.persist;

import io.redoubt.server.Server;
import io.redoubt.server.persist.rdb.RdbFormatException;
import io.redoubt.server.persist.rdb.RdbVisitor;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * The load of the dump at start while the server already listens, as Redis does: clients get
 * {@code -LOADING} (commands without the {@code loading} flag) until the data is in.
 *
 * <p>A reader thread parses the file and hands keys to the keyspace thread in batches of {@link #BATCH};
 * at most {@link #IN_FLIGHT} batches wait there, so parsing never runs far ahead of inserting. Parsing and
 * inserting overlap, which is why this is also faster than doing both on one thread.
 */
final class BackgroundLoad implements RdbVisitor {
    private static final int BATCH = 1024;
    private static final int IN_FLIGHT = 4;

    private final Server server;
    private final RdbLoad load;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final CompletableFuture<RdbLoad.Result> done = new CompletableFuture<>();
    private List<Object[]> batch = new ArrayList<>(BATCH);
    private volatile RuntimeException insertFailure;
    private volatile boolean cancelled;
    private volatile long loadedBytes;

    BackgroundLoad(Server server, RdbLoad load) {
        this.server = server;
        this.load = load;
    }

    CompletableFuture<RdbLoad.Result> start() {
        Thread t = new Thread(this::run, "redoubt-load-" + server.port());
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** Stops reading (the server closes while loading). */
    void cancel() {
        cancelled = true;
    }

    long loadedBytes() {
        return loadedBytes;
    }

    private void run() {
        try (InputStream in = new Counting(new BufferedInputStream(Files.newInputStream(load.file()), 256 * 1024))) {
            load.read(in, this);
            flush();
            // Every batch has been inserted once all the permits are back.
            inFlight.acquire(IN_FLIGHT);
            RuntimeException failure = insertFailure;
            if (failure != null) {
                throw failure;
            }
            server.loop().execute(() -> done.complete(load.result()));
        } catch (RdbLoad.Rejected e) {
            done.completeExceptionally(new RdbFormatException(load.file().getFileName().toString(), loadedBytes, e.getMessage()));
        } catch (Throwable e) {
            done.completeExceptionally(e);
        }
    }

    @Override
    public void warning(String message) {
        load.warning(message);
    }

    @Override
    public void aux(String key, String value) {
        load.aux(key, value);
    }

    private int currentDb;

    @Override
    public void selectDb(int db) {
        currentDb = db;
    }

    @Override
    public void resizeDb(long size, long expiresSize) {
        // In the batch, so that it reaches the keyspace thread before the database's first keys.
        batch.add(new Object[]{currentDb, size});
    }

    @Override
    public void entry(int db, byte[] key, int type, Object value, long expireAtMs, int lruIdleSecs, int lfuFreq) {
        if (cancelled) {
            throw new IllegalStateException("loading cancelled: the server is stopping");
        }
        load.keyDelay();
        batch.add(new Object[]{db, key, type, value, expireAtMs, lruIdleSecs, lfuFreq});
        if (batch.size() >= BATCH || load.keyDelayMicrosSet()) {
            flush();
        }
    }

    private void flush() {
        RuntimeException failure = insertFailure;
        if (failure != null) {
            throw failure;
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("loading interrupted", e);
        }
        List<Object[]> keys = batch;
        batch = new ArrayList<>(BATCH);
        try {
            // Scheduled, not execute(), as BGSAVE's steps: Netty runs queued tasks for up to a second before
            // it polls the sockets, and this thread keeps the queue fed; clients waiting for -LOADING would wait.
            server.loop().schedule(() -> insert(keys), 0, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            inFlight.release();
            throw new IllegalStateException("loading cancelled: the server stopped");
        }
    }

    private void insert(List<Object[]> keys) {
        try {
            if (insertFailure == null && !cancelled) {
                for (Object[] k : keys) {
                    if (k.length == 2) {
                        load.reserve((Integer) k[0], (Long) k[1]);
                        continue;
                    }
                    load.insert((Integer) k[0], (byte[]) k[1], (Integer) k[2], k[3], (Long) k[4], (Integer) k[5], (Integer) k[6]);
                }
            }
        } catch (RuntimeException e) {
            insertFailure = e;
        } finally {
            inFlight.release();
        }
    }

    /** Counts the bytes read, for INFO's loading_loaded_bytes. */
    private final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                loadedBytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                loadedBytes += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            loadedBytes += s;
            return s;
        }
    }
}
