package io.redoubt.server.persist.aof;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.redoubt.resp.Numbers;
import io.redoubt.resp.RespEncoder;
import io.redoubt.server.Server;
import io.redoubt.server.persist.TraversalPacing;
import io.redoubt.server.persist.rdb.RdbWriter;
import io.redoubt.server.types.CollectionValue;
import io.redoubt.server.types.HashValue;
import io.redoubt.server.types.ListValue;
import io.redoubt.server.types.SetValue;
import io.redoubt.server.types.ZSetValue;
import io.redoubt.store.Database;
import io.redoubt.store.Keyspace;
import io.redoubt.store.SnapshotEntry;
import io.redoubt.store.SnapshotTraversal;
import io.redoubt.store.ValueType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * BGREWRITEAOF without fork: the new base is a point-in-time image taken by one snapshot traversal per database,
 * all begun at the same instant as the new incremental file is opened, so base + new incremental file hold every
 * write exactly once.
 *
 * <p>The keyspace thread steps the traversals in short time slices as event-loop tasks ({@link TraversalPacing};
 * clients are served in between), encoding entries into 64 KB chunks; a writer thread writes the chunks to a temp file and
 * fsyncs it. The queue between them is bounded: when the writer is behind, stepping pauses for a millisecond
 * instead of buffering. At the end the keyspace thread renames the temp file to the new base and swaps the manifest.
 *
 * <p>The base is RDB when {@code aof-use-rdb-preamble} is yes and the RDB writer is available, RESP commands
 * otherwise, as Redis's rewriteAppendOnlyFileRio writes them (64 items per command, HMSET, PEXPIREAT after the key).
 */
final class AofRewrite {
    private static final int CHUNK = 64 * 1024;
    private static final int ITEMS_PER_COMMAND = 64;
    private static final ByteBuf END = Unpooled.EMPTY_BUFFER;

    private final AppendOnlyLog aof;
    private final Server server;
    private final SnapshotTraversal[] traversals;
    private final long startMs;
    private final Path temp;
    private final boolean rdb;
    private final RdbWriter rdbWriter;
    /** Chunks encoded but not yet accepted by the writer's bounded queue (at most one step's worth). */
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
    private final BlockingQueue<ByteBuf> queue = new ArrayBlockingQueue<>(16);
    private final Runnable stepTask = this::step;
    private final SnapshotTraversal.Sink sink = this::entry;
    private final TraversalPacing pacing;
    private int db;
    private boolean dbSelected;
    private ByteBuf chunk;
    private boolean tailWritten;
    private volatile boolean aborted;
    private volatile String writerError;
    private Thread writer;

    private AofRewrite(AppendOnlyLog aof, SnapshotTraversal[] traversals, Path temp, boolean rdb) {
        this.aof = aof;
        this.server = aof.server;
        this.pacing = new TraversalPacing(server.stats());
        this.traversals = traversals;
        this.startMs = System.currentTimeMillis();
        this.temp = temp;
        this.rdb = rdb;
        this.rdbWriter = rdb ? AofRdb.writer(server, pending::add) : null;
    }

    /** Begins the traversals and the new incremental file at one instant; null when a database is already being traversed. */
    static AofRewrite begin(AppendOnlyLog aof) throws IOException {
        Keyspace ks = aof.server.keyspace();
        SnapshotTraversal[] ts = new SnapshotTraversal[ks.count()];
        try {
            for (int i = 0; i < ts.length; i++) {
                Database d = ks.db(i);
                if (d.size() > 0) {
                    ts[i] = d.beginSnapshot(CollectionValue.SNAPSHOT_COPY);
                }
            }
        } catch (IllegalStateException busy) {
            closeAll(ts);
            return null;
        }
        Path temp;
        try {
            aof.openNewIncr();
            Files.createDirectories(aof.dir());
            temp = aof.dir().resolve("temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof");
        } catch (IOException | RuntimeException e) {
            closeAll(ts);
            throw e;
        }
        AofRewrite r = new AofRewrite(aof, ts, temp, aof.useRdbPreamble());
        aof.log.notice("Background append only file rewriting started");
        return r;
    }

