package io.redoubt.server;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The server log, in Redis's line format ({@code pid:role dd Mon yyyy hh:mm:ss.mmm level message}) so that
 * tools and people reading Redis logs read ours the same way. Levels: debug, verbose, notice, warning.
 */
public final class Log {
    public static final int DEBUG = 0;
    public static final int VERBOSE = 1;
    public static final int NOTICE = 2;
    public static final int WARNING = 3;
    private static final char[] MARKS = {'.', '-', '*', '#'};
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);

    private volatile int level = NOTICE;
    private volatile PrintStream out = System.out;
    private volatile char role = 'M';
    private final long pid = ProcessHandle.current().pid();

    public void level(String name) {
        level = switch (name.toLowerCase(Locale.ROOT)) {
            case "debug" -> DEBUG;
            case "verbose" -> VERBOSE;
            case "notice" -> NOTICE;
            case "warning" -> WARNING;
            case "nothing" -> WARNING + 1;
            default -> throw new IllegalArgumentException("unknown loglevel " + name);
        };
    }

    /** Sends the log to a file (appending), or to standard output for an empty name. */
    public void file(String path) throws IOException {
        PrintStream old = out;
        out = path == null || path.isEmpty()
                ? System.out
                : new PrintStream(new FileOutputStream(path, true), true, StandardCharsets.UTF_8);
        if (old != System.out && old != out) {
            old.close();
        }
    }

    /** 'M' master, 'S' replica, 'C' child, 'X' sentinel. */
    public void role(char role) {
        this.role = role;
    }

    public boolean enabled(int lvl) {
        return lvl >= level;
    }

    public void log(int lvl, String message) {
        if (lvl < level) {
            return;
        }
        out.println(pid + ":" + role + " " + TIME.format(LocalDateTime.now()) + " " + MARKS[lvl] + " " + message);
    }

    public void debug(String m) {
        log(DEBUG, m);
    }

    public void verbose(String m) {
        log(VERBOSE, m);
    }

    public void notice(String m) {
        log(NOTICE, m);
    }

    public void warning(String m) {
        log(WARNING, m);
    }
}
