package io.redoubt.server.persist.aof;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.redoubt.resp.Numbers;
import io.redoubt.resp.RespEncoder;
import io.redoubt.server.DetachedClient;
import io.redoubt.server.Log;
import io.redoubt.server.Server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the files of a manifest at start, as Redis's loadAppendOnlyFiles: the base (RDB or RESP), then each
 * incremental file, every command run through the dispatcher by a connection-less client (so MULTI/EXEC queue and
 * run as for a client).
 *
 * <p>A file that ends inside a command, or inside a MULTI without its EXEC, was torn by a crash: with
 * {@code aof-load-truncated yes} and when it is the last file it is cut back to its last complete command (logged
 * with the offset) and loading goes on; otherwise loading fails. Anything else that is not RESP is corruption and
 * always fails, naming the file and the offset of the bad command.
 */
final class AofLoader {
    private enum Result { OK, EMPTY, TRUNCATED }

    private final AppendOnlyLog aof;
    private final Server server;
    private final Log log;
    private final ByteBuf request = Unpooled.buffer(4096);

    AofLoader(AppendOnlyLog aof) {
        this.aof = aof;
        this.server = aof.server;
        this.log = aof.log;
    }

    /** @return true when there was something to load */
    boolean loadAll(AofManifest m) throws AofException, IOException {
        if (m.isEmpty()) {
            return false;
        }
        List<AofManifest.Entry> files = new ArrayList<>();
        if (m.base != null) {
            files.add(m.base);
        }
        files.addAll(m.incrs);
        long total = 0;
        for (AofManifest.Entry e : files) {
            Path p = aof.dir().resolve(e.name());
            if (!Files.exists(p)) {
                log.warning("The append log file " + e.name() + " doesn't exist: No such file or directory");
                throw new AofException(p + ": listed in the manifest but missing (nothing to read at offset 0)");
            }
            total += Files.size(p);
        }
        if (total == 0) {
            return false;
        }
        long start = System.nanoTime();
        try {
            for (int i = 0; i < files.size(); i++) {
                AofManifest.Entry e = files.get(i);
                boolean last = i == files.size() - 1;
                long t0 = System.nanoTime();
                Result r = loadFile(e.name(), last);
                if (r == Result.TRUNCATED && !last) {
                    log.warning("Fatal error: the truncated file is not the last file");
                    throw new AofException(aof.dir().resolve(e.name()) + ": truncated, but it is not the last file of the AOF");
                }
                log.notice(String.format("DB loaded from %s file %s: %.3f seconds",
                        e.type() == AofManifest.BASE ? "base" : "incr", e.name(), (System.nanoTime() - t0) / 1e9));
            }
        } finally {
            request.release();
        }
        server.resetDirty();
        log.notice(String.format("DB loaded from append only file: %.3f seconds", (System.nanoTime() - start) / 1e9));
        return true;
    }

