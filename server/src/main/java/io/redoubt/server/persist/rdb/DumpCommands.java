package io.redoubt.server.persist.rdb;

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

/** DUMP and RESTORE: a key's value as a Redis-compatible serialized payload, and back. */
public final class DumpCommands {
    private static final CommandError BUSYKEY = new CommandError("BUSYKEY Target key name already exists.");
    private static final CommandError BAD_PAYLOAD = new CommandError("ERR DUMP payload version or checksum are wrong");
    private static final CommandError BAD_FORMAT = new CommandError("ERR Bad data format");
    private static final CommandError BAD_TTL = new CommandError("ERR Invalid TTL value, must be >= 0");
    private static final CommandError BAD_IDLETIME = new CommandError("ERR Invalid IDLETIME value, must be >= 0");
    private static final CommandError BAD_FREQ = new CommandError("ERR Invalid FREQ value, must be >= 0 and <= 255");
    private static final byte[] RESTORE = "RESTORE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ABSTTL = "ABSTTL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNLINK = "UNLINK".getBytes(StandardCharsets.US_ASCII);

    private DumpCommands() {
    }

    public static void register(CommandTable t) {
        t.add("dump", 2, "readonly", DumpCommands::dump).keys(1, 1, 1).since("2.6.0").keySpecFlags("RO access")
                .tips("nondeterministic_output")
                .doc("Returns a serialized representation of the value stored at a key.",
                        "O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).",
                        "key");
        t.add("restore", -4, "write denyoom", DumpCommands::restore).keys(1, 1, 1).since("2.6.0")
                .keySpecFlags("OW update").acl("@dangerous")
                .doc("Creates a key from the serialized representation of a value.",
                        "O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).",
                        "key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]");
    }

    /* DUMP key */
    static void dump(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        long ref = server.lookupRead(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().nullBulk();
            return;
        }
        int type = db.type(ref);
        Object value;
        if (type == ValueType.STRING) {
            byte[] s = new byte[db.valueLength(ref)];
            db.copyValue(ref, 0, s, 0, s.length);
            value = s;
        } else {
            value = db.object(ref);
        }
        boolean compression = server.config().getBool("rdbcompression");
        c.reply().bulk(DumpPayload.create(type, value, compression, server.encodingLimits().listMaxListpackSize));
    }

    /* RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency] */
    static void restore(Client c, CommandArgs a) {
        Server server = c.server();
        boolean replace = false;
        boolean absttl = false;
        long idle = -1;
        long freq = -1;
        for (int i = 4; i < a.count(); i++) {
            boolean more = i + 1 < a.count();
            if (a.is(i, "REPLACE")) {
                replace = true;
            } else if (a.is(i, "ABSTTL")) {
                absttl = true;
            } else if (a.is(i, "IDLETIME") && more && freq == -1) {
                idle = Arguments.longArg(a, ++i);
                if (idle < 0) {
                    throw BAD_IDLETIME;
                }
            } else if (a.is(i, "FREQ") && more && idle == -1) {
                freq = Arguments.longArg(a, ++i);
                if (freq < 0 || freq > 255) {
                    throw BAD_FREQ;
                }
            } else {
                throw CommandError.SYNTAX;
            }
        }
        Database db = c.db();
        long ref = server.lookupWrite(c, a, 1);
        if (!replace && ref != Database.NONE) {
            throw BUSYKEY;
        }
        long ttl = Arguments.longArg(a, 2);
        if (ttl < 0) {
            throw BAD_TTL;
        }
        byte[] payload = a.bytes(3);
        if (!DumpPayload.verify(payload)) {
            throw BAD_PAYLOAD;
        }
        DumpPayload.Value v;
        try {
            v = DumpPayload.decode(payload, server.encodingLimits());
        } catch (RdbFormatException e) {
            throw BAD_FORMAT;
        }
        int dbIndex = c.dbIndex();
        boolean deleted = false;
        if (replace && ref != Database.NONE) {
            db.delete(ref);
            deleted = true;
        }
        if (ttl != 0 && !absttl) {
            ttl += server.now();
        }
        if (ttl != 0 && ttl <= server.now()) {
            // Already expired: nothing is created; a replaced key is simply deleted.
            if (deleted) {
                server.keyModified(dbIndex, a.buf(), a.offset(1), a.length(1));
                server.events().notify(KeyspaceEvents.GENERIC, "del", c, a, 1);
                server.addDirty(1);
                boolean lazy = server.config().getBool("lazyfree-lazy-server-del");
                server.propagate(dbIndex, lazy ? UNLINK : DEL, a.bytes(1));
                server.dispatcher().propagationHandled();
            }
            c.reply().ok();
            return;
        }
        long expireAt = ttl == 0 ? Database.NO_EXPIRY : ttl;
        long newRef;
        server.events().notify(KeyspaceEvents.NEW, "new", c, a, 1);
        if (v.type() == ValueType.STRING) {
            byte[] s = (byte[]) v.value();
            newRef = db.putString(a.bytes(1), s, expireAt);
        } else {
            newRef = db.putObject(a.buf(), a.offset(1), a.length(1), v.type(), v.value(), expireAt);
        }
        int clock = server.eviction().restoredClock(freq, idle);
        if (clock >= 0) {
            db.setAccessClock(newRef, clock);
        }
        if (v.type() == ValueType.LIST || v.type() == ValueType.ZSET) {
            server.blocking().signal(dbIndex, a.buf(), a.offset(1), a.length(1));
        }
        server.keyModified(dbIndex, a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.GENERIC, "restore", c, a, 1);
        server.addDirty(1);
        if (ttl != 0 && !absttl) {
            // A relative TTL propagates as the absolute time it gave, so replicas and the log agree (as Redis).
            byte[][] parts = new byte[a.count() + 1][];
            for (int i = 0; i < a.count(); i++) {
                parts[i] = a.bytes(i);
            }
            parts[2] = Long.toString(ttl).getBytes(StandardCharsets.US_ASCII);
            parts[a.count()] = ABSTTL;
            server.propagate(dbIndex, parts);
            server.dispatcher().propagationHandled();
        }
        c.reply().ok();
    }
}
