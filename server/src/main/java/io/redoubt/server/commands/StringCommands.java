package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

import java.nio.charset.StandardCharsets;

/**
 * String commands (Redis's t_string.c): the GET/SET family, ranges and multi-key forms. Counters
 * (INCR…, INCRBYFLOAT) live in {@link CounterCommands}, LCS in {@link LcsCommand}; all are registered here,
 * so this table lists every string command.
 *
 * <p>GET, SET, MGET and MSET are the hot path: they read arguments as slices of the request buffer and
 * write replies straight from off-heap values, allocating nothing.
 */
public final class StringCommands {
    private static final CommandError INVALID_EXPIRE_SET = invalidExpire("set");
    private static final CommandError INVALID_EXPIRE_SETEX = invalidExpire("setex");
    private static final CommandError INVALID_EXPIRE_PSETEX = invalidExpire("psetex");
    private static final CommandError INVALID_EXPIRE_GETEX = invalidExpire("getex");
    private static final CommandError MSET_ARITY = new CommandError("ERR wrong number of arguments for 'mset' command");
    private static final CommandError MSETNX_ARITY = new CommandError("ERR wrong number of arguments for 'msetnx' command");
    private static final CommandError OFFSET_OUT_OF_RANGE = new CommandError("ERR offset is out of range");

    static final byte[] SET = ascii("SET");
    static final byte[] DEL = ascii("DEL");
    static final byte[] KEEPTTL = ascii("KEEPTTL");
    private static final byte[] PXAT = ascii("PXAT");
    private static final byte[] PEXPIREAT = ascii("PEXPIREAT");
    private static final byte[] PERSIST = ascii("PERSIST");
    private static final byte[] EMPTY = new byte[0];

    /**
     * The longest value the store can hold in one entry, whatever proto-max-bulk-len says (entries are
     * addressed with ints); past it commands fail with the proto-max-bulk-len error.
     */
    static final long STORE_MAX_VALUE = Integer.MAX_VALUE - 1024;

    private StringCommands() {
    }

