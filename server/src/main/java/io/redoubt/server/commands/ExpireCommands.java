package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.store.Database;

import java.nio.charset.StandardCharsets;

/** Expiry commands (Redis's expire.c): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST. */
public final class ExpireCommands {
    private static final CommandError NX_INCOMPATIBLE =
            new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
    private static final CommandError GT_LT_INCOMPATIBLE =
            new CommandError("ERR GT and LT options at the same time are not compatible");
    private static final CommandError INVALID_EXPIRE = new CommandError("ERR invalid expire time in 'expire' command");
    private static final CommandError INVALID_PEXPIRE = new CommandError("ERR invalid expire time in 'pexpire' command");
    private static final CommandError INVALID_EXPIREAT = new CommandError("ERR invalid expire time in 'expireat' command");
    private static final CommandError INVALID_PEXPIREAT = new CommandError("ERR invalid expire time in 'pexpireat' command");
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNLINK = "UNLINK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEXPIREAT = "PEXPIREAT".getBytes(StandardCharsets.US_ASCII);

    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    private ExpireCommands() {
    }

    static void register(CommandTable t) {
        String options = " [NX | XX | GT | LT]";
        t.add("expire", -3, "write fast", ExpireCommands::expire).keys(1, 1, 1).keySpecFlags("RW update")
                .doc("Sets the expiration time of a key in seconds.", "O(1)", "key seconds" + options);
        t.add("pexpire", -3, "write fast", ExpireCommands::pexpire).keys(1, 1, 1).keySpecFlags("RW update").since("2.6.0")
                .doc("Sets the expiration time of a key in milliseconds.", "O(1)", "key milliseconds" + options);
        t.add("expireat", -3, "write fast", ExpireCommands::expireat).keys(1, 1, 1).keySpecFlags("RW update").since("1.2.0")
                .doc("Sets the expiration time of a key to a Unix timestamp.", "O(1)", "key unix-time-seconds" + options);
        t.add("pexpireat", -3, "write fast", ExpireCommands::pexpireat).keys(1, 1, 1).keySpecFlags("RW update").since("2.6.0")
                .doc("Sets the expiration time of a key to a Unix milliseconds timestamp.", "O(1)",
                        "key unix-time-milliseconds" + options);
        t.add("ttl", 2, "readonly fast", ExpireCommands::ttl).keys(1, 1, 1).tips("nondeterministic_output")
                .doc("Returns the expiration time in seconds of a key.", "O(1)", "key");
        t.add("pttl", 2, "readonly fast", ExpireCommands::pttl).keys(1, 1, 1).tips("nondeterministic_output").since("2.6.0")
                .doc("Returns the expiration time in milliseconds of a key.", "O(1)", "key");
        t.add("expiretime", 2, "readonly fast", ExpireCommands::expiretime).keys(1, 1, 1).since("7.0.0")
                .doc("Returns the expiration time of a key as a Unix timestamp.", "O(1)", "key");
        t.add("pexpiretime", 2, "readonly fast", ExpireCommands::pexpiretime).keys(1, 1, 1).since("7.0.0")
                .doc("Returns the expiration time of a key as a Unix milliseconds timestamp.", "O(1)", "key");
        t.add("persist", 2, "write fast", ExpireCommands::persist).keys(1, 1, 1).keySpecFlags("RW update").since("2.2.0")
                .doc("Removes the expiration time of a key.", "O(1)", "key");
    }

    /* EXPIRE key seconds [NX | XX | GT | LT] */
    static void expire(Client c, CommandArgs a) {
        expireGeneric(c, a, c.server().now(), true, INVALID_EXPIRE, false);
    }

    /* PEXPIRE key milliseconds [NX | XX | GT | LT] */
    static void pexpire(Client c, CommandArgs a) {
        expireGeneric(c, a, c.server().now(), false, INVALID_PEXPIRE, false);
    }

    /* EXPIREAT key unix-time-seconds [NX | XX | GT | LT] */
    static void expireat(Client c, CommandArgs a) {
        expireGeneric(c, a, 0, true, INVALID_EXPIREAT, false);
    }

    /* PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT] */
    static void pexpireat(Client c, CommandArgs a) {
        expireGeneric(c, a, 0, false, INVALID_PEXPIREAT, true);
    }

