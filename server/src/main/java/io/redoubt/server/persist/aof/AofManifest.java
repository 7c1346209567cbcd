package io.redoubt.server.persist.aof;

import io.redoubt.server.command.Quoting;
import io.redoubt.server.config.ConfigFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis 7's AOF manifest ({@code appendonly.aof.manifest}): which base file, history files and incremental
 * files make up the log, one per line as {@code file <name> seq <n> type <b|h|i>}. Lines starting with
 * {@code #} are comments; keys may come in any order and unknown keys are ignored (Redis's forward
 * compatibility). Names needing quotes are written and read as Redis's sdscatrepr/sdssplitargs do.
 *
 * <p>Not thread-safe: owned by the keyspace thread; {@link #copy()} gives the rewrite its own version to change
 * before it is swapped in.
 */
final class AofManifest {
    static final String SUFFIX = ".manifest";
    static final char BASE = 'b';
    static final char HISTORY = 'h';
    static final char INCR = 'i';

    record Entry(String name, long seq, char type) {
        Entry as(char newType) {
            return new Entry(name, seq, newType);
        }
    }

    Entry base;
    final List<Entry> history = new ArrayList<>();
    final List<Entry> incrs = new ArrayList<>();
    long baseSeq;
    long incrSeq;

    AofManifest copy() {
        AofManifest m = new AofManifest();
        m.base = base;
        m.history.addAll(history);
        m.incrs.addAll(incrs);
        m.baseSeq = baseSeq;
        m.incrSeq = incrSeq;
        return m;
    }

    boolean isEmpty() {
        return base == null && incrs.isEmpty();
    }

    /** The next base file's entry; the current base becomes history. */
    Entry newBase(String fileName, boolean rdb) {
        if (base != null) {
            history.add(0, base.as(HISTORY));
        }
        baseSeq++;
        base = new Entry(fileName + "." + baseSeq + ".base" + (rdb ? ".rdb" : ".aof"), baseSeq, BASE);
        return base;
    }

    Entry newIncr(String fileName) {
        incrSeq++;
        Entry e = new Entry(fileName + "." + incrSeq + ".incr.aof", incrSeq, INCR);
        incrs.add(e);
        return e;
    }

    /** After a rewrite: every incremental file but the one being written now has been folded into the base. */
    void incrsBeforeLastToHistory() {
        while (incrs.size() > 1) {
            history.add(0, incrs.remove(0).as(HISTORY));
        }
    }

    String format() {
        StringBuilder sb = new StringBuilder();
        if (base != null) {
            line(sb, base);
        }
        for (Entry e : history) {
            line(sb, e);
        }
        for (Entry e : incrs) {
            line(sb, e);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, Entry e) {
        sb.append("file ").append(quoteIfNeeded(e.name)).append(" seq ").append(e.seq).append(" type ").append(e.type).append('\n');
    }

    static AofManifest parse(String text, String source) throws AofException {
        AofManifest m = new AofManifest();
        String[] lines = text.split("\n", -1);
        int lineCount = text.endsWith("\n") ? lines.length - 1 : lines.length;
        if (lineCount == 0 || text.isEmpty()) {
            throw new AofException(source + ": Found an empty AOF manifest");
        }
        long maxIncr = 0;
        for (int n = 0; n < lineCount; n++) {
            String raw = lines[n];
            if (raw.startsWith("#")) {
                continue;
            }
            String line = raw.strip();
            String where = source + " line " + (n + 1) + " ('" + line + "'): ";
            List<String> words = ConfigFile.split(line);
            if (line.isEmpty() || words == null || words.size() < 6 || words.size() % 2 != 0) {
                throw new AofException(where + "Invalid AOF manifest file format");
            }
            String name = null;
            long seq = 0;
            char type = 0;
            for (int i = 0; i < words.size(); i += 2) {
                String k = words.get(i);
                String v = words.get(i + 1);
                if (k.equalsIgnoreCase("file")) {
                    if (v.contains("/") || v.contains("\\")) {
                        throw new AofException(where + "File can't be a path, just a filename");
                    }
                    name = v;
                } else if (k.equalsIgnoreCase("seq")) {
                    seq = atoll(v);
                } else if (k.equalsIgnoreCase("type")) {
                    type = v.isEmpty() ? 0 : v.charAt(0);
                }
            }
            if (name == null || seq == 0 || type == 0) {
                throw new AofException(where + "Invalid AOF manifest file format");
            }
            Entry e = new Entry(name, seq, type);
            switch (type) {
                case BASE -> {
                    if (m.base != null) {
                        throw new AofException(where + "Found duplicate base file information");
                    }
                    m.base = e;
                    m.baseSeq = seq;
                }
                case HISTORY -> m.history.add(e);
                case INCR -> {
                    if (seq <= maxIncr) {
                        throw new AofException(where + "Found a non-monotonic sequence number");
                    }
                    m.incrs.add(e);
                    m.incrSeq = seq;
                    maxIncr = seq;
                }
                default -> throw new AofException(where + "Unknown AOF file type");
            }
        }
        return m;
    }

    static AofManifest load(Path file) throws AofException, IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Writes the manifest as Redis does: a temp file, fsync, rename over the old one, fsync of the directory. */
    void persist(Path dir, String manifestName) throws IOException {
        Path tmp = dir.resolve("temp-" + manifestName);
        byte[] bytes = format().getBytes(StandardCharsets.ISO_8859_1);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(manifestName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(dir);
    }

    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a directory; the rename is still atomic there.
        }
    }

    private static long atoll(String v) {
        int i = 0;
        boolean neg = false;
        if (i < v.length() && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
            neg = v.charAt(i) == '-';
            i++;
        }
        long n = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            n = n * 10 + (v.charAt(i) - '0');
            i++;
        }
        return neg ? -n : n;
    }

    /** Quotes a file name as sdscatrepr when it has spaces, quotes or unprintable bytes (sdsneedsrepr). */
    static String quoteIfNeeded(String s) {
        boolean needs = false;
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == '\\' || c == '"' || c == '\n' || c == '\r' || c == '\t' || c == 7 || c == '\b'
                    || c < 32 || c > 126 || c == ' ';
        }
        if (!needs) {
            return s;
        }
        return Quoting.repr(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
