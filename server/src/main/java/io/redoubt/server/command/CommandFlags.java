package io.redoubt.server.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Command flags, named as Redis's COMMAND INFO names them. Kept as bits of a {@code long}. */
public final class CommandFlags {
    public static final long WRITE = 1L;
    public static final long READONLY = 1L << 1;
    public static final long DENYOOM = 1L << 2;
    public static final long MODULE = 1L << 3;
    public static final long ADMIN = 1L << 4;
    public static final long PUBSUB = 1L << 5;
    public static final long NOSCRIPT = 1L << 6;
    public static final long BLOCKING = 1L << 7;
    public static final long LOADING = 1L << 8;
    public static final long STALE = 1L << 9;
    public static final long SKIP_MONITOR = 1L << 10;
    public static final long SKIP_SLOWLOG = 1L << 11;
    public static final long ASKING = 1L << 12;
    public static final long FAST = 1L << 13;
    public static final long NO_AUTH = 1L << 14;
    public static final long MAY_REPLICATE = 1L << 15;
    public static final long SENTINEL = 1L << 16;
    public static final long ONLY_SENTINEL = 1L << 17;
    public static final long NO_MANDATORY_KEYS = 1L << 18;
    public static final long PROTECTED = 1L << 19;
    public static final long NO_ASYNC_LOADING = 1L << 20;
    public static final long NO_MULTI = 1L << 21;
    public static final long MOVABLEKEYS = 1L << 22;
    public static final long ALLOW_BUSY = 1L << 23;
    public static final long ALLOW_IN_SUBSCRIBE = 1L << 24;

    private static final String[] NAMES = {
        "write", "readonly", "denyoom", "module", "admin", "pubsub", "noscript", "blocking", "loading",
        "stale", "skip_monitor", "skip_slowlog", "asking", "fast", "no_auth", "may_replicate", "sentinel",
        "only_sentinel", "no_mandatory_keys", "protected", "no_async_loading", "no_multi", "movablekeys",
        "allow_busy", "allow_in_subscribe"
    };

    private CommandFlags() {
    }

    /** Parses a space-separated list of flag names. */
    public static long parse(String names) {
        long flags = 0;
        for (String n : names.trim().split("\\s+")) {
            if (n.isEmpty()) {
                continue;
            }
            int i = indexOf(n.toLowerCase(Locale.ROOT));
            if (i < 0) {
                throw new IllegalArgumentException("unknown command flag: " + n);
            }
            flags |= 1L << i;
        }
        return flags;
    }

    private static int indexOf(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Flags that exist for the server's own checks; COMMAND INFO does not show them, as in Redis. */
    private static final long HIDDEN = ALLOW_IN_SUBSCRIBE | MAY_REPLICATE | SENTINEL | ONLY_SENTINEL | PROTECTED;

    /** Flag names in COMMAND INFO's order; internal flags that Redis does not show are left out. */
    public static List<String> names(long flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & (1L << i)) != 0 && ((1L << i) & HIDDEN) == 0) {
                out.add(NAMES[i]);
            }
        }
        return out;
    }
}