    /**
     * Redis's expireGenericCommand. Every form but PEXPIREAT itself propagates as PEXPIREAT with the
     * absolute time, so replicas and the log agree whatever their clock; a time already past deletes the
     * key and propagates DEL (UNLINK under lazyfree-lazy-expire).
     */
    private static void expireGeneric(Client c, CommandArgs a, long base, boolean seconds, CommandError invalid,
                                      boolean absoluteMs) {
        int flags = parseFlags(a);
        long when = Arguments.longArg(a, 2);
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw invalid;
            }
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - base) {
            throw invalid;
        }
        when += base;
        Server server = c.server();
        Database db = c.db();
        long ref = server.lookupWrite(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().integer(0);
            return;
        }
        if (flags != 0) {
            long current = db.expireAt(ref);
            boolean refused = ((flags & NX) != 0 && current != Database.NO_EXPIRY)
                    || ((flags & XX) != 0 && current == Database.NO_EXPIRY)
                    // No expiry counts as an infinite time to live: nothing is greater, anything is less.
                    || ((flags & GT) != 0 && (current == Database.NO_EXPIRY || when <= current))
                    || ((flags & LT) != 0 && current != Database.NO_EXPIRY && when >= current);
            if (refused) {
                c.reply().integer(0);
                return;
            }
        }
        boolean deleted = when <= server.now();
        if (deleted) {
            db.delete(ref);
            server.addDirty(1);
            byte[] delete = server.config().getBool("lazyfree-lazy-expire") ? UNLINK : DEL;
            server.propagate(c.dbIndex(), delete, a.bytes(1));
            server.dispatcher().propagationHandled();
        } else {
            db.setExpireAt(ref, when);
            server.addDirty(1);
            if (!absoluteMs) {
                byte[][] parts = new byte[a.count()][];
                parts[0] = PEXPIREAT;
                parts[1] = a.bytes(1);
                parts[2] = Long.toString(when).getBytes(StandardCharsets.US_ASCII);
                for (int i = 3; i < a.count(); i++) {
                    parts[i] = a.bytes(i);
                }
                server.propagate(c.dbIndex(), parts);
                server.dispatcher().propagationHandled();
            }
        }
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.GENERIC, deleted ? "del" : "expire", c, a, 1);
        c.reply().integer(1);
    }

    private static int parseFlags(CommandArgs a) {
        int flags = 0;
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, "NX")) {
                flags |= NX;
            } else if (a.is(i, "XX")) {
                flags |= XX;
            } else if (a.is(i, "GT")) {
                flags |= GT;
            } else if (a.is(i, "LT")) {
                flags |= LT;
            } else {
                throw new CommandError("ERR Unsupported option " + a.string(i));
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            throw NX_INCOMPATIBLE;
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            throw GT_LT_INCOMPATIBLE;
        }
        return flags;
    }

    /* TTL key */
    static void ttl(Client c, CommandArgs a) {
        ttlGeneric(c, a, false, false);
    }

    /* PTTL key */
    static void pttl(Client c, CommandArgs a) {
        ttlGeneric(c, a, true, false);
    }

    /* EXPIRETIME key */
    static void expiretime(Client c, CommandArgs a) {
        ttlGeneric(c, a, false, true);
    }

    /* PEXPIRETIME key */
    static void pexpiretime(Client c, CommandArgs a) {
        ttlGeneric(c, a, true, true);
    }

    private static void ttlGeneric(Client c, CommandArgs a, boolean ms, boolean absolute) {
        long ref = KeyCommands.lookupNoTouch(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().integer(-2);
            return;
        }
        long at = c.db().expireAt(ref);
        if (at == Database.NO_EXPIRY) {
            c.reply().integer(-1);
            return;
        }
        long t = Math.max(0, absolute ? at : at - c.server().now());
        // Seconds are rounded to the nearest, as Redis does.
        c.reply().integer(ms ? t : (t + 500) / 1000);
    }

    /* PERSIST key */
    static void persist(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        long ref = server.lookupWrite(c, a, 1);
        if (ref == Database.NONE || db.expireAt(ref) == Database.NO_EXPIRY) {
            c.reply().integer(0);
            return;
        }
        db.setExpireAt(ref, Database.NO_EXPIRY);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.GENERIC, "persist", c, a, 1);
        server.addDirty(1);
        c.reply().integer(1);
    }
}
