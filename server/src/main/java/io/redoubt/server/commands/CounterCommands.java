package io.redoubt.server.commands;

import io.netty.buffer.Unpooled;
import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.util.LongDouble;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

/**
 * INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT (registered in {@link StringCommands}).
 *
 * <p>Integers are kept as their decimal text, as every string value is. The integer counters parse and
 * rewrite that text byte by byte in the store, so INCR allocates nothing. INCRBYFLOAT computes in x87
 * extended precision, as Redis's {@code long double} does, and formats with {@code %.17Lf}.
 */
final class CounterCommands {
    private static final CommandError DECREMENT_OVERFLOW = new CommandError("ERR decrement would overflow");
    private static final CommandError NAN_OR_INFINITY = new CommandError("ERR increment would produce NaN or Infinity");

    private CounterCommands() {
    }

    /* INCR key */
    static void incr(Client c, CommandArgs a) {
        incrBy(c, a, 1);
    }

    /* DECR key */
    static void decr(Client c, CommandArgs a) {
        incrBy(c, a, -1);
    }

    /* INCRBY key increment */
    static void incrby(Client c, CommandArgs a) {
        incrBy(c, a, Arguments.longArg(a, 2));
    }

    /* DECRBY key decrement */
    static void decrby(Client c, CommandArgs a) {
        long decrement = Arguments.longArg(a, 2);
        if (decrement == Long.MIN_VALUE) {
            throw DECREMENT_OVERFLOW;
        }
        incrBy(c, a, -decrement);
    }

    private static void incrBy(Client c, CommandArgs a, long increment) {
        Server server = c.server();
        Database db = c.db();
        long ref = server.lookupWrite(c, a, 1);
        long value = 0;
        if (ref != Database.NONE) {
            if (db.type(ref) != ValueType.STRING) {
                throw CommandError.WRONGTYPE;
            }
            value = storedLong(db, ref);
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            throw CommandError.OVERFLOW;
        }
        value += increment;
        int digits = Numbers.digits(value);
        if (ref == Database.NONE) {
            server.events().notify(KeyspaceEvents.NEW, "new", c, a, 1);
            ref = db.putZeroString(a.buf(), a.offset(1), a.length(1), digits, Database.NO_EXPIRY);
        } else if (db.valueLength(ref) != digits) {
            ref = db.resizeString(ref, digits);
        }
        writeDecimal(db, ref, value, digits);
        // Redis replaces a raw or embstr value with an integer object.
        db.setStringEncoding(ref, Database.STRING_ENCODING_BY_CONTENT);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.STRING, "incrby", c, a, 1);
        server.addDirty(1);
        c.reply().integer(value);
    }

    /**
     * Parses a stored value with Redis's {@code string2ll} rules (no sign '+', no spaces, no leading
     * zeros, 64 bits), reading the bytes in place.
     */
    static long storedLong(Database db, long ref) {
        int length = db.valueLength(ref);
        if (length == 0 || length > 20) {
            throw CommandError.NOT_INTEGER;
        }
        int p = 0;
        byte first = db.valueByte(ref, 0);
        if (first == '0' && length == 1) {
            return 0;
        }
        boolean negative = first == '-';
        if (negative && ++p == length) {
            throw CommandError.NOT_INTEGER;
        }
        byte d = db.valueByte(ref, p++);
        if (d < '1' || d > '9') {
            throw CommandError.NOT_INTEGER;
        }
        // Accumulated negative, so that Long.MIN_VALUE fits.
        long v = -(d - '0');
        for (; p < length; p++) {
            d = db.valueByte(ref, p);
            if (d < '0' || d > '9' || v < Long.MIN_VALUE / 10) {
                throw CommandError.NOT_INTEGER;
            }
            v *= 10;
            if (v < Long.MIN_VALUE + (d - '0')) {
                throw CommandError.NOT_INTEGER;
            }
            v -= d - '0';
        }
        if (negative) {
            return v;
        }
        if (v == Long.MIN_VALUE) {
            throw CommandError.NOT_INTEGER;
        }
        return -v;
    }

    /** Writes {@code value} as {@code digits} decimal characters over the whole value of {@code ref}. */
    private static void writeDecimal(Database db, long ref, long value, int digits) {
        int p = digits;
        long v = value;
        if (v < 0) {
            // Digits of a negative number from its negative remainders, so that Long.MIN_VALUE works too.
            do {
                db.setValueByte(ref, --p, (byte) ('0' - v % 10));
                v /= 10;
            } while (v != 0);
            db.setValueByte(ref, 0, (byte) '-');
        } else {
            do {
                db.setValueByte(ref, --p, (byte) ('0' + v % 10));
                v /= 10;
            } while (v != 0);
        }
    }

    /* INCRBYFLOAT key increment */
    static void incrbyfloat(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        long ref = server.lookupWrite(c, a, 1);
        LongDouble value = LongDouble.ZERO;
        long expireAt = Database.NO_EXPIRY;
        if (ref != Database.NONE) {
            if (db.type(ref) != ValueType.STRING) {
                throw CommandError.WRONGTYPE;
            }
            value = parseFloat(storedBytes(db, ref));
            expireAt = db.expireAt(ref);
        }
        LongDouble increment = parseFloat(a.bytes(2));
        LongDouble sum = value.add(increment);
        if (!sum.isFinite()) {
            throw NAN_OR_INFINITY;
        }
        byte[] text = StringCommands.ascii(sum.toHumanString());
        // The key keeps its time to live, as Redis's dbReplaceValue does.
        if (ref == Database.NONE) {
            server.events().notify(KeyspaceEvents.NEW, "new", c, a, 1);
        }
        long stored = db.putString(a.buf(), a.offset(1), a.length(1), Unpooled.wrappedBuffer(text), 0, text.length, expireAt);
        // Redis makes the result a plain string object: embstr even when it reads as an integer ("3").
        db.setStringEncoding(stored, Database.STRING_ENCODING_NOT_INT);
        server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
        server.events().notify(KeyspaceEvents.STRING, "incrbyfloat", c, a, 1);
        server.addDirty(1);
        c.reply().bulk(text);
        // Propagated as the resulting value, so that replicas and the log never redo float arithmetic.
        server.propagate(c.dbIndex(), StringCommands.SET, a.bytes(1), text, StringCommands.KEEPTTL);
        server.dispatcher().propagationHandled();
    }

    private static byte[] storedBytes(Database db, long ref) {
        int length = db.valueLength(ref);
        if (length >= LongDouble.MAX_CHARS) {
            throw CommandError.NOT_FLOAT;
        }
        byte[] b = new byte[length];
        db.copyValue(ref, 0, b, 0, length);
        return b;
    }

    private static LongDouble parseFloat(byte[] text) {
        LongDouble v = LongDouble.parse(text);
        if (v == null) {
            throw CommandError.NOT_FLOAT;
        }
        return v;
    }
}
