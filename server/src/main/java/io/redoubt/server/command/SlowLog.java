package io.redoubt.server.command;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.Server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/** The slow log: commands slower than {@code slowlog-log-slower-than} µs, newest first, at most {@code slowlog-max-len}. */
public final class SlowLog {
    private static final int MAX_ARGS = 32;
    private static final int MAX_ARG_LENGTH = 128;
    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    /** One logged command, as SLOWLOG GET shows it. */
    public record Entry(long id, long unixTime, long micros, byte[][] args, String clientAddr, String clientName) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextId;
    // Kept current by config listeners, so the check on every command reads no configuration map.
    private long threshold = 10000;
    private int maxLength = 128;

    /** slowlog-log-slower-than: microseconds; negative disables the log, 0 logs every command. */
    public void threshold(long micros) {
        this.threshold = micros;
    }

    /** slowlog-max-len: trims the log at once when it shrinks. */
    public void maxLength(int max) {
        this.maxLength = max;
        trim(max);
    }

    void maybeAdd(Server server, Client c, CommandArgs args, long micros) {
        if (threshold < 0 || micros < threshold) {
            return;
        }
        int max = maxLength;
        int n = Math.min(args.count(), MAX_ARGS);
        byte[][] kept = new byte[n][];
        long redacted = c.redactedArgs();
        for (int i = 0; i < n; i++) {
            if (i < 64 && (redacted & (1L << i)) != 0) {
                kept[i] = REDACTED.clone();
            } else if (i == MAX_ARGS - 1 && args.count() > MAX_ARGS) {
                kept[i] = ("... (" + (args.count() - MAX_ARGS + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII);
            } else if (args.length(i) > MAX_ARG_LENGTH) {
                byte[] head = new byte[MAX_ARG_LENGTH];
                args.buf().getBytes(args.offset(i), head);
                byte[] tail = ("... (" + (args.length(i) - MAX_ARG_LENGTH) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                byte[] both = new byte[head.length + tail.length];
                System.arraycopy(head, 0, both, 0, head.length);
                System.arraycopy(tail, 0, both, head.length, tail.length);
                kept[i] = both;
            } else {
                kept[i] = args.bytes(i);
            }
        }
        entries.addFirst(new Entry(nextId++, server.now() / 1000, micros, kept, c.addr(), c.name()));
        while (entries.size() > max) {
            entries.removeLast();
        }
    }

    public Iterator<Entry> newestFirst() {
        return entries.iterator();
    }

    public int size() {
        return entries.size();
    }

    public void reset() {
        entries.clear();
    }

    /** Trims to a new maximum length (CONFIG SET slowlog-max-len). */
    public void trim(int max) {
        while (entries.size() > max) {
            entries.removeLast();
        }
    }
}