    public static void register(CommandTable t) {
        t.add("get", 2, "readonly fast", StringCommands::get).keys(1, 1, 1).group("string")
                .doc("Returns the string value of a key.", "O(1)", "key");
        t.add("set", -3, "write denyoom", StringCommands::set).keys(1, 1, 1).keySpecFlags("RW access update variable_flags").group("string")
                .doc("Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.", "O(1)",
                        "key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]");
        t.add("getex", -2, "write fast", StringCommands::getex).keys(1, 1, 1).group("string").since("6.2.0")
                .doc("Returns the string value of a key after setting its expiration time.", "O(1)",
                        "key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]");
        t.add("getdel", 2, "write fast", StringCommands::getdel).keys(1, 1, 1).keySpecFlags("RW access delete").group("string").since("6.2.0")
                .doc("Returns the string value of a key after deleting the key.", "O(1)", "key");
        t.add("getset", 3, "write denyoom fast", StringCommands::getset).keys(1, 1, 1).group("string")
                .doc("Returns the previous string value of a key after setting it to a new value.", "O(1)", "key value");
        t.add("setnx", 3, "write denyoom fast", StringCommands::setnx).keys(1, 1, 1).keySpecFlags("OW insert").group("string")
                .doc("Set the string value of a key only when the key doesn't exist.", "O(1)", "key value");
        t.add("setex", 4, "write denyoom", StringCommands::setex).keys(1, 1, 1).keySpecFlags("OW update").group("string").since("2.0.0")
                .doc("Sets the string value and expiration time of a key. Creates the key if it doesn't exist.", "O(1)",
                        "key seconds value");
        t.add("psetex", 4, "write denyoom", StringCommands::psetex).keys(1, 1, 1).keySpecFlags("OW update").group("string").since("2.6.0")
                .doc("Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist.",
                        "O(1)", "key milliseconds value");
        t.add("mset", -3, "write denyoom", StringCommands::mset).keys(1, -1, 2).keySpecFlags("OW update").tips("request_policy:multi_shard response_policy:all_succeeded").group("string").since("1.0.1")
                .doc("Atomically creates or modifies the string values of one or more keys.",
                        "O(N) where N is the number of keys to set.", "key value [key value ...]");
        t.add("msetnx", -3, "write denyoom", StringCommands::msetnx).keys(1, -1, 2).keySpecFlags("OW insert").group("string").since("1.0.1")
                .doc("Atomically modifies the string values of one or more keys only when all keys don't exist.",
                        "O(N) where N is the number of keys to set.", "key value [key value ...]");
        t.add("mget", -2, "readonly fast", StringCommands::mget).keys(1, -1, 1).tips("request_policy:multi_shard").group("string")
                .doc("Atomically returns the string values of one or more keys.",
                        "O(N) where N is the number of keys to retrieve.", "key [key ...]");
        t.add("append", 3, "write denyoom fast", StringCommands::append).keys(1, 1, 1).keySpecFlags("RW insert").group("string").since("2.0.0")
                .doc("Appends a string to the value of a key. Creates the key if it doesn't exist.",
                        "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.",
                        "key value");
        t.add("strlen", 2, "readonly fast", StringCommands::strlen).keys(1, 1, 1).keySpecFlags("RO").group("string").since("2.2.0")
                .doc("Returns the length of a string value.", "O(1)", "key");
        t.add("getrange", 4, "readonly", StringCommands::getrange).keys(1, 1, 1).group("string").since("2.4.0")
                .doc("Returns a substring of the string stored at a key.",
                        "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.",
                        "key start end");
        t.add("setrange", 4, "write denyoom", StringCommands::setrange).keys(1, 1, 1).keySpecFlags("RW update").group("string").since("2.2.0")
                .doc("Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.",
                        "O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.",
                        "key offset value");
        t.add("substr", 4, "readonly", StringCommands::getrange).keys(1, 1, 1).group("string")
                .doc("Returns a substring from a string value.",
                        "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.",
                        "key start end");
        t.add("incr", 2, "write denyoom fast", CounterCommands::incr).keys(1, 1, 1).group("string")
                .doc("Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", "O(1)", "key");
        t.add("decr", 2, "write denyoom fast", CounterCommands::decr).keys(1, 1, 1).group("string")
                .doc("Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", "O(1)", "key");
        t.add("incrby", 3, "write denyoom fast", CounterCommands::incrby).keys(1, 1, 1).group("string")
                .doc("Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.", "O(1)",
                        "key increment");
        t.add("decrby", 3, "write denyoom fast", CounterCommands::decrby).keys(1, 1, 1).group("string")
                .doc("Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.", "O(1)",
                        "key decrement");
        t.add("incrbyfloat", 3, "write denyoom fast", CounterCommands::incrbyfloat).keys(1, 1, 1).group("string").since("2.6.0")
                .doc("Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.", "O(1)",
                        "key increment");
        t.add("lcs", -3, "readonly", LcsCommand::lcs).keys(1, 2, 1).group("string").since("7.0.0")
                .doc("Finds the longest common substring.", "O(N*M) where N and M are the lengths of s1 and s2, respectively",
                        "key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN]");
    }

    /* GET key */
    static void get(Client c, CommandArgs a) {
        Database db = c.db();
        long ref = c.server().lookupRead(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().nullBulk();
        } else if (db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        } else {
            c.reply().bulkValue(db, ref);
        }
    }

    /* SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL] */
    static void set(Client c, CommandArgs a) {
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        int expireArg = 0;
        char unit = 0;
        for (int i = 3; i < a.count(); i++) {
            char u;
            if (a.is(i, "NX") && !xx) {
                nx = true;
            } else if (a.is(i, "XX") && !nx) {
                xx = true;
            } else if (a.is(i, "GET")) {
                get = true;
            } else if (a.is(i, "KEEPTTL") && unit == 0) {
                keepTtl = true;
            } else if ((u = expireUnit(a, i)) != 0 && (unit == 0 || unit == u) && !keepTtl && i + 1 < a.count()) {
                // Redis accepts the same expiry option twice (the last one counts), but not two different ones.
                unit = u;
                expireArg = ++i;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        Server server = c.server();
        long expireAt = Database.NO_EXPIRY;
        if (unit != 0) {
            expireAt = absoluteExpiry(server, a, expireArg, unit, INVALID_EXPIRE_SET);
        }
        Database db = c.db();
        if (get) {
            // The GET option replies as GET would, before the NX/XX decision.
            long old = server.lookupRead(c, a, 1);
            if (old != Database.NONE && db.type(old) != ValueType.STRING) {
                throw CommandError.WRONGTYPE;
            }
            replyValueOrNull(c, db, old);
        }
        long ref = server.lookupWrite(c, a, 1);
        if ((nx && ref != Database.NONE) || (xx && ref == Database.NONE)) {
            if (!get) {
                c.reply().nullBulk();
            }
            return;
        }
        if (keepTtl && ref != Database.NONE) {
            expireAt = db.expireAt(ref);
        }
        server.events().notifyIfNew(c, a, 1);
        db.putString(a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2), expireAt);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.STRING, "set", c, a, 1);
        if (unit != 0) {
            server.events().notify(KeyspaceEvents.GENERIC, "expire", c, a, 1);
        }
        server.addDirty(1);
        if (unit == 'e' || unit == 'p' || unit == 'E') {
            // Relative times and seconds propagate as an absolute time in ms, so replicas and the log agree.
            server.propagate(c.dbIndex(), SET, a.bytes(1), a.bytes(2), PXAT, ascii(Long.toString(expireAt)));
            server.dispatcher().propagationHandled();
        } else if (get && unit == 0) {
            propagateWithoutGet(server, c.dbIndex(), a);
        }
        if (!get) {
            c.reply().ok();
        }
    }

