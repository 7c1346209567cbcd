package io.redoubt.server.persist;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The thread that puts a background save on disk: the keyspace thread hands it chunks of serialised
 * snapshot through a bounded queue ({@link #hasRoom}), it writes them to a {@link SnapshotFile}, and on
 * {@link #commit} fsyncs and renames. Its outcome (null for success, else the error) is reported once,
 * from this thread, to the callback given at construction.
 *
 * <p>The bound is checked by the producer rather than enforced by blocking: the keyspace thread must never
 * wait, so when the queue is full it re-schedules its stepping instead.
 */
final class BackgroundFileWriter implements Runnable {
    private static final ByteBuf COMMIT = Unpooled.unreleasableBuffer(Unpooled.buffer(0));
    private static final ByteBuf ABORT = Unpooled.unreleasableBuffer(Unpooled.buffer(0));

    private final SnapshotFile file;
    private final int capacity;
    private final LinkedBlockingQueue<ByteBuf> queue = new LinkedBlockingQueue<>();
    private final Consumer<IOException> done;
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
    private volatile IOException failure;
    private volatile long written;

    BackgroundFileWriter(SnapshotFile file, int capacity, Consumer<IOException> done) {
        this.file = file;
        this.capacity = capacity;
        this.done = done;
    }

    void start(String threadName) {
        Thread t = new Thread(this, threadName);
        t.setDaemon(true);
        t.start();
    }

    /** Whether another chunk may be queued now. */
    boolean hasRoom() {
        return queue.size() < capacity;
    }

    /** True once writing failed: the producer should stop and {@link #abort}. */
    boolean failed() {
        return failure != null;
    }

    /** Bytes on disk so far. */
    long written() {
        return written;
    }

    /** Queues a chunk; this thread releases it once written. */
    void write(ByteBuf chunk) {
        queue.add(chunk);
    }

    /** No more chunks: make the file durable and put it in place. */
    void commit() {
        queue.add(COMMIT);
    }

    /** Give up: the temporary file is removed, the target stays as it was. */
    void abort() {
        queue.add(ABORT);
    }

    @Override
    public void run() {
        IOException outcome = null;
        boolean opened = false;
        try {
            file.open();
            opened = true;
        } catch (IOException e) {
            failure = e;
        }
        while (true) {
            ByteBuf chunk;
            try {
                chunk = queue.take();
            } catch (InterruptedException e) {
                // Nobody interrupts this thread but JVM shutdown; give up on this save.
                failure = new IOException("interrupted", e);
                file.discard();
                break;
            }
            if (chunk == ABORT) {
                file.discard();
                outcome = failure != null ? failure : new IOException("aborted");
                break;
            }
            if (chunk == COMMIT) {
                if (failure == null) {
                    try {
                        file.commit();
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                if (failure != null) {
                    file.discard();
                }
                outcome = failure;
                break;
            }
            try {
                if (failure == null && opened) {
                    file.write(chunk);
                    written = file.written();
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                chunk.release();
            }
        }
        // Chunks queued after the end (none in normal use) are only memory.
        ByteBuf rest;
        while ((rest = queue.poll()) != null) {
            rest.release();
        }
        finished.countDown();
        done.accept(outcome);
    }

    /** Waits until the thread has ended (its temporary file is gone after an abort); false on timeout. */
    boolean awaitFinished(long millis) {
        try {
            return finished.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
