package io.redoubt.server.persist;

import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One snapshot on its way to disk: bytes go to {@code temp-<pid>-<n>.rdb} beside the target, which is
 * fsynced, renamed over the target in one step and followed by an fsync of the directory, so that the
 * previous file stays whole until the new one is complete and durable (Redis's rdbSave does the same).
 * Any failure removes the temporary file and leaves the target alone.
 *
 * <p>Not thread-safe: used by one thread at a time (the keyspace thread for SAVE, the writer thread for
 * BGSAVE).
 */
final class SnapshotFile {
    /** As Redis's REDIS_AUTOSYNC_BYTES: with rdb-save-incremental-fsync, fsync every 4 MB written. */
    static final long AUTOSYNC_BYTES = 4L * 1024 * 1024;
    /** Several servers of one JVM may share a directory: the counter keeps their temporary files apart. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path target;
    private final Path temp;
    private final boolean incrementalFsync;
    private FileChannel channel;
    private long written;
    private long unsynced;

    SnapshotFile(Path target, boolean incrementalFsync) {
        this.target = target.toAbsolutePath();
        this.temp = this.target.resolveSibling("temp-" + ProcessHandle.current().pid() + "-"
                + SEQUENCE.incrementAndGet() + ".rdb");
        this.incrementalFsync = incrementalFsync;
    }

    Path target() {
        return target;
    }

    Path temp() {
        return temp;
    }

    long written() {
        return written;
    }

    void open() throws IOException {
        try {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("Failed opening the temp RDB file " + temp.getFileName() + " (in server root dir "
                    + temp.getParent() + ") for saving: " + reason(e), e);
        }
    }

    /** Writes the readable bytes of {@code chunk} (leaves its reader index at the end). */
    void write(ByteBuf chunk) throws IOException {
        try {
            int n = chunk.readableBytes();
            while (chunk.isReadable()) {
                chunk.readBytes(channel, chunk.readableBytes());
            }
            written += n;
            unsynced += n;
            if (incrementalFsync && unsynced >= AUTOSYNC_BYTES) {
                channel.force(false);
                unsynced = 0;
            }
        } catch (IOException e) {
            throw new IOException("Write error saving DB on disk: " + reason(e), e);
        }
    }

    /** Makes the file durable and puts it in place of the target. */
    void commit() throws IOException {
        try {
            channel.force(true);
            channel.close();
            channel = null;
        } catch (IOException e) {
            throw new IOException("Write error saving DB on disk: " + reason(e), e);
        }
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("Error moving temp DB file " + temp.getFileName() + " on the final destination "
                    + target.getFileName() + " (in server root dir " + target.getParent() + "): " + reason(e), e);
        }
        try {
            fsyncDirectory(target.getParent());
        } catch (IOException e) {
            throw new IOException("Failed to fsync directory while saving DB: " + reason(e), e);
        }
    }

    /** Drops the temporary file after a failure or an abort; the target is untouched. */
    void discard() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a file we are about to delete: nothing to recover.
            }
            channel = null;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // A leftover temp file harms nothing: the next save uses another name.
        }
    }

    /** Makes a rename durable (POSIX needs the directory itself synced). Not every platform allows it. */
    static void fsyncDirectory(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                return;
            }
            throw e;
        }
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