    private static void closeAll(SnapshotTraversal[] ts) {
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] != null) {
                ts[i].close();
                ts[i] = null;
            }
        }
    }

    long elapsedSeconds() {
        return (System.currentTimeMillis() - startMs) / 1000;
    }

    void run() throws IOException {
        FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        writer = new Thread(() -> writeLoop(out), "redoubt-aof-rewrite");
        writer.setDaemon(true);
        writer.start();
        if (rdbWriter != null) {
            AofRdb.begin(rdbWriter, server);
        } else {
            chunk = Unpooled.buffer(CHUNK + 1024);
        }
        server.loop().execute(stepTask);
    }

    /** One slice of the traversal on the keyspace thread. */
    private void step() {
        if (aborted) {
            return;
        }
        long deadline = pacing.sliceDeadline();
        try {
            while (true) {
                if (chunk != null && chunk.readableBytes() >= CHUNK) {
                    pending.add(chunk);
                    chunk = Unpooled.buffer(CHUNK + 1024);
                }
                if (!handOver()) {
                    // The writer is behind: let clients run and come back, without growing memory.
                    server.loop().schedule(stepTask, 1, TimeUnit.MILLISECONDS);
                    return;
                }
                if (db >= traversals.length) {
                    finishTraversal();
                    return;
                }
                SnapshotTraversal t = traversals[db];
                if (t == null) {
                    db++;
                    dbSelected = false;
                    continue;
                }
                long delayMicros = server.config().getLong("rdb-key-save-delay");
                if (!t.step(delayMicros > 0 ? 1 : TraversalPacing.BATCH_ENTRIES, sink)) {
                    t.close();
                    traversals[db] = null;
                    db++;
                    dbSelected = false;
                }
                if (delayMicros > 0) {
                    // Redis's test knob: a slow rewrite (one key per delay) without blocking the keyspace thread.
                    server.loop().schedule(stepTask, delayMicros, TimeUnit.MICROSECONDS);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    // Scheduled, not execute(): Netty 4.2's loop runs queued tasks, re-queued ones included, for
                    // up to 1 s before it polls the sockets again; a scheduled task is taken in once per loop
                    // iteration, so clients are served between slices.
                    server.loop().schedule(stepTask, 0, TimeUnit.NANOSECONDS);
                    return;
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** Moves encoded chunks to the writer's queue; false when the queue is full. */
    private boolean handOver() {
        ByteBuf b;
        while ((b = pending.peek()) != null) {
            if (!queue.offer(b)) {
                return false;
            }
            pending.poll();
        }
        return true;
    }

    private void finishTraversal() {
        if (aborted) {
            return;
        }
        try {
            if (!tailWritten) {
                tailWritten = true;
                if (rdbWriter != null) {
                    rdbWriter.end();
                } else if (chunk.isReadable()) {
                    pending.add(chunk);
                    chunk = null;
                }
                if (chunk != null) {
                    chunk.release();
                    chunk = null;
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            return;
        }
        if (!handOver() || !queue.offer(END)) {
            server.loop().schedule(this::finishTraversal, 1, TimeUnit.MILLISECONDS);
        }
    }

    /** Serialising failed on the keyspace thread: the rewrite ends as failed. */
    private void fail(Exception e) {
        writerError = String.valueOf(e.getMessage());
        server.log().warning("AOF rewrite failed while serialising: " + e);
        aborted = true;
        closeAll(traversals);
        releaseBuffers();
        try {
            writer.join(2000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        drain();
        deleteTemp();
        aof.rewriteEnded(this, false, elapsedSeconds());
    }

    private void releaseBuffers() {
        if (chunk != null) {
            chunk.release();
            chunk = null;
        }
        if (rdbWriter != null) {
            rdbWriter.release();
        }
        ByteBuf b;
        while ((b = pending.poll()) != null) {
            b.release();
        }
    }

    /** Serialises one entry of the image, skipping keys already expired when the rewrite began (as Redis). */
    private void entry(SnapshotEntry e) {
        try {
            encode(e);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private void encode(SnapshotEntry e) throws IOException {
        long at = e.expireAt();
        if (at != Database.NO_EXPIRY && at < startMs) {
            return;
        }
        if (rdbWriter != null) {
            if (!dbSelected) {
                Database d = server.keyspace().db(db);
                rdbWriter.selectDb(db);
                rdbWriter.resizeDb(d.size(), d.volatileSize());
                dbSelected = true;
            }
            rdbWriter.entry(e);
            return;
        }
        if (!dbSelected) {
            AppendOnlyLog.writeSelect(chunk, db);
            dbSelected = true;
        }
        ByteBuf out = chunk;
        switch (e.type()) {
            case ValueType.STRING -> {
                RespEncoder.writeArrayHeader(out, 3);
                RespEncoder.writeBulk(out, SET);
                writeKey(out, e);
                out.writeByte('$');
                Numbers.writeLong(out, e.valueLength());
                out.writeShort(RespEncoder.CRLF);
                e.copyValue(0, out, e.valueLength());
                out.writeShort(RespEncoder.CRLF);
            }
            case ValueType.LIST -> {
                ListValue l = (ListValue) e.object();
                Batch b = new Batch(out, e, RPUSH, l.size(), 1);
                l.forEach(b::item);
            }
            case ValueType.SET -> {
                SetValue s = (SetValue) e.object();
                Batch b = new Batch(out, e, SADD, s.size(), 1);
                s.forEach(b::item);
            }
            case ValueType.HASH -> {
                HashValue h = (HashValue) e.object();
                Batch b = new Batch(out, e, HMSET, h.size(), 2);
                h.forEach((f, v) -> {
                    b.item(f);
                    b.next(v);
                });
            }
            case ValueType.ZSET -> {
                ZSetValue z = (ZSetValue) e.object();
                Batch b = new Batch(out, e, ZADD, z.size(), 2);
                z.forEachAscending((m, score) -> {
                    b.item(Numbers.formatDouble(score).getBytes(StandardCharsets.US_ASCII));
                    b.next(m);
                });
            }
            default -> server.log().warning("AOF rewrite: skipping key of unsupported type " + ValueType.name(e.type()));
        }
        if (at != Database.NO_EXPIRY) {
            RespEncoder.writeArrayHeader(out, 3);
            RespEncoder.writeBulk(out, PEXPIREAT);
            writeKey(out, e);
            RespEncoder.writeBulk(out, Long.toString(at).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void writeKey(ByteBuf out, SnapshotEntry e) {
        out.writeByte('$');
        Numbers.writeLong(out, e.keyLength());
        out.writeShort(RespEncoder.CRLF);
        e.copyKey(out);
        out.writeShort(RespEncoder.CRLF);
    }

    /** Writes a collection as commands of at most 64 items (an item is a member, or a field/score and value pair). */
    private static final class Batch {
        private final ByteBuf out;
        private final SnapshotEntry e;
        private final byte[] command;
        private final int width;
        private long remaining;
        private int inCommand;

        Batch(ByteBuf out, SnapshotEntry e, byte[] command, long items, int width) {
            this.out = out;
            this.e = e;
            this.command = command;
            this.remaining = items;
            this.width = width;
        }

        void item(byte[] first) {
            if (inCommand == 0) {
                int n = (int) Math.min(ITEMS_PER_COMMAND, remaining);
                RespEncoder.writeArrayHeader(out, 2 + n * width);
                RespEncoder.writeBulk(out, command);
                writeKey(out, e);
            }
            RespEncoder.writeBulk(out, first);
            if (width == 1) {
                done();
            }
        }

        void next(byte[] second) {
            RespEncoder.writeBulk(out, second);
            done();
        }

        private void done() {
            remaining--;
            if (++inCommand == ITEMS_PER_COMMAND) {
                inCommand = 0;
            }
        }
    }

    /** The writer thread: chunks to the temp file, then fsync, then the swap back on the keyspace thread. */
    private void writeLoop(FileChannel out) {
        boolean ok = false;
        try (out) {
            while (!aborted) {
                ByteBuf b = queue.poll(100, TimeUnit.MILLISECONDS);
                if (b == null) {
                    continue;
                }
                if (b == END) {
                    out.force(true);
                    ok = true;
                    break;
                }
                try {
                    ByteBuffer nio = b.nioBuffer();
                    while (nio.hasRemaining()) {
                        out.write(nio);
                    }
                } finally {
                    b.release();
                }
            }
        } catch (IOException e) {
            writerError = e.getMessage();
        } catch (InterruptedException e) {
            writerError = "interrupted";
        }
        drain();
        if (aborted) {
            deleteTemp();
            return;
        }
        boolean success = ok;
        if (!success && writerError != null) {
            aborted = true;
        }
        try {
            server.loop().execute(() -> finish(success));
        } catch (RuntimeException loopGone) {
            deleteTemp();
        }
    }

    private void drain() {
        ByteBuf b;
        while ((b = queue.poll()) != null) {
            b.release();
        }
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Temp files are replaced by the next rewrite.
        }
    }

    /** Back on the keyspace thread after the writer ended. */
    private void finish(boolean written) {
        if (aborted && written) {
            return;
        }
        closeAll(traversals);
        releaseBuffers();
        boolean ok = written;
        if (written) {
            aof.log.notice("Background AOF rewrite terminated with success");
            try {
                aof.rewriteDone(temp, rdb);
            } catch (IOException e) {
                aof.log.warning("Error trying to rename the temporary AOF base file " + temp.getFileName() + ": " + e.getMessage());
                ok = false;
                deleteTemp();
            }
        } else {
            aof.log.warning("Background AOF rewrite failed: " + writerError);
            deleteTemp();
        }
        aof.rewriteEnded(this, ok, elapsedSeconds());
    }

    /** Stops the rewrite (FLUSHALL-free: only shutdown, appendonly changes); the temp file is removed. */
    void abort(String why) {
        if (aborted) {
            return;
        }
        aborted = true;
        aof.log.notice("Killing running AOF rewrite: " + why);
        closeAll(traversals);
        releaseBuffers();
        if (writer != null) {
            try {
                writer.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drain();
        deleteTemp();
    }

    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RPUSH = "RPUSH".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SADD = "SADD".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HMSET = "HMSET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZADD = "ZADD".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEXPIREAT = "PEXPIREAT".getBytes(StandardCharsets.US_ASCII);
}
