package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

import java.nio.charset.StandardCharsets;

/** String commands (Redis's t_string.c). */
public final class StringCommands {
    private static final CommandError INVALID_EXPIRE_SET = new CommandError("ERR invalid expire time in 'set' command");
    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PXAT = "PXAT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEPTTL = "KEEPTTL".getBytes(StandardCharsets.US_ASCII);

    private StringCommands() {
    }

    public static void register(CommandTable t) {
        t.add("get", 2, "readonly fast", StringCommands::get).keys(1, 1, 1).group("string")
                .doc("Returns the string value of a key.", "O(1)", "key");
        t.add("set", -3, "write denyoom", StringCommands::set).keys(1, 1, 1).group("string")
                .doc("Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.", "O(1)",
                        "key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]");
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
            boolean hasNext = i + 1 < a.count();
            if (a.is(i, "NX") && !xx) {
                nx = true;
            } else if (a.is(i, "XX") && !nx) {
                xx = true;
            } else if (a.is(i, "GET")) {
                get = true;
            } else if (a.is(i, "KEEPTTL") && unit == 0) {
                keepTtl = true;
            } else if (!keepTtl && unit == 0 && hasNext && (a.is(i, "EX") || a.is(i, "PX") || a.is(i, "EXAT") || a.is(i, "PXAT"))) {
                unit = a.length(i) == 2 ? (char) (a.byteAt(i, 0) | 0x20) : (char) ((a.byteAt(i, 0) | 0x20) - 32);
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
        long ref = server.lookupWrite(c, a, 1);
        if (get && ref != Database.NONE && db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        }
        if ((nx && ref != Database.NONE) || (xx && ref == Database.NONE)) {
            if (get) {
                replyValueOrNull(c, db, ref);
            } else {
                c.reply().nullBulk();
            }
            return;
        }
        if (get) {
            replyValueOrNull(c, db, ref);
        }
        if (keepTtl && ref != Database.NONE) {
            expireAt = db.expireAt(ref);
        }
        db.putString(a.buf(), a.offset(1), a.length(1), a.buf(), a.offset(2), a.length(2), expireAt);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.addDirty(1);
        if (unit == 'e' || unit == 'p' || unit == 'E') {
            // Relative times and seconds propagate as an absolute time in ms, so replicas and the log agree.
            server.propagate(c.dbIndex(), SET, a.bytes(1), a.bytes(2), PXAT, Long.toString(expireAt).getBytes(StandardCharsets.US_ASCII));
            server.dispatcher().propagationHandled();
        }
        if (!get) {
            c.reply().ok();
        }
    }

    private static void replyValueOrNull(Client c, Database db, long ref) {
        if (ref == Database.NONE) {
            c.reply().nullBulk();
        } else {
            c.reply().bulkValue(db, ref);
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
}
