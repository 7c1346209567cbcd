package io.redoubt.server.persist.aof;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.resp.RespEncoder;
import io.redoubt.server.Log;
import io.redoubt.server.Server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The append-only log, as Redis 7's multi-part AOF: every propagated write is appended as RESP to the current
 * incremental file of {@code appenddirname}, whose manifest names the base file and the incremental files.
 *
 * <h2>Design notes</h2>
 * <ul>
 * <li><b>Feeding.</b> {@link #feed} encodes into one reused heap buffer (SELECT first when the database
 *     changes), allocating nothing: short arguments are copied a word at a time, since ByteBuf-to-ByteBuf copies
 *     out of Netty's pooled direct buffers create a NIO view per call when Netty runs without Unsafe, as on
 *     current JDKs (measured by AofHotPathAllocationIT). The buffer is written to the file once per event-loop iteration by a task
 *     queued with the first write of the iteration (Redis writes it in beforeSleep).</li>
 * <li><b>Replies wait for the log.</b> While the buffer holds data, connections do not flush their replies at
 *     the end of their read: {@link #holdReplies} parks the channel and the write task flushes it after the
 *     write (and, for {@code appendfsync always}, the fsync). So an acknowledged write is in the file (on disk
 *     with {@code always}) before its reply leaves, and all connections of one iteration share one write and
 *     one fsync (group commit), as Redis's beforeSleep does before handleClientsWithPendingWrites.</li>
 * <li><b>everysec.</b> A background thread fsyncs the current file once a second when it was written since the
 *     last fsync. Redis postpones writes for up to two seconds while an fsync is still running; here writes
 *     never wait (the kernel orders them), so {@code aof_delayed_fsync} stays 0.</li>
 * <li><b>Rewrite.</b> See {@link AofRewrite}: a point-in-time traversal writes the new base while a new
 *     incremental file, opened at the same instant, receives the writes made meanwhile.</li>
 * <li><b>Write errors.</b> The unwritten bytes stay in the buffer, a partial write is cut off, writes are refused
 *     with {@code -MISCONF Errors writing to the AOF file: ...} and the cron retries, as Redis. With {@code always}
 *     Redis exits; here the connections waiting for that fsync are closed without their replies instead, so no
 *     write is acknowledged that is not on disk, and writes stay refused until a retry succeeds.</li>
 * </ul>
 */
public final class AppendOnlyLog {
    static final int FSYNC_EVERYSEC = 0;
    static final int FSYNC_ALWAYS = 1;
    static final int FSYNC_NO = 2;

    enum State { OFF, ON, WAIT_REWRITE }

    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);
    /** Redis frees its AOF buffer when it grew beyond this and is empty again. */
    private static final int BUFFER_KEEP = 4 * 1024 * 1024;

    final Server server;
    final Log log;
    private State state = State.OFF;
    private boolean started;
    private int fsyncPolicy = FSYNC_EVERYSEC;
    private ByteBuf buffer = Unpooled.buffer(64 * 1024);
    private int selectedDb = -1;
    private boolean loading;

    // Files
    AofManifest manifest = new AofManifest();
    private FileChannel incr;
    private Path incrPath;
    long currentSize;
    long rewriteBaseSize;

    // Writing and syncing
    private boolean writeScheduled;
    private final Runnable writeTask = this::writeTaskRun;
    private final List<Channel> heldReplies = new ArrayList<>();
    private final List<Channel> heldSwap = new ArrayList<>();
    private String writeError;
    private volatile long writes;
    private long writesSynced;
    private volatile boolean fsyncRunning;
    private volatile FileChannel syncTarget;
    private ScheduledExecutorService background;

    // Rewrites
    AofRewrite rewrite;
    boolean rewriteScheduled;
    long rewrites;
    long rewritesConsecutiveFailures;
    long lastRewriteTimeSec = -1;
    boolean lastRewriteOk = true;

    public AppendOnlyLog(Server server) {
        this.server = server;
        this.log = server.log();
        server.config().onChange("appendfsync", v -> fsyncPolicy = switch (v) {
            case "always" -> FSYNC_ALWAYS;
            case "no" -> FSYNC_NO;
            default -> FSYNC_EVERYSEC;
        });
        server.config().onChange("appendonly", v -> {
            if (started) {
                switchTo("yes".equals(v));
            }
        });
        server.addCronTask(this::cron);
    }

    // ------------------------------------------------------------------ paths

    Path dir() {
        return server.config().resolve(server.config().get("appenddirname"));
    }

    String fileName() {
        return server.config().get("appendfilename");
    }

    String manifestName() {
        return fileName() + AofManifest.SUFFIX;
    }

    boolean useRdbPreamble() {
        return server.config().getBool("aof-use-rdb-preamble") && AofRdb.available();
    }

    // ------------------------------------------------------------------ start and stop

    /**
     * At start, before clients are served: when {@code appendonly} is yes, loads the log (upgrading an old
     * single-file {@code appendonly.aof}), removes history files and opens the incremental file to append to.
     *
     * @return true when the log was loaded (the caller then skips dump.rdb, as Redis does)
     * @throws AofException when the log is corrupt or cannot be opened: the server must not start
     */
    public boolean loadAtStart() throws AofException {
        boolean on = server.config().getBool("appendonly");
        boolean loaded = false;
        try {
            AofManifest m = AofManifest.load(dir().resolve(manifestName()));
            Path oldSingle = server.config().resolve(fileName());
            if (on && Files.isRegularFile(oldSingle) && (m == null || m.isEmpty())) {
                m = upgradeSingleFile(oldSingle);
            }
            if (m != null) {
                manifest = m;
            }
            if (on) {
                loading = true;
                try {
                    loaded = new AofLoader(this).loadAll(manifest);
                } finally {
                    loading = false;
                }
                deleteHistory();
                deleteTemps();
                openAtStart();
            }
        } catch (IOException e) {
            throw new AofException("Can't open the append-only file directory " + dir() + ": " + e.getMessage(), e);
        }
        started = true;
        startBackground();
        return loaded;
    }

    /** Redis 7's upgrade of a pre-7 {@code appendonly.aof}: moved into the directory as the base file. */
    private AofManifest upgradeSingleFile(Path oldSingle) throws IOException {
        Path dir = dir();
        Files.createDirectories(dir);
        Files.move(oldSingle, dir.resolve(fileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AofManifest m = new AofManifest();
        m.base = new AofManifest.Entry(fileName(), 1, AofManifest.BASE);
        m.baseSeq = 1;
        m.persist(dir, manifestName());
        log.notice("Successfully migrated an old-style AOF into the AOF directory");
        return m;
    }

    /** Opens the last incremental file for appending, creating a base and an incremental file on a fresh start. */
    private void openAtStart() throws IOException, AofException {
        Path dir = dir();
        Files.createDirectories(dir);
        AofManifest m = manifest.copy();
        if (m.base == null && m.incrs.isEmpty()) {
            // Redis writes an empty base at once so that the directory is complete from the first write on.
            AofManifest.Entry base = m.newBase(fileName(), useRdbPreamble());
            writeEmptyBase(dir.resolve(base.name()), useRdbPreamble());
            log.notice("Creating AOF base file " + base.name() + " on server start");
        }
        AofManifest.Entry last;
        if (m.incrs.isEmpty()) {
            last = m.newIncr(fileName());
            log.notice("Creating AOF incr file " + last.name() + " on server start");
        } else {
            last = m.incrs.get(m.incrs.size() - 1);
        }
        Path p = dir.resolve(last.name());
        FileChannel ch = openForAppend(p, false);
        m.persist(dir, manifestName());
        manifest = m;
        useIncr(ch, p);
        currentSize = filesSize(m);
        if (rewriteBaseSize == 0) {
            rewriteBaseSize = m.base == null ? 0 : sizeOf(dir.resolve(m.base.name()));
        }
        selectedDb = -1;
        state = State.ON;
    }

    private void writeEmptyBase(Path file, boolean rdb) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            if (rdb) {
                ByteBuf b = Unpooled.buffer();
                AofRdb.writeEmpty(b, server);
                ch.write(b.nioBuffer());
                b.release();
            }
            ch.force(true);
        }
    }

    /** Incremental files are opened as Redis opens them (O_APPEND): every write lands at the current end. */
    private static FileChannel openForAppend(Path p, boolean fresh) throws IOException {
        if (fresh) {
            Files.deleteIfExists(p);
        }
        return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    long filesSize(AofManifest m) {
        long total = 0;
        if (m.base != null) {
            total += sizeOf(dir().resolve(m.base.name()));
        }
        for (AofManifest.Entry e : m.incrs) {
            total += sizeOf(dir().resolve(e.name()));
        }
        return total;
    }

    static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private void startBackground() {
        if (background != null) {
            return;
        }
        background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redoubt-aof-fsync");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(this::everySecond, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * SHUTDOWN, as Redis's prepareForShutdown: refuses (unless forced) while the first base of a log being turned on
     * is still written, since the data set would exist nowhere on disk; otherwise stops a rewrite and fsyncs the log.
     */
    public boolean prepareForShutdown(boolean force) {
        if (rewrite != null) {
            if (state == State.WAIT_REWRITE) {
                if (!force) {
                    log.warning("Writing initial AOF, can't exit.");
                    return false;
                }
                log.warning("Writing initial AOF. Exit anyway.");
            }
            log.warning("There is a child rewriting the AOF. Killing it!");
            rewrite.abort("shutdown");
            rewrite = null;
        }
        if (state != State.OFF) {
            log.notice("Calling fsync() on the AOF file.");
            writePending(true);
        }
        return true;
    }

    /** At shutdown, after the event loop stopped: writes what is buffered, fsyncs and closes. */
    public void close() {
        if (rewrite != null) {
            rewrite.abort("server shutting down");
            rewrite = null;
        }
        if (state != State.OFF) {
            writePending(true);
        }
        flushHeld();
        closeIncr(false);
        if (background != null) {
            background.shutdown();
            try {
                background.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            background = null;
        }
        state = State.OFF;
        buffer.release();
        buffer = Unpooled.EMPTY_BUFFER;
    }

    // ------------------------------------------------------------------ feeding

    public boolean enabled() {
        return state != State.OFF;
    }

    State state() {
        return state;
    }

    /** Appends a propagated write (already wrapped in MULTI/EXEC by the dispatcher when it must be). */
    public void feed(int dbIndex, CommandArgs args) {
        if (state == State.OFF || loading) {
            return;
        }
        if (dbIndex != selectedDb) {
            writeSelect(buffer, dbIndex);
            selectedDb = dbIndex;
        }
        writeCommand(buffer, args);
        if (!writeScheduled && server.loop() != null) {
            writeScheduled = true;
            server.loop().execute(writeTask);
        }
    }

    /** RespEncoder.writeCommand, with arguments copied a word at a time (see {@link #copyBytes}). */
    private static void writeCommand(ByteBuf out, CommandArgs args) {
        RespEncoder.writeArrayHeader(out, args.count());
        for (int i = 0; i < args.count(); i++) {
            int length = args.length(i);
            out.writeByte('$');
            Numbers.writeLong(out, length);
            out.writeShort(RespEncoder.CRLF);
            copyBytes(out, args.buf(), args.offset(i), length);
            out.writeShort(RespEncoder.CRLF);
        }
    }

    /** Longer copies go through ByteBuf.writeBytes, whose per-call NIO view is amortised over the bytes. */
    private static final int WORD_COPY_MAX = 256;

    /**
     * Appends {@code length} bytes of {@code src}: short ones a long at a time, because ByteBuf-to-ByteBuf copies out
     * of Netty's pooled direct buffers create a NIO view per call when Netty runs without Unsafe (current JDKs).
     */
    static void copyBytes(ByteBuf out, ByteBuf src, int index, int length) {
        if (length > WORD_COPY_MAX || src.hasArray()) {
            out.writeBytes(src, index, length);
            return;
        }
        out.ensureWritable(length);
        int w = out.writerIndex();
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            out.setLongLE(w + i, src.getLongLE(index + i));
        }
        for (; i < length; i++) {
            out.setByte(w + i, src.getByte(index + i));
        }
        out.writerIndex(w + length);
    }

    static void writeSelect(ByteBuf out, int dbIndex) {
        RespEncoder.writeArrayHeader(out, 2);
        RespEncoder.writeBulk(out, SELECT);
        out.writeByte('$');
        Numbers.writeLong(out, Numbers.digits(dbIndex));
        out.writeShort(RespEncoder.CRLF);
        Numbers.writeLong(out, dbIndex);
        out.writeShort(RespEncoder.CRLF);
    }

    /**
     * Called by a connection at the end of its read batch: true when its replies must wait for the log (the
     * channel is then flushed by the write task), false when it may flush now.
     */
    public boolean holdReplies(Channel ch) {
        if (state == State.OFF || !buffer.isReadable() || server.loop() == null) {
            return false;
        }
        heldReplies.add(ch);
        if (!writeScheduled) {
            writeScheduled = true;
            server.loop().execute(writeTask);
        }
        return true;
    }

    /**
     * Before replies are flushed outside a read batch (unblocked clients, Pub/Sub): the log goes first.
     *
     * @return false when, with {@code appendfsync always}, the log could not be written: the replies must not leave
     */
    public boolean beforeImmediateFlush() {
        if (state != State.OFF && buffer.isReadable()) {
            return writePending(fsyncPolicy == FSYNC_ALWAYS) || fsyncPolicy != FSYNC_ALWAYS;
        }
        return true;
    }

    private void writeTaskRun() {
        writeScheduled = false;
        boolean ok = writePending(fsyncPolicy == FSYNC_ALWAYS);
        if (!ok && fsyncPolicy == FSYNC_ALWAYS) {
            // The writes of the held connections are not on disk: their replies must not leave.
            for (Channel ch : heldReplies) {
                ch.close();
            }
            heldReplies.clear();
            return;
        }
        flushHeld();
    }

    private void flushHeld() {
        if (heldReplies.isEmpty()) {
            return;
        }
        // A flush may run a listener that holds another reply: flush from a second list.
        heldSwap.addAll(heldReplies);
        heldReplies.clear();
        for (Channel ch : heldSwap) {
            ch.flush();
        }
        heldSwap.clear();
    }

    /** Writes the buffer to the current file, and fsyncs it when asked; false on an I/O error. */
    boolean writePending(boolean fsync) {
        if (incr == null) {
            return true;
        }
        if (buffer.isReadable()) {
            long before = -1;
            try {
                before = incr.size();
                if (failWritesForTest != null) {
                    throw failWritesForTest;
                }
                int n = buffer.readableBytes();
                ByteBuffer nio = buffer.internalNioBuffer(buffer.readerIndex(), n);
                while (nio.hasRemaining()) {
                    incr.write(nio);
                }
                buffer.clear();
                if (buffer.capacity() > BUFFER_KEEP) {
                    buffer.release();
                    buffer = Unpooled.buffer(64 * 1024);
                }
                currentSize += n;
                writes++;
            } catch (IOException e) {
                writeFailed(e, before);
                return false;
            }
        }
        if (fsync && writes != writesSynced) {
            try {
                incr.force(false);
                writesSynced = writes;
            } catch (IOException e) {
                writeFailed(e, -1);
                return false;
            }
        }
        if (writeError != null) {
            log.warning("AOF write error looks solved, Redoubt can write again.");
            writeError = null;
        }
        return true;
    }

    private void writeFailed(IOException e, long before) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (writeError == null) {
            log.warning("Error writing to the AOF file: " + why);
        }
        writeError = why;
        if (before >= 0) {
            try {
                // Cut a partial write so that the retry appends whole commands, as Redis's ftruncate.
                incr.truncate(before);
            } catch (IOException ignored) {
                log.warning("Could not remove short write from the append-only file. Redoubt may refuse to load the AOF the next time it starts.");
            }
        }
    }

    /** Non-null while writes must be refused (Redis's MISCONF for AOF write errors). */
    public String writeRefusal() {
        return writeError == null ? null : "MISCONF Errors writing to the AOF file: " + writeError;
    }

    /** The background thread's duty: fsync the current file when it was written since the last fsync (everysec). */
    private void everySecond() {
        if (fsyncPolicy != FSYNC_EVERYSEC) {
            return;
        }
        FileChannel ch = syncTarget;
        long w = writes;
        if (ch == null || w == bgSynced) {
            return;
        }
        fsyncRunning = true;
        try {
            ch.force(false);
            bgSynced = w;
        } catch (IOException e) {
            // A closed channel was replaced by a new file; a real error shows again on the next write.
        } finally {
            fsyncRunning = false;
        }
    }

    private long bgSynced;

    /** Tests only: while set, writing the log fails with this error (as a full disk would). */
    volatile IOException failWritesForTest;

    private void useIncr(FileChannel ch, Path p) {
        incr = ch;
        incrPath = p;
        syncTarget = ch;
    }

    /** Hands the current file to the background thread to fsync and close (Redis's bio close job). */
    private void closeIncr(boolean inBackground) {
        FileChannel old = incr;
        incr = null;
        incrPath = null;
        syncTarget = null;
        if (old == null) {
            return;
        }
        Runnable job = () -> {
            try {
                old.force(false);
            } catch (IOException ignored) {
                // Best effort: the file is complete up to its last successful write.
            }
            try {
                old.close();
            } catch (IOException ignored) {
                // Nothing more to do with it.
            }
        };
        if (inBackground && background != null) {
            background.execute(job);
        } else {
            job.run();
        }
    }

    // ------------------------------------------------------------------ rewrite support

    /**
     * Starts appending to a new incremental file (the rewrite's instant): the buffer goes to the old file first.
     * With the log on, the manifest lists the new file at once; while waiting for the first base
     * ({@code CONFIG SET appendonly yes}) the file is a temp file named in the manifest only when the base is done.
     */
    void openNewIncr() throws IOException {
        Path dir = dir();
        Files.createDirectories(dir);
        if (state == State.ON) {
            writePending(false);
            AofManifest m = manifest.copy();
            AofManifest.Entry e = m.newIncr(fileName());
            Path p = dir.resolve(e.name());
            FileChannel ch = openForAppend(p, true);
            m.persist(dir, manifestName());
            manifest = m;
            closeIncr(true);
            useIncr(ch, p);
            log.notice("Creating AOF incr file " + e.name() + " on background rewrite");
        } else if (state == State.WAIT_REWRITE) {
            buffer.clear();
            Path p = tempIncrPath();
            FileChannel ch = openForAppend(p, true);
            closeIncr(true);
            useIncr(ch, p);
        }
        selectedDb = -1;
    }

    Path tempIncrPath() {
        return dir().resolve("temp-" + fileName() + ".incr");
    }

    /** A rewrite wrote {@code tempBase} completely: swap it in, as Redis's backgroundRewriteDoneHandler. */
    void rewriteDone(Path tempBase, boolean rdb) throws IOException {
        Path dir = dir();
        AofManifest m = manifest.copy();
        AofManifest.Entry base = m.newBase(fileName(), rdb);
        Files.move(tempBase, dir.resolve(base.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.notice("Successfully renamed the temporary AOF base file " + tempBase.getFileName() + " into " + base.name());
        if (state == State.WAIT_REWRITE) {
            writePending(false);
            AofManifest.Entry e = m.newIncr(fileName());
            Path p = dir.resolve(e.name());
            Files.move(incrPath, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            incrPath = p;
            m.incrsBeforeLastToHistory();
        } else if (state == State.ON) {
            m.incrsBeforeLastToHistory();
        } else {
            while (!m.incrs.isEmpty()) {
                m.history.add(0, m.incrs.remove(0).as(AofManifest.HISTORY));
            }
        }
        m.persist(dir, manifestName());
        manifest = m;
        if (state == State.WAIT_REWRITE) {
            state = State.ON;
        }
        deleteHistory();
        currentSize = filesSize(manifest);
        rewriteBaseSize = currentSize;
    }

    /** Files a crash left behind: the temp incremental file of a log being turned on, temp bases of rewrites. */
    private void deleteTemps() throws IOException {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.equals("temp-" + fileName() + ".incr") || (n.startsWith("temp-rewriteaof-bg-") && n.endsWith(".aof"))) {
                    log.notice("Removing the temp file " + n + " left by an interrupted rewrite");
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * DEBUG LOADAOF: writes and fsyncs what is buffered, empties the keyspace and loads the log again (Redis
     * exits when that fails; here the command fails and the keyspace is what was loaded up to the damage).
     */
    public void debugLoadAof() throws AofException, IOException {
        if (state == State.ON) {
            writePending(true);
        }
        for (int i = 0; i < server.keyspace().count(); i++) {
            server.keyspace().db(i).clear();
        }
        AofManifest m = AofManifest.load(dir().resolve(manifestName()));
        if (m != null) {
            manifest = m;
        }
        deleteHistory();
        loading = true;
        try {
            new AofLoader(this).loadAll(manifest);
        } finally {
            loading = false;
        }
        server.resetDirty();
        log.notice("Append Only File loaded by DEBUG LOADAOF");
    }

    /** Removes the files the manifest lists as history, then the history lines themselves. */
    void deleteHistory() throws IOException {
        if (manifest.history.isEmpty()) {
            return;
        }
        for (AofManifest.Entry e : manifest.history) {
            log.notice("Removing the history file " + e.name() + " in the background");
            Files.deleteIfExists(dir().resolve(e.name()));
        }
        manifest.history.clear();
        manifest.persist(dir(), manifestName());
    }

    // ------------------------------------------------------------------ BGREWRITEAOF, appendonly yes|no, cron

    public boolean rewriteInProgress() {
        return rewrite != null;
    }

    public boolean rewriteScheduled() {
        return rewriteScheduled;
    }

    /** Schedules a rewrite to start when the running background save ends (Redis's aof_rewrite_scheduled). */
    public void scheduleRewrite() {
        rewriteScheduled = true;
        rewritesConsecutiveFailures = 0;
    }

    /**
     * Starts a background rewrite.
     *
     * @return false when another traversal (a BGSAVE) holds a database: the caller schedules it instead
     */
    public boolean startRewrite() throws IOException {
        if (rewrite != null) {
            throw new IllegalStateException("rewrite in progress");
        }
        if (server.snapshots().bgsaveInProgress()) {
            return false;
        }
        AofRewrite r = AofRewrite.begin(this);
        if (r == null) {
            return false;
        }
        rewriteScheduled = false;
        rewrite = r;
        r.run();
        return true;
    }

    /** The rewrite ended (on the keyspace thread). */
    void rewriteEnded(AofRewrite r, boolean ok, long seconds) {
        if (rewrite != r) {
            return;
        }
        rewrite = null;
        lastRewriteTimeSec = seconds;
        if (ok) {
            rewrites++;
            rewritesConsecutiveFailures = 0;
            lastRewriteOk = true;
            log.notice("Background AOF rewrite finished successfully");
        } else {
            rewritesConsecutiveFailures++;
            lastRewriteOk = false;
            if (state == State.WAIT_REWRITE) {
                // Turning the log on needs a base: try again from the cron.
                rewriteScheduled = true;
            }
        }
    }

    /** CONFIG SET appendonly: on starts a rewrite that writes the first base; off stops logging at once. */
    private void switchTo(boolean on) {
        if (on && state == State.OFF) {
            try {
                Files.createDirectories(dir());
                state = State.WAIT_REWRITE;
                if (rewrite != null) {
                    // A rewrite started with the log off has no new incr file: restart it, as Redis kills the child.
                    rewrite.abort("AOF was enabled while a rewrite was running");
                    rewrite = null;
                }
                if (!startRewrite()) {
                    openNewIncr();
                    rewriteScheduled = true;
                }
            } catch (IOException e) {
                state = State.OFF;
                closeIncr(false);
                log.warning("Redoubt needs to enable the AOF but can't trigger a background AOF rewrite operation: " + e.getMessage());
                throw new IllegalArgumentException("Unable to turn on AOF. Check server logs.");
            }
        } else if (!on && state != State.OFF) {
            writePending(true);
            flushHeld();
            if (rewrite != null) {
                rewrite.abort("AOF turned off");
                rewrite = null;
            }
            if (state == State.WAIT_REWRITE && incrPath != null) {
                Path p = incrPath;
                closeIncr(false);
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // A stray temp file is ignored at load and replaced by the next rewrite.
                }
            } else {
                closeIncr(true);
            }
            state = State.OFF;
            buffer.clear();
            log.notice("Calling fsync() on the AOF file.");
        }
    }

    private void cron() {
        if (!started) {
            return;
        }
        if (writeError != null && state != State.OFF) {
            writePending(false);
        }
        if (rewrite == null && rewriteScheduled && !server.snapshots().bgsaveInProgress() && !rewriteLimited()) {
            tryStartRewrite("scheduled");
            return;
        }
        long perc = server.config().getLong("auto-aof-rewrite-percentage");
        long minSize = server.config().getLong("auto-aof-rewrite-min-size");
        if (state == State.ON && rewrite == null && perc > 0 && currentSize > minSize) {
            long base = rewriteBaseSize > 0 ? rewriteBaseSize : 1;
            long growth = currentSize * 100 / base - 100;
            if (growth >= perc && !server.snapshots().bgsaveInProgress() && !rewriteLimited()) {
                log.notice("Starting automatic rewriting of AOF on " + growth + "% growth");
                tryStartRewrite("automatic");
            }
        }
    }

    /** Redis's aofRewriteLimited: after 3 consecutive failures, automatic/scheduled rewrites wait 1, 2, 4… 60 minutes. */
    private boolean rewriteLimited() {
        if (rewritesConsecutiveFailures < 3) {
            nextDelayMinutes = 0;
            nextRewriteMs = 0;
            return false;
        }
        if (nextRewriteMs != 0) {
            if (server.now() < nextRewriteMs) {
                return true;
            }
            nextRewriteMs = 0;
            return false;
        }
        nextDelayMinutes = nextDelayMinutes == 0 ? 1 : Math.min(60, nextDelayMinutes * 2);
        nextRewriteMs = server.now() + nextDelayMinutes * 60_000L;
        log.warning("Background AOF rewrite has repeatedly failed and triggered the limit, will retry in " + nextDelayMinutes + " minutes");
        return true;
    }

    private int nextDelayMinutes;
    private long nextRewriteMs;

    private void tryStartRewrite(String why) {
        try {
            if (!startRewrite()) {
                rewriteScheduled = true;
            }
        } catch (IOException e) {
            log.warning("Can't start the " + why + " AOF rewrite: " + e.getMessage());
            rewritesConsecutiveFailures++;
            lastRewriteOk = false;
        }
    }

    // ------------------------------------------------------------------ INFO

    /** The aof_* fields of INFO persistence, in Redis 7.2's order. */
    public Map<String, Object> infoFields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("aof_enabled", state != State.OFF ? 1 : 0);
        f.put("aof_rewrite_in_progress", rewrite != null ? 1 : 0);
        f.put("aof_rewrite_scheduled", rewriteScheduled ? 1 : 0);
        f.put("aof_last_rewrite_time_sec", lastRewriteTimeSec);
        f.put("aof_current_rewrite_time_sec", rewrite != null ? rewrite.elapsedSeconds() : -1);
        f.put("aof_last_bgrewrite_status", lastRewriteOk ? "ok" : "err");
        f.put("aof_rewrites", rewrites);
        f.put("aof_rewrites_consecutive_failures", rewritesConsecutiveFailures);
        f.put("aof_last_write_status", writeError == null ? "ok" : "err");
        f.put("aof_last_cow_size", 0);
        f.put("module_fork_in_progress", 0);
        f.put("module_fork_last_cow_size", 0);
        if (server.config().getBool("appendonly")) {
            f.put("aof_current_size", currentSize);
            f.put("aof_base_size", rewriteBaseSize);
            f.put("aof_pending_rewrite", rewriteScheduled ? 1 : 0);
            f.put("aof_buffer_length", buffer.readableBytes());
            f.put("aof_pending_bio_fsync", fsyncRunning ? 1 : 0);
            f.put("aof_delayed_fsync", 0);
        }
        return f;
    }
}
