package io.redoubt.server.types;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.Server;
import io.redoubt.server.command.CommandError;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

/**
 * How collection commands reach their values: look-up with lazy expiry and the type check, creation, and
 * the bookkeeping after a change (memory accounting, deleting emptied collections, WATCH and blocked
 * clients, the dirty counter). Every collection command goes through these so none forgets a step.
 */
public final class Values {
    private Values() {
    }

    /** The collection of {@code type} at key argument {@code i} for reading; null when absent. */
    public static <T> T read(Client c, CommandArgs a, int i, int type, Class<T> cls) {
        Database db = c.db();
        long ref = c.server().lookupRead(c, a, i);
        if (ref == Database.NONE) {
            return null;
        }
        if (db.type(ref) != type) {
            throw CommandError.WRONGTYPE;
        }
        return cls.cast(db.object(ref));
    }

    /**
     * The collection of {@code type} at key argument {@code i}, about to be changed in place; null when
     * absent. A running snapshot that has not yet written the key takes its copy first.
     */
    public static <T> T write(Client c, CommandArgs a, int i, int type, Class<T> cls) {
        Database db = c.db();
        long ref = c.server().lookupWrite(c, a, i);
        if (ref == Database.NONE) {
            return null;
        }
        if (db.type(ref) != type) {
            throw CommandError.WRONGTYPE;
        }
        db.beforeObjectWrite(ref);
        return cls.cast(db.object(ref));
    }

    /**
     * SREM, ZREM and HDEL: removes the elements named from argument 2 on from the collection at key argument 1
     * (stopping once it is empty, as Redis does before deleting the key), records the change and replies with
     * the number removed.
     */
    public static <T extends MemberRemoval> void removeMembers(Client c, CommandArgs a, int type, Class<T> cls) {
        T value = write(c, a, 1, type, cls);
        long removed = 0;
        if (value != null) {
            for (int i = 2; i < a.count() && value.size() > 0; i++) {
                if (value.removeMember(a, i)) {
                    removed++;
                }
            }
            if (removed > 0) {
                written(c, a, 1, removed, eventClass(type), type == ValueType.SET ? "srem" : type == ValueType.HASH ? "hdel" : "zrem");
            }
        }
        c.reply().integer(removed);
    }

    private static int eventClass(int type) {
        return switch (type) {
            case ValueType.SET -> KeyspaceEvents.SET;
            case ValueType.HASH -> KeyspaceEvents.HASH;
            case ValueType.ZSET -> KeyspaceEvents.ZSET;
            default -> KeyspaceEvents.LIST;
        };
    }

    /** Throws WRONGTYPE if key argument {@code i} exists with another type than {@code type}. */
    public static void checkType(Client c, CommandArgs a, int i, int type) {
        long ref = c.server().lookupWrite(c, a, i);
        if (ref != Database.NONE && c.db().type(ref) != type) {
            throw CommandError.WRONGTYPE;
        }
    }

    /** Stores a new collection under key argument {@code i}, replacing what was there. */
    public static void create(Client c, CommandArgs a, int i, int type, CollectionValue value) {
        c.server().events().notifyIfNew(c, a, i);
        c.db().putObject(a.buf(), a.offset(i), a.length(i), type, value, Database.NO_EXPIRY);
    }

    /** Stores a collection under key argument {@code i} keeping the old value's expiry (SORT STORE does not). */
    public static void store(Client c, CommandArgs a, int i, int type, CollectionValue value, long expireAt) {
        c.server().events().notifyIfNew(c, a, i);
        c.db().putObject(a.buf(), a.offset(i), a.length(i), type, value, expireAt);
    }

    /** {@link #written(Client, CommandArgs, int, long)} after the command's keyspace event, as Redis orders them. */
    public static void written(Client c, CommandArgs a, int i, long dirty, int eventType, String event) {
        c.server().events().notify(eventType, event, c, a, i);
        written(c, a, i, dirty);
    }

    /**
     * After a collection at key argument {@code i} changed: re-measures its memory, deletes it when it is
     * empty, wakes clients blocked on it, marks it modified for WATCH, and adds {@code dirty} changes.
     */
    public static void written(Client c, CommandArgs a, int i, long dirty) {
        Server server = c.server();
        Database db = c.db();
        long ref = db.find(a.buf(), a.offset(i), a.length(i));
        if (ref != Database.NONE) {
            Object o = db.object(ref);
            if (o instanceof CollectionValue v && v.size() == 0) {
                db.delete(ref);
                server.events().notify(KeyspaceEvents.GENERIC, "del", c, a, i);
            } else {
                db.objectMemoryChanged(ref);
                int type = db.type(ref);
                if (type == ValueType.LIST || type == ValueType.ZSET) {
                    server.blocking().signal(c.dbIndex(), a.buf(), a.offset(i), a.length(i));
                }
            }
        }
        server.keyModified(c.dbIndex(), a.buf(), a.offset(i), a.length(i));
        server.addDirty(dirty);
    }
}