    private Result loadFile(String name, boolean last) throws AofException, IOException {
        Path path = aof.dir().resolve(name);
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new AofException(path + ": The append log file doesn't exist");
        }
        if (size == 0) {
            return Result.EMPTY;
        }
        DetachedClient client = new DetachedClient(server);
        CountingInput file = new CountingInput(Files.newInputStream(path), 0);
        CountingInput in = file;
        try {
            if (startsWithRdb(path)) {
                boolean oldStyle = name.equals(aof.fileName());
                log.notice(oldStyle ? "Reading RDB preamble from AOF file..." : "Reading RDB base file on AOF loading...");
                AofRdb.Tail tail = AofRdb.load(server, in, size, path.toString());
                if (!oldStyle) {
                    return Result.OK;
                }
                log.notice("Reading the remaining AOF tail...");
                in = new CountingInput(tail.rest(), tail.offset());
            }
            return loadCommands(client, in, path, last);
        } finally {
            in.close();
            file.close();
            client.detach();
        }
    }

    private static boolean startsWithRdb(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] sig = in.readNBytes(5);
            return sig.length == 5 && new String(sig, StandardCharsets.US_ASCII).equals("REDIS");
        }
    }

    private Result loadCommands(DetachedClient client, CountingInput in, Path path, boolean last) throws AofException, IOException {
        String name = path.getFileName().toString();
        long validUpTo = in.position();
        long validBeforeMulti = validUpTo;
        boolean inMulti = false;
        byte[] line = new byte[128];
        while (true) {
            long commandStart = in.position();
            int n = in.readLine(line);
            if (n == CountingInput.EOF) {
                break;
            }
            if ((n > 0 || n == CountingInput.TOO_LONG) && line[0] == '#') {
                in.skipLine(line, n);
                validUpTo = in.position();
                continue;
            }
            if (n == CountingInput.TOO_LONG || n < 1 || line[0] != '*') {
                throw badFormat(path, commandStart);
            }
            if (!in.lastLineComplete()) {
                return truncated(path, validUpTo, last);
            }
            long argc = parse(line, 1, n);
            if (argc < 1 || argc > Integer.MAX_VALUE / 2) {
                throw badFormat(path, commandStart);
            }
            request.clear();
            RespEncoder.writeArrayHeader(request, (int) argc);
            boolean isMulti = false;
            boolean isExec = false;
            for (int j = 0; j < argc; j++) {
                int ln = in.readLine(line);
                if (ln == CountingInput.EOF || (ln >= 0 && !in.lastLineComplete())) {
                    return truncated(path, validUpTo, last);
                }
                if (ln < 1 || line[0] != '$') {
                    throw badFormat(path, commandStart);
                }
                long len = parse(line, 1, ln);
                if (len < 0 || len > Integer.MAX_VALUE - 16) {
                    throw badFormat(path, commandStart);
                }
                request.writeByte('$');
                Numbers.writeLong(request, len);
                request.writeShort(RespEncoder.CRLF);
                int argStart = request.writerIndex();
                if (!in.readInto(request, (int) len) || in.skip2() < 2) {
                    return truncated(path, validUpTo, last);
                }
                request.writeShort(RespEncoder.CRLF);
                if (j == 0) {
                    isMulti = is(request, argStart, (int) len, "multi");
                    isExec = is(request, argStart, (int) len, "exec");
                }
            }
            if (isMulti) {
                validBeforeMulti = validUpTo;
                inMulti = true;
            } else if (isExec) {
                inMulti = false;
            }
            client.clearReplies();
            if (!client.replay(request)) {
                String cmd = commandName(request);
                log.warning("Unknown command '" + cmd + "' reading the append only file " + name);
                throw new AofException(path + ": unknown command '" + cmd + "' at offset " + commandStart);
            }
            validUpTo = in.position();
        }
        if (inMulti) {
            log.warning("Revert incomplete MULTI/EXEC transaction in AOF file " + name);
            client.replay(Unpooled.wrappedBuffer("*1\r\n$7\r\nDISCARD\r\n".getBytes(StandardCharsets.US_ASCII)));
            return truncated(path, validBeforeMulti, last);
        }
        return Result.OK;
    }

    private Result truncated(Path path, long validUpTo, boolean last) throws AofException, IOException {
        String name = path.getFileName().toString();
        if (server.config().getBool("aof-load-truncated") && last) {
            log.warning("!!! Warning: short read while loading the AOF file " + name + "!!!");
            log.warning("!!! Truncating the AOF " + name + " at offset " + validUpTo + " !!!");
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.truncate(validUpTo);
                ch.force(true);
            }
            log.warning("AOF " + name + " loaded anyway because aof-load-truncated is enabled");
            return Result.TRUNCATED;
        }
        if (server.config().getBool("aof-load-truncated")) {
            return Result.TRUNCATED;
        }
        log.warning("Unexpected end of file reading the append only file " + name + ". You can: "
                + "1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. "
                + "2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.");
        throw new AofException(path + ": unexpected end of file after the last complete command at offset " + validUpTo
                + " (aof-load-truncated is no)");
    }

    private AofException badFormat(Path path, long offset) {
        log.warning("Bad file format reading the append only file " + path.getFileName() + " at offset " + offset
                + ": make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>");
        return new AofException("Bad file format reading the append only file " + path + " at offset " + offset);
    }

    /** atoi/strtol as Redis reads counts and lengths: leading digits, anything after them ignored. */
    private static long parse(byte[] line, int from, int to) {
        long v = 0;
        boolean neg = false;
        int i = from;
        if (i < to && (line[i] == '-' || line[i] == '+')) {
            neg = line[i] == '-';
            i++;
        }
        int digits = 0;
        while (i < to && line[i] >= '0' && line[i] <= '9' && digits < 18) {
            v = v * 10 + (line[i] - '0');
            i++;
            digits++;
        }
        return neg ? -v : v;
    }

    private static boolean is(ByteBuf b, int index, int len, String word) {
        if (len != word.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (Character.toLowerCase((char) b.getByte(index + i)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String commandName(ByteBuf request) {
        String s = request.toString(StandardCharsets.ISO_8859_1);
        String[] parts = s.split("\r\n");
        return parts.length > 2 ? parts[2] : s;
    }

    /** A buffered input stream that knows its offset and reads RESP lines as fgets does. */
    static final class CountingInput extends InputStream {
        static final int EOF = -1;
        static final int TOO_LONG = -2;
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private long base;
        private boolean lineComplete;

        CountingInput(InputStream in, long startOffset) {
            this.in = in;
            this.base = startOffset;
        }

        long position() {
            return base + pos;
        }

        private boolean fill() throws IOException {
            if (pos < limit) {
                return true;
            }
            base += limit;
            pos = 0;
            limit = 0;
            int n = in.read(buf);
            if (n <= 0) {
                return false;
            }
            limit = n;
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        /**
         * Reads a line (without its CR LF) into {@code line}; EOF at once gives {@link #EOF}, a line longer
         * than the array gives {@link #TOO_LONG}. {@link #lastLineComplete()} tells whether it ended with LF.
         */
        int readLine(byte[] line) throws IOException {
            int n = 0;
            lineComplete = false;
            while (true) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? EOF : trimCr(line, n);
                }
                if (c == '\n') {
                    lineComplete = true;
                    return trimCr(line, n);
                }
                if (n == line.length) {
                    return TOO_LONG;
                }
                line[n++] = (byte) c;
            }
        }

        private static int trimCr(byte[] line, int n) {
            return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
        }

        void skipLine(byte[] line, int n) throws IOException {
            if (!lineComplete) {
                int c;
                do {
                    c = read();
                } while (c >= 0 && c != '\n');
            }
        }

        boolean lastLineComplete() {
            return lineComplete;
        }

        /** Copies {@code len} bytes into {@code dst}; false at end of file. */
        boolean readInto(ByteBuf dst, int len) throws IOException {
            int left = len;
            while (left > 0) {
                if (!fill()) {
                    return false;
                }
                int n = Math.min(left, limit - pos);
                dst.writeBytes(buf, pos, n);
                pos += n;
                left -= n;
            }
            return true;
        }

        /** Skips the CR LF after a bulk (Redis discards those two bytes unchecked); returns how many were there. */
        int skip2() throws IOException {
            int n = 0;
            while (n < 2 && read() >= 0) {
                n++;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
