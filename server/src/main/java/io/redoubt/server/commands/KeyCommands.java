package io.redoubt.server.commands;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;
import io.redoubt.server.types.CollectionValue;
import io.redoubt.server.util.Glob;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * Keyspace commands (Redis's db.c and object.c): DEL, UNLINK, EXISTS, TYPE, TOUCH, RENAME, RENAMENX, MOVE,
 * COPY, RANDOMKEY, KEYS, SCAN and OBJECT. Expiry commands are in {@link ExpireCommands}, whole-database
 * commands in {@link DatabaseCommands}.
 */
public final class KeyCommands {
    static final CommandError SAME_OBJECT = new CommandError("ERR source and destination objects are the same");
    private static final CommandError INVALID_CURSOR = new CommandError("ERR invalid cursor");
    private static final CommandError NOT_COPYABLE = new CommandError("ERR this value type cannot be copied yet");
    private static final CommandError FREQ_NOT_TRACKED = new CommandError("ERR An LFU maxmemory policy is not selected, "
            + "access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU "
            + "data will take some time to adjust.");
    private static final CommandError IDLE_NOT_TRACKED = new CommandError("ERR An LFU maxmemory policy is selected, "
            + "idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data "
            + "will take some time to adjust.");
    private static final String[] OBJECT_HELP = {
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
        "HELP",
        "    Prints this help.",
    };
    /** Redis's OBJ_SHARED_REFCOUNT: small integers are shared objects that are never freed. */
    private static final int SHARED_REFCOUNT = Integer.MAX_VALUE;
    private static final int SHARED_INTEGERS = 10000;
    private static final int EMBSTR_LIMIT = 44;
    private static final int LRU_CLOCK_MAX = 0xFFFFFF;

    private KeyCommands() {
    }

    public static void register(CommandTable t) {
        t.add("del", -2, "write", KeyCommands::del).keys(1, -1, 1).keySpecFlags("RM delete")
                .tips("request_policy:multi_shard response_policy:agg_sum")
                .doc("Deletes one or more keys.", "O(N) where N is the number of keys that will be removed.", "key [key ...]");
        t.add("unlink", -2, "write fast", KeyCommands::unlink).keys(1, -1, 1).since("4.0.0").keySpecFlags("RM delete")
                .tips("request_policy:multi_shard response_policy:agg_sum")
                .doc("Asynchronously deletes one or more keys.", "O(1) for each key removed regardless of its size.",
                        "key [key ...]");
        t.add("exists", -2, "readonly fast", KeyCommands::exists).keys(1, -1, 1).keySpecFlags("RO")
                .tips("request_policy:multi_shard response_policy:agg_sum")
                .doc("Determines whether one or more keys exist.", "O(N) where N is the number of keys to check.", "key [key ...]");
        t.add("type", 2, "readonly fast", KeyCommands::type).keys(1, 1, 1).keySpecFlags("RO")
                .doc("Determines the type of value stored at a key.", "O(1)", "key");
        t.add("touch", -2, "readonly fast", KeyCommands::touch).keys(1, -1, 1).since("3.2.1").keySpecFlags("RO")
                .tips("request_policy:multi_shard response_policy:agg_sum")
                .doc("Returns the number of existing keys out of those specified after updating the time they were last accessed.",
                        "O(N) where N is the number of keys that will be touched.", "key [key ...]");
        t.add("rename", 3, "write", KeyCommands::rename).keys(1, 2, 1).keySpecFlags("RW access delete | OW update")
                .doc("Renames a key and overwrites the destination.", "O(1)", "key newkey");
        t.add("renamenx", 3, "write fast", KeyCommands::renamenx).keys(1, 2, 1)
                .keySpecFlags("RW access delete | OW insert")
                .doc("Renames a key only when the target key name doesn't exist.", "O(1)", "key newkey");
        t.add("move", 3, "write fast", KeyCommands::move).keys(1, 1, 1).keySpecFlags("RW access update")
                .doc("Moves a key to another database.", "O(1)", "key db");
        t.add("copy", -3, "write denyoom", KeyCommands::copy).keys(1, 2, 1).since("6.2.0")
                .keySpecFlags("RO access | OW update")
                .doc("Copies the value of a key to a new key.",
                        "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.",
                        "source destination [DB destination-db] [REPLACE]");
        t.add("randomkey", 1, "readonly", KeyCommands::randomkey).tips("request_policy:all_shards nondeterministic_output")
                .doc("Returns a random key name from the database.", "O(1)", "");
        t.add("keys", 2, "readonly", KeyCommands::keys).acl("@dangerous")
                .tips("request_policy:all_shards nondeterministic_output_order")
                .doc("Returns all key names that match a pattern.",
                        "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.",
                        "pattern");
        t.add("scan", -2, "readonly", KeyCommands::scan).since("2.8.0").tips("nondeterministic_output request_policy:special")
                .doc("Iterates over the key names in the database.",
                        "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
                        "cursor [MATCH pattern] [COUNT count] [TYPE type]");
        var object = t.container("object", "").since("2.2.3")
                .doc("A container for object introspection commands.", "Depends on subcommand.", "");
        object.sub("encoding", 3, "readonly", KeyCommands::objectEncoding).keys(2, 2, 1).keySpecFlags("RO")
                .tips("nondeterministic_output")
                .doc("Returns the internal encoding of a Redis object.", "O(1)", "key");
        object.sub("freq", 3, "readonly", KeyCommands::objectFreq).keys(2, 2, 1).since("4.0.0").keySpecFlags("RO")
                .tips("nondeterministic_output")
                .doc("Returns the logarithmic access frequency counter of a Redis object.", "O(1)", "key");
        object.sub("idletime", 3, "readonly", KeyCommands::objectIdletime).keys(2, 2, 1).keySpecFlags("RO")
                .tips("nondeterministic_output")
                .doc("Returns the time since the last access to a Redis object.", "O(1)", "key");
        object.sub("refcount", 3, "readonly", KeyCommands::objectRefcount).keys(2, 2, 1).keySpecFlags("RO")
                .tips("nondeterministic_output")
                .doc("Returns the reference count of a value of a key.", "O(1)", "key");
        object.sub("help", 2, "loading stale", KeyCommands::objectHelp).since("6.2.0")
                .doc("Returns helpful text about the different subcommands.", "O(1)", "");
        ExpireCommands.register(t);
        DatabaseCommands.register(t);
    }

    // ------------------------------------------------------------------ look-up helpers

    /** A read look-up that counts hits and misses but leaves the access clock alone (Redis's LOOKUP_NOTOUCH). */
    static long lookupNoTouch(Client c, CommandArgs a, int i) {
        Server server = c.server();
        long ref = server.lookup(c.db(), c.dbIndex(), a.buf(), a.offset(i), a.length(i));
        if (ref == Database.NONE) {
            server.stats().keyspaceMisses++;
        } else {
            server.stats().keyspaceHits++;
        }
        return ref;
    }

    // ------------------------------------------------------------------ deletion and existence

    /* DEL key [key ...] */
    static void del(Client c, CommandArgs a) {
        deleteKeys(c, a);
    }

    /*
     * UNLINK key [key ...]
     * Values live off-heap in the database's own slabs (freeing is O(1) bookkeeping) or are on-heap objects
     * the garbage collector reclaims away from this thread, so unlinking is deleting.
     */
    static void unlink(Client c, CommandArgs a) {
        deleteKeys(c, a);
    }

    private static void deleteKeys(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        int deleted = 0;
        for (int i = 1; i < a.count(); i++) {
            long ref = server.lookupWrite(c, a, i);
            if (ref != Database.NONE) {
                db.delete(ref);
                server.keyModified(c.dbIndex(), a.buf(), a.offset(i), a.length(i));
                server.events().notify(KeyspaceEvents.GENERIC, "del", c, a, i);
                server.addDirty(1);
                deleted++;
            }
        }
        c.reply().integer(deleted);
    }

    /* EXISTS key [key ...] */
    static void exists(Client c, CommandArgs a) {
        int found = 0;
        for (int i = 1; i < a.count(); i++) {
            if (lookupNoTouch(c, a, i) != Database.NONE) {
                found++;
            }
        }
        c.reply().integer(found);
    }

    /* TYPE key */
    static void type(Client c, CommandArgs a) {
        long ref = lookupNoTouch(c, a, 1);
        c.reply().simple(ref == Database.NONE ? "none" : ValueType.name(c.db().type(ref)));
    }

    /* TOUCH key [key ...] */
    static void touch(Client c, CommandArgs a) {
        int found = 0;
        for (int i = 1; i < a.count(); i++) {
            if (c.server().lookupRead(c, a, i) != Database.NONE) {
                found++;
            }
        }
        c.reply().integer(found);
    }

    // ------------------------------------------------------------------ renaming, moving, copying

    /** Large string values are copied between entries in steps of this size, so no heap copy of the whole value is made. */
    private static final int COPY_CHUNK = 64 * 1024;

    /** What moves with a value besides its bytes: type, expiry and access clock; the object for non-strings. */
    private static final class EntryMeta {
        final int type;
        final Object object;
        final long expireAt;
        final int accessClock;
        /** A string keeps Redis's encoding when copied or moved, as Redis moves or duplicates the object. */
        final int stringEncoding;

        EntryMeta(Database db, long ref) {
            this.type = db.type(ref);
            this.expireAt = db.expireAt(ref);
            this.accessClock = db.accessClock(ref);
            this.object = type == ValueType.STRING ? null : db.object(ref);
            this.stringEncoding = type == ValueType.STRING ? db.stringEncoding(ref) : Database.STRING_ENCODING_BY_CONTENT;
        }
    }

    /**
     * Stores the value of key argument {@code from} of {@code src} under key argument {@code to} of
     * {@code dst}, replacing what it held: string bytes are copied, an object is moved as it is (the caller
     * then deletes the source entry). Returns the new entry.
     */
    private static long transfer(Database src, Database dst, CommandArgs a, int from, int to, EntryMeta meta) {
        if (meta.type != ValueType.STRING) {
            return dst.putObject(a.buf(), a.offset(to), a.length(to), meta.type, meta.object, meta.expireAt);
        }
        long copied = copyString(src, dst, a, from, to, meta.expireAt);
        dst.setStringEncoding(copied, meta.stringEncoding);
        return copied;
    }

    private static long copyString(Database src, Database dst, CommandArgs a, int from, int to, long expireAt) {
        long srcRef = src.find(a.buf(), a.offset(from), a.length(from));
        int length = src.valueLength(srcRef);
        if (length <= COPY_CHUNK) {
            byte[] bytes = new byte[length];
            src.copyValue(srcRef, 0, bytes, 0, length);
            return dst.putString(a.buf(), a.offset(to), a.length(to), Unpooled.wrappedBuffer(bytes), 0, length, expireAt);
        }
        long dstRef = dst.putZeroString(a.buf(), a.offset(to), a.length(to), length, expireAt);
        // The put is a mutation: when both keys share a database, find the source again.
        srcRef = src.find(a.buf(), a.offset(from), a.length(from));
        byte[] chunk = new byte[COPY_CHUNK];
        for (int at = 0; at < length; at += COPY_CHUNK) {
            int n = Math.min(COPY_CHUNK, length - at);
            src.copyValue(srcRef, at, chunk, 0, n);
            dst.setValueBytes(dstRef, at, chunk, 0, n);
        }
        return dstRef;
    }

    /* RENAME key newkey */
    static void rename(Client c, CommandArgs a) {
        renameGeneric(c, a, false);
    }

    /* RENAMENX key newkey */
    static void renamenx(Client c, CommandArgs a) {
        renameGeneric(c, a, true);
    }

    private static void renameGeneric(Client c, CommandArgs a, boolean nx) {
        Server server = c.server();
        Database db = c.db();
        long ref = server.lookupWrite(c, a, 1);
        if (ref == Database.NONE) {
            throw CommandError.NO_SUCH_KEY;
        }
        if (a.sameAs(1, 2)) {
            if (nx) {
                c.reply().integer(0);
            } else {
                c.reply().ok();
            }
            return;
        }
        EntryMeta meta = new EntryMeta(db, ref);
        if (server.lookupWrite(c, a, 2) != Database.NONE && nx) {
            c.reply().integer(0);
            return;
        }
        server.events().notify(KeyspaceEvents.NEW, "new", c, a, 2);
        long moved = transfer(db, db, a, 1, 2, meta);
        // The value moves with its access clock, as Redis moves the object itself.
        db.setAccessClock(moved, meta.accessClock);
        db.delete(db.find(a.buf(), a.offset(1), a.length(1)));
        signalIfBlockable(server, meta.type, c.dbIndex(), a, 2);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.keyModified(c.dbIndex(), a.buf(), a.offset(2), a.length(2));
        server.events().notify(KeyspaceEvents.GENERIC, "rename_from", c, a, 1);
        server.events().notify(KeyspaceEvents.GENERIC, "rename_to", c, a, 2);
        server.addDirty(1);
        if (nx) {
            c.reply().integer(1);
        } else {
            c.reply().ok();
        }
    }

    /** A list, sorted set or stream arriving under a key may serve clients blocked on it (BLPOP, BZPOPMIN…). */
    private static void signalIfBlockable(Server server, int type, int dbIndex, CommandArgs a, int i) {
        if (type == ValueType.LIST || type == ValueType.ZSET || type == ValueType.STREAM) {
            server.blocking().signal(dbIndex, a.buf(), a.offset(i), a.length(i));
        }
    }

    /** The database index argument of MOVE and COPY, or "DB index is out of range". */
    private static int dbIndexArg(Client c, CommandArgs a, int i) {
        int index = Arguments.intArg(a, i);
        if (index < 0 || index >= c.server().keyspace().count()) {
            throw CommandError.DB_INDEX;
        }
        return index;
    }

    /* MOVE key db */
    static void move(Client c, CommandArgs a) {
        Server server = c.server();
        int dstIndex = dbIndexArg(c, a, 2);
        if (dstIndex == c.dbIndex()) {
            throw SAME_OBJECT;
        }
        Database src = c.db();
        Database dst = server.keyspace().db(dstIndex);
        long ref = server.lookupWrite(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().integer(0);
            return;
        }
        if (server.lookup(dst, dstIndex, a.buf(), a.offset(1), a.length(1)) != Database.NONE) {
            c.reply().integer(0);
            return;
        }
        EntryMeta meta = new EntryMeta(src, ref);
        server.events().notify(KeyspaceEvents.NEW, "new", dstIndex, a.buf(), a.offset(1), a.length(1));
        long moved = transfer(src, dst, a, 1, 1, meta);
        dst.setAccessClock(moved, meta.accessClock);
        src.delete(src.find(a.buf(), a.offset(1), a.length(1)));
        signalIfBlockable(server, meta.type, dstIndex, a, 1);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.keyModified(dstIndex, a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.GENERIC, "move_from", c, a, 1);
        server.events().notify(KeyspaceEvents.GENERIC, "move_to", dstIndex, a.buf(), a.offset(1), a.length(1));
        server.addDirty(1);
        c.reply().integer(1);
    }

    /* COPY source destination [DB destination-db] [REPLACE] */
    static void copy(Client c, CommandArgs a) {
        Server server = c.server();
        int dstIndex = c.dbIndex();
        boolean replace = false;
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, "REPLACE")) {
                replace = true;
            } else if (a.is(i, "DB") && i + 1 < a.count()) {
                dstIndex = dbIndexArg(c, a, ++i);
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if (dstIndex == c.dbIndex() && a.sameAs(1, 2)) {
            throw SAME_OBJECT;
        }
        Database src = c.db();
        Database dst = server.keyspace().db(dstIndex);
        long ref = server.lookupRead(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().integer(0);
            return;
        }
        int type = src.type(ref);
        long expireAt = src.expireAt(ref);
        int stringEncoding = type == ValueType.STRING ? src.stringEncoding(ref) : Database.STRING_ENCODING_BY_CONTENT;
        Object value = src.object(ref);
        if (type != ValueType.STRING && !(value instanceof CollectionValue)) {
            throw NOT_COPYABLE;
        }
        if (server.lookup(dst, dstIndex, a.buf(), a.offset(2), a.length(2)) != Database.NONE && !replace) {
            c.reply().integer(0);
            return;
        }
        server.events().notify(KeyspaceEvents.NEW, "new", dstIndex, a.buf(), a.offset(2), a.length(2));
        if (type == ValueType.STRING) {
            long copied = copyString(src, dst, a, 1, 2, expireAt);
            dst.setStringEncoding(copied, stringEncoding);
        } else {
            CollectionValue copy = ((CollectionValue) value).copy();
            dst.putObject(a.buf(), a.offset(2), a.length(2), type, copy, expireAt);
            signalIfBlockable(server, type, dstIndex, a, 2);
        }
        server.keyModified(dstIndex, a.buf(), a.offset(2), a.length(2));
        server.events().notify(KeyspaceEvents.GENERIC, "copy_to", dstIndex, a.buf(), a.offset(2), a.length(2));
        server.addDirty(1);
        c.reply().integer(1);
    }

    // ------------------------------------------------------------------ enumeration

    /* RANDOMKEY */
    static void randomkey(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        for (;;) {
            long ref = db.randomEntry();
            if (ref == Database.NONE) {
                c.reply().nullBulk();
                return;
            }
            if (server.isExpired(db, ref)) {
                server.deleteExpired(db, c.dbIndex(), ref);
                continue;
            }
            c.reply().bulkKey(db, ref);
            return;
        }
    }

    /* KEYS pattern */
    static void keys(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        // A scan during an incremental rehash may visit a key twice; KEYS, O(N) anyway, finishes the rehash first.
        while (db.rehash(1024)) {
            // keep going
        }
        byte[] pattern = a.bytes(1);
        boolean all = Glob.matchesAll(pattern);
        ByteBuf key = Unpooled.buffer(64);
        Reply reply = c.reply();
        int[] count = new int[1];
        Database.EntryVisitor visitor = ref -> {
            if (server.isExpired(db, ref)) {
                return;
            }
            if (!all) {
                key.clear();
                db.copyKey(ref, key);
                if (!Glob.matches(pattern, key, 0, key.readableBytes(), false)) {
                    return;
                }
            }
            reply.bulkKey(db, ref);
            count[0]++;
        };
        reply.beginDeferred();
        long cursor = 0;
        do {
            cursor = db.scan(cursor, visitor);
        } while (cursor != 0);
        reply.endDeferredArray(count[0]);
    }

    /* SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] */
    static void scan(Client c, CommandArgs a) {
        long cursor = parseCursor(a, 1);
        long count = 10;
        byte[] pattern = null;
        String typeName = null;
        for (int i = 2; i < a.count(); i++) {
            boolean hasValue = i + 1 < a.count();
            if (a.is(i, "COUNT") && hasValue) {
                count = Arguments.longArg(a, ++i);
                if (count < 1) {
                    throw CommandError.SYNTAX;
                }
            } else if (a.is(i, "MATCH") && hasValue) {
                pattern = a.bytes(++i);
                if (Glob.matchesAll(pattern)) {
                    pattern = null;
                }
            } else if (a.is(i, "TYPE") && hasValue) {
                typeName = a.string(++i);
            } else {
                throw CommandError.SYNTAX;
            }
        }
        Server server = c.server();
        Database db = c.db();
        List<byte[]> found = new ArrayList<>();
        ByteBuf key = Unpooled.buffer(64);
        byte[] match = pattern;
        String wantedType = typeName;
        Database.EntryVisitor visitor = ref -> {
            if (wantedType != null && !wantedType.equalsIgnoreCase(ValueType.name(db.type(ref)))) {
                return;
            }
            key.clear();
            db.copyKey(ref, key);
            if (match != null && !Glob.matches(match, key, 0, key.readableBytes(), false)) {
                return;
            }
            found.add(db.key(ref));
        };
        // Ten times COUNT buckets at most, so that a sparse table does not block the server for long.
        long budget = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            cursor = db.scan(cursor, visitor);
        } while (cursor != 0 && budget-- > 0 && found.size() < count);
        // Expired keys are deleted now, once the scan no longer walks the table.
        int live = 0;
        for (int i = 0; i < found.size(); i++) {
            byte[] k = found.get(i);
            if (server.lookup(db, c.dbIndex(), k) != Database.NONE) {
                found.set(live++, k);
            }
        }
        Reply reply = c.reply();
        reply.array(2);
        reply.bulk(Long.toUnsignedString(cursor));
        reply.array(live);
        for (int i = 0; i < live; i++) {
            reply.bulk(found.get(i));
        }
    }

    /**
     * Parses a SCAN cursor as Redis does with strtoul: an unsigned 64-bit decimal, an optional sign (a
     * negative value wraps around), no leading space, nothing after the digits.
     */
    static long parseCursor(CommandArgs a, int i) {
        int length = a.length(i);
        if (length == 0) {
            return 0;
        }
        int p = 0;
        boolean negative = false;
        byte first = a.byteAt(i, 0);
        if (first == '-' || first == '+') {
            negative = first == '-';
            p++;
        }
        if (p == length) {
            throw INVALID_CURSOR;
        }
        long value = 0;
        for (; p < length; p++) {
            int d = a.byteAt(i, p) - '0';
            if (d < 0 || d > 9) {
                throw INVALID_CURSOR;
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                throw INVALID_CURSOR;
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    // ------------------------------------------------------------------ OBJECT

    /* OBJECT ENCODING key */
    static void objectEncoding(Client c, CommandArgs a) {
        Database db = c.db();
        long ref = objectLookup(c, a);
        if (ref == Database.NONE) {
            c.reply().nullBulk();
            return;
        }
        c.reply().bulk(encoding(db, ref));
    }

    /** OBJECT ENCODING's answer for an entry; strings follow Redis's int / embstr / raw rules. */
    static String encoding(Database db, long ref) {
        int type = db.type(ref);
        if (type == ValueType.STRING) {
            int encoding = db.stringEncoding(ref);
            if (encoding == Database.STRING_ENCODING_RAW) {
                return "raw";
            }
            if (encoding == Database.STRING_ENCODING_BY_CONTENT && longValue(db, ref) != null) {
                return "int";
            }
            return db.valueLength(ref) <= EMBSTR_LIMIT ? "embstr" : "raw";
        }
        if (db.object(ref) instanceof CollectionValue stored) {
            return stored.encoding();
        }
        return switch (type) {
            case ValueType.LIST -> "quicklist";
            case ValueType.SET, ValueType.HASH -> "hashtable";
            case ValueType.ZSET -> "skiplist";
            case ValueType.STREAM -> "stream";
            default -> "unknown";
        };
    }

    /** The string value as a long if Redis would encode it as an integer (at most 20 chars, string2ll rules), else null. */
    private static Long longValue(Database db, long ref) {
        int length = db.valueLength(ref);
        if (length == 0 || length > 20) {
            return null;
        }
        byte[] text = new byte[length];
        db.copyValue(ref, 0, text, 0, length);
        try {
            return Numbers.parseLong(text);
        } catch (Numbers.InvalidNumberException e) {
            return null;
        }
    }

    /* OBJECT FREQ key */
    static void objectFreq(Client c, CommandArgs a) {
        Database db = c.db();
        long ref = objectLookup(c, a);
        if (ref == Database.NONE) {
            c.reply().nullBulk();
            return;
        }
        if (!lfuPolicy(c.server())) {
            throw FREQ_NOT_TRACKED;
        }
        c.reply().integer(c.server().eviction().lfuDecayed(db.accessClock(ref)));
    }

    /* OBJECT IDLETIME key */
    static void objectIdletime(Client c, CommandArgs a) {
        Database db = c.db();
        long ref = objectLookup(c, a);
        if (ref == Database.NONE) {
            c.reply().nullBulk();
            return;
        }
        if (lfuPolicy(c.server())) {
            throw IDLE_NOT_TRACKED;
        }
        int now = c.server().lruClock();
        int last = db.accessClock(ref) & LRU_CLOCK_MAX;
        // The clock is 24 bits of seconds and wraps about every 194 days, as Redis's estimateObjectIdleTime.
        c.reply().integer(now >= last ? now - last : now + (LRU_CLOCK_MAX - last));
    }

    /* OBJECT REFCOUNT key */
    static void objectRefcount(Client c, CommandArgs a) {
        Database db = c.db();
        long ref = objectLookup(c, a);
        if (ref == Database.NONE) {
            c.reply().nullBulk();
            return;
        }
        if (db.type(ref) == ValueType.STRING && sharedIntegersAllowed(c.server())) {
            Long v = longValue(db, ref);
            if (v != null && v >= 0 && v < SHARED_INTEGERS) {
                c.reply().integer(SHARED_REFCOUNT);
                return;
            }
        }
        c.reply().integer(1);
    }

    /* OBJECT HELP */
    static void objectHelp(Client c, CommandArgs a) {
        c.reply().array(OBJECT_HELP.length);
        for (String line : OBJECT_HELP) {
            c.reply().simple(line);
        }
    }

    /** OBJECT's look-up: expired keys are deleted, the access clock is left alone, hits and misses counted. */
    private static long objectLookup(Client c, CommandArgs a) {
        return lookupNoTouch(c, a, 2);
    }

    static boolean lfuPolicy(Server server) {
        return server.eviction().lfu();
    }

    /** Redis shares small integers unless an LRU/LFU policy needs a clock per object. */
    private static boolean sharedIntegersAllowed(Server server) {
        String policy = server.config().getString("maxmemory-policy");
        return server.config().getLong("maxmemory") == 0 || !(policy.endsWith("lru") || policy.endsWith("lfu"));
    }
}
