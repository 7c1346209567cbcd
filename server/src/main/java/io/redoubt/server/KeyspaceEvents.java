package io.redoubt.server;

import io.netty.buffer.ByteBuf;
import io.redoubt.resp.CommandArgs;
import io.redoubt.store.Database;

import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications (notify-keyspace-events): publishes {@code __keyspace@<db>__:<key>} → event and
 * {@code __keyevent@<db>__:<event>} → key through {@link PubSub}, so subscribers see them as PUBLISHed messages.
 * Off by default; then a call costs one int test and allocates nothing.
 */
public final class KeyspaceEvents {
    public static final int KEYSPACE = 1;        // K
    public static final int KEYEVENT = 1 << 1;   // E
    public static final int GENERIC = 1 << 2;    // g
    public static final int STRING = 1 << 3;     // $
    public static final int LIST = 1 << 4;       // l
    public static final int SET = 1 << 5;        // s
    public static final int HASH = 1 << 6;       // h
    public static final int ZSET = 1 << 7;       // z
    public static final int EXPIRED = 1 << 8;    // x
    public static final int EVICTED = 1 << 9;    // e
    public static final int STREAM = 1 << 10;    // t
    public static final int KEY_MISS = 1 << 11;  // m
    public static final int MODULE = 1 << 13;    // d
    public static final int NEW = 1 << 14;       // n

    private static final byte[] KEYSPACE_PREFIX = "__keyspace@".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYEVENT_PREFIX = "__keyevent@".getBytes(StandardCharsets.US_ASCII);

    private final PubSub pubSub;
    /** Classes enabled, or 0 when neither K nor E is set (nothing can be published then). */
    private int enabled;
    private int channels;

    KeyspaceEvents(PubSub pubSub) {
        this.pubSub = pubSub;
    }

    /** Applies a notify-keyspace-events value (already validated by the config directive). */
    public void configure(String classes) {
        int flags = parse(classes);
        channels = flags & (KEYSPACE | KEYEVENT);
        enabled = channels == 0 ? 0 : flags & ~(KEYSPACE | KEYEVENT);
    }

    /** Redis's keyspaceEventsStringToFlags: 'A' is every class but key-miss and new. */
    static int parse(String classes) {
        int flags = 0;
        for (int i = 0; i < classes.length(); i++) {
            flags |= switch (classes.charAt(i)) {
                case 'A' -> GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;
                case 'g' -> GENERIC;
                case '$' -> STRING;
                case 'l' -> LIST;
                case 's' -> SET;
                case 'h' -> HASH;
                case 'z' -> ZSET;
                case 'x' -> EXPIRED;
                case 'e' -> EVICTED;
                case 'K' -> KEYSPACE;
                case 'E' -> KEYEVENT;
                case 't' -> STREAM;
                case 'm' -> KEY_MISS;
                case 'd' -> MODULE;
                case 'n' -> NEW;
                default -> 0;
            };
        }
        return flags;
    }

    /** Whether events of {@code type} are published (callers test this before work done only for events). */
    public boolean wants(int type) {
        return (enabled & type) != 0;
    }

    /** Notifies an event on the key at argument {@code i} of the client's current database. */
    public void notify(int type, String event, Client c, CommandArgs a, int i) {
        if ((enabled & type) != 0) {
            publish(event, c.dbIndex(), copy(a.buf(), a.offset(i), a.length(i)));
        }
    }

    public void notify(int type, String event, int dbIndex, ByteBuf key, int index, int length) {
        if ((enabled & type) != 0) {
            publish(event, dbIndex, copy(key, index, length));
        }
    }

    public void notify(int type, String event, int dbIndex, byte[] key) {
        if ((enabled & type) != 0) {
            publish(event, dbIndex, key);
        }
    }

    /** The "new" event, sent (as Redis's dbAdd does) before the key at argument {@code i} is created. */
    public void notifyIfNew(Client c, CommandArgs a, int i) {
        if ((enabled & NEW) != 0 && c.db().find(a.buf(), a.offset(i), a.length(i)) == Database.NONE) {
            publish("new", c.dbIndex(), copy(a.buf(), a.offset(i), a.length(i)));
        }
    }

    private static byte[] copy(ByteBuf buf, int index, int length) {
        byte[] key = new byte[length];
        buf.getBytes(index, key);
        return key;
    }

    private void publish(String event, int dbIndex, byte[] key) {
        byte[] eventBytes = event.getBytes(StandardCharsets.US_ASCII);
        byte[] db = Integer.toString(dbIndex).getBytes(StandardCharsets.US_ASCII);
        if ((channels & KEYSPACE) != 0) {
            pubSub.publish(concat(KEYSPACE_PREFIX, db, key), eventBytes);
        }
        if ((channels & KEYEVENT) != 0) {
            pubSub.publish(concat(KEYEVENT_PREFIX, db, eventBytes), key);
        }
    }

    private static byte[] concat(byte[] prefix, byte[] db, byte[] name) {
        byte[] out = new byte[prefix.length + db.length + 3 + name.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(db, 0, out, prefix.length, db.length);
        int p = prefix.length + db.length;
        out[p] = '_';
        out[p + 1] = '_';
        out[p + 2] = ':';
        System.arraycopy(name, 0, out, p + 3, name.length);
        return out;
    }
}