    /** SET ... GET propagates without its GET words, which would only make the log reply. */
    private static void propagateWithoutGet(Server server, int dbIndex, CommandArgs a) {
        byte[][] parts = new byte[a.count()][];
        int n = 0;
        for (int i = 0; i < a.count(); i++) {
            if (i < 3 || !a.is(i, "GET")) {
                parts[n++] = a.bytes(i);
            }
        }
        server.propagate(dbIndex, java.util.Arrays.copyOf(parts, n));
        server.dispatcher().propagationHandled();
    }

    /** 'e' EX, 'p' PX, 'E' EXAT, 'P' PXAT, 0 when argument {@code i} is none of them. */
    private static char expireUnit(CommandArgs a, int i) {
        if (a.is(i, "EX")) {
            return 'e';
        } else if (a.is(i, "PX")) {
            return 'p';
        } else if (a.is(i, "EXAT")) {
            return 'E';
        } else if (a.is(i, "PXAT")) {
            return 'P';
        }
        return 0;
    }

    /* GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST] */
    static void getex(Client c, CommandArgs a) {
        boolean persist = false;
        char unit = 0;
        int expireArg = 0;
        for (int i = 2; i < a.count(); i++) {
            char u;
            if (a.is(i, "PERSIST") && unit == 0) {
                persist = true;
            } else if ((u = expireUnit(a, i)) != 0 && (unit == 0 || unit == u) && !persist && i + 1 < a.count()) {
                unit = u;
                expireArg = ++i;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        Server server = c.server();
        Database db = c.db();
        long ref = server.lookupRead(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().nullBulk();
            return;
        }
        if (db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        }
        // As Redis, the expiry is validated only once the key is known to exist.
        long expireAt = unit == 0 ? 0 : absoluteExpiry(server, a, expireArg, unit, INVALID_EXPIRE_GETEX);
        c.reply().bulkValue(db, ref);
        int dbIndex = c.dbIndex();
        if ((unit == 'E' || unit == 'P') && expireAt <= server.now()) {
            db.delete(ref);
            server.propagate(dbIndex, DEL, a.bytes(1));
            server.events().notify(KeyspaceEvents.GENERIC, "del", c, a, 1);
        } else if (unit != 0) {
            db.setExpireAt(ref, expireAt);
            server.propagate(dbIndex, PEXPIREAT, a.bytes(1), ascii(Long.toString(expireAt)));
            server.events().notify(KeyspaceEvents.GENERIC, "expire", c, a, 1);
        } else if (persist && db.expireAt(ref) != Database.NO_EXPIRY) {
            db.setExpireAt(ref, Database.NO_EXPIRY);
            server.events().notify(KeyspaceEvents.GENERIC, "persist", c, a, 1);
            server.propagate(dbIndex, PERSIST, a.bytes(1));
        } else {
            return;
        }
        server.dispatcher().propagationHandled();
        server.keyModified(dbIndex, a.buf(), a.offset(1), a.length(1));
        server.addDirty(1);
    }

    /* GETDEL key */
    static void getdel(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        long ref = server.lookupRead(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().nullBulk();
            return;
        }
        if (db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        }
        c.reply().bulkValue(db, ref);
        db.delete(ref);
        server.propagate(c.dbIndex(), DEL, a.bytes(1));
        server.dispatcher().propagationHandled();
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.GENERIC, "del", c, a, 1);
        server.addDirty(1);
    }

    /* GETSET key value */
    static void getset(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        long ref = server.lookupRead(c, a, 1);
        if (ref != Database.NONE && db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        }
        replyValueOrNull(c, db, ref);
        server.events().notifyIfNew(c, a, 1);
        db.putString(a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2), Database.NO_EXPIRY);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.STRING, "set", c, a, 1);
        server.addDirty(1);
        server.propagate(c.dbIndex(), SET, a.bytes(1), a.bytes(2));
        server.dispatcher().propagationHandled();
    }

    /* SETNX key value */
    static void setnx(Client c, CommandArgs a) {
        Server server = c.server();
        if (server.lookupWrite(c, a, 1) != Database.NONE) {
            c.reply().integer(0);
            return;
        }
        server.events().notifyIfNew(c, a, 1);
        c.db().putString(a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2), Database.NO_EXPIRY);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.STRING, "set", c, a, 1);
        server.addDirty(1);
        c.reply().integer(1);
    }

    /* SETEX key seconds value */
    static void setex(Client c, CommandArgs a) {
        setWithExpiry(c, a, 'e', INVALID_EXPIRE_SETEX);
    }

    /* PSETEX key milliseconds value */
    static void psetex(Client c, CommandArgs a) {
        setWithExpiry(c, a, 'p', INVALID_EXPIRE_PSETEX);
    }

    private static void setWithExpiry(Client c, CommandArgs a, char unit, CommandError invalid) {
        Server server = c.server();
        long expireAt = absoluteExpiry(server, a, 2, unit, invalid);
        server.lookupWrite(c, a, 1);
        server.events().notifyIfNew(c, a, 1);
        c.db().putString(a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(3), a.length(3), expireAt);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.STRING, "set", c, a, 1);
        server.events().notify(KeyspaceEvents.GENERIC, "expire", c, a, 1);
        server.addDirty(1);
        server.propagate(c.dbIndex(), SET, a.bytes(1), a.bytes(3), PXAT, ascii(Long.toString(expireAt)));
        server.dispatcher().propagationHandled();
        c.reply().ok();
    }

    /* MSET key value [key value ...] */
    static void mset(Client c, CommandArgs a) {
        if ((a.count() & 1) == 0) {
            throw MSET_ARITY;
        }
        putAll(c, a);
        c.reply().ok();
    }

    /* MSETNX key value [key value ...] */
    static void msetnx(Client c, CommandArgs a) {
        if ((a.count() & 1) == 0) {
            throw MSETNX_ARITY;
        }
        Server server = c.server();
        for (int i = 1; i < a.count(); i += 2) {
            if (server.lookupWrite(c, a, i) != Database.NONE) {
                c.reply().integer(0);
                return;
            }
        }
        putAll(c, a);
        c.reply().integer(1);
    }

    private static void putAll(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        int dbIndex = c.dbIndex();
        for (int i = 1; i < a.count(); i += 2) {
            // A look-up first, so that an expired key is deleted (and its deletion propagated) as Redis does.
            server.lookupWrite(c, a, i);
            server.events().notifyIfNew(c, a, i);
            db.putString(a.buf(), a.offset(i), a.length(i), a.buf(), a.offset(i + 1), a.length(i + 1), Database.NO_EXPIRY);
            server.keyModified(dbIndex, a.buf(), a.offset(i), a.length(i));
            server.events().notify(KeyspaceEvents.STRING, "set", c, a, i);
        }
        server.addDirty((a.count() - 1) / 2);
    }

    /* MGET key [key ...] */
    static void mget(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        c.reply().array(a.count() - 1);
        for (int i = 1; i < a.count(); i++) {
            long ref = server.lookupRead(c, a, i);
            if (ref == Database.NONE || db.type(ref) != ValueType.STRING) {
                c.reply().nullBulk();
            } else {
                c.reply().bulkValue(db, ref);
            }
        }
    }

    /* APPEND key value */
    static void append(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        long ref = server.lookupWrite(c, a, 1);
        int added = a.length(2);
        long total;
        if (ref == Database.NONE) {
            server.events().notify(KeyspaceEvents.NEW, "new", c, a, 1);
            db.putString(a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), added, Database.NO_EXPIRY);
            total = added;
        } else {
            if (db.type(ref) != ValueType.STRING) {
                throw CommandError.WRONGTYPE;
            }
            int old = db.valueLength(ref);
            total = (long) old + added;
            checkStringLength(server, old, added);
            if (added > 0) {
                ref = db.resizeString(ref, (int) total);
                db.setValueBytes(ref, old, a.buf(), a.offset(2), added);
            }
            // Appending to an existing string makes Redis's object raw, even when nothing is added.
            db.setStringEncoding(ref, Database.STRING_ENCODING_RAW);
        }
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.STRING, "append", c, a, 1);
        server.addDirty(1);
        c.reply().integer(total);
    }

    /* STRLEN key */
    static void strlen(Client c, CommandArgs a) {
        Database db = c.db();
        long ref = c.server().lookupRead(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().integer(0);
        } else if (db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        } else {
            c.reply().integer(db.valueLength(ref));
        }
    }

    /* GETRANGE key start end (and the older SUBSTR key start end) */
    static void getrange(Client c, CommandArgs a) {
        long start = Arguments.longArg(a, 2);
        long end = Arguments.longArg(a, 3);
        Database db = c.db();
        long ref = c.server().lookupRead(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().bulk(EMPTY);
            return;
        }
        if (db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        }
        long length = db.valueLength(ref);
        if (start < 0 && end < 0 && start > end) {
            c.reply().bulk(EMPTY);
            return;
        }
        if (start < 0) {
            start = Math.max(0, length + start);
        }
        if (end < 0) {
            end = Math.max(0, length + end);
        }
        if (end >= length) {
            end = length - 1;
        }
        if (start > end || length == 0) {
            c.reply().bulk(EMPTY);
        } else {
            c.reply().bulkValue(db, ref, (int) start, (int) (end - start + 1));
        }
    }

    /* SETRANGE key offset value */
    static void setrange(Client c, CommandArgs a) {
        long offset = Arguments.longArg(a, 2);
        if (offset < 0) {
            throw OFFSET_OUT_OF_RANGE;
        }
        Server server = c.server();
        Database db = c.db();
        int valueLength = a.length(3);
        long ref = server.lookupWrite(c, a, 1);
        if (ref == Database.NONE) {
            if (valueLength == 0) {
                c.reply().integer(0);
                return;
            }
            checkStringLength(server, offset, valueLength);
            server.events().notify(KeyspaceEvents.NEW, "new", c, a, 1);
            ref = db.putZeroString(a.buf(), a.offset(1), a.length(1), (int) (offset + valueLength), Database.NO_EXPIRY);
        } else {
            if (db.type(ref) != ValueType.STRING) {
                throw CommandError.WRONGTYPE;
            }
            if (valueLength == 0) {
                c.reply().integer(db.valueLength(ref));
                return;
            }
            checkStringLength(server, offset, valueLength);
            if (db.valueLength(ref) < offset + valueLength) {
                ref = db.resizeString(ref, (int) (offset + valueLength));
            }
        }
        db.setValueBytes(ref, (int) offset, a.buf(), a.offset(3), valueLength);
        db.setStringEncoding(ref, Database.STRING_ENCODING_RAW);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.STRING, "setrange", c, a, 1);
        server.addDirty(1);
        c.reply().integer(db.valueLength(ref));
    }

    // ------------------------------------------------------------------ shared helpers

    private static void replyValueOrNull(Client c, Database db, long ref) {
        if (ref == Database.NONE) {
            c.reply().nullBulk();
        } else {
            c.reply().bulkValue(db, ref);
        }
    }

    /**
     * Fails as Redis's checkStringLength when {@code size + added} bytes (size ≥ 0, added ≥ 0, the sum
     * possibly past Long.MAX_VALUE) would exceed proto-max-bulk-len.
     */
    static void checkStringLength(Server server, long size, long added) {
        long limit = Math.min(server.protoMaxBulkLen(), STORE_MAX_VALUE);
        if (size > limit || added > limit - size) {
            throw CommandError.STRING_TOO_LONG;
        }
    }

    /**
     * Reads an expiry argument and returns it as absolute unix time in ms. {@code unit}: 'e' seconds from
     * now, 'p' ms from now, 'E' unix seconds, 'P' unix ms.
     */
    static long absoluteExpiry(Server server, CommandArgs a, int i, char unit, CommandError invalid) {
        long v = Arguments.longArg(a, i);
        if (v <= 0) {
            throw invalid;
        }
        if (unit == 'e' || unit == 'E') {
            if (v > Long.MAX_VALUE / 1000) {
                throw invalid;
            }
            v *= 1000;
        }
        if (unit == 'e' || unit == 'p') {
            if (v > Long.MAX_VALUE - server.now()) {
                throw invalid;
            }
            v += server.now();
        }
        return v;
    }

    private static CommandError invalidExpire(String command) {
        return new CommandError("ERR invalid expire time in '" + command + "' command");
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
