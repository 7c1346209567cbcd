package io.redoubt.server.commands;

import io.netty.buffer.Unpooled;
import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bitmap commands (Redis's bitops.c) over string values: bit 0 is the most significant bit of the first
 * byte. BITFIELD lives in {@link BitfieldCommand}; every bitmap command is registered here.
 *
 * <p>Scans (BITCOUNT, BITPOS, BITOP) copy the value out of the store in chunks and work on 64-bit words.
 */
public final class BitCommands {
    static final CommandError BIT_OFFSET = new CommandError("ERR bit offset is not an integer or out of range");
    private static final CommandError BIT_VALUE = new CommandError("ERR bit is not an integer or out of range");
    private static final CommandError BIT_ARGUMENT = new CommandError("ERR The bit argument must be 1 or 0.");
    private static final CommandError BITOP_NOT_ARITY = new CommandError("ERR BITOP NOT must be called with a single source key.");
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int CHUNK = 8192;

    private BitCommands() {
    }

    public static void register(CommandTable t) {
        t.add("setbit", 4, "write denyoom", BitCommands::setbit).keys(1, 1, 1).group("bitmap").since("2.2.0")
                .doc("Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.", "O(1)",
                        "key offset value");
        t.add("getbit", 3, "readonly fast", BitCommands::getbit).keys(1, 1, 1).group("bitmap").since("2.2.0")
                .doc("Returns a bit value by offset.", "O(1)", "key offset");
        t.add("bitcount", -2, "readonly", BitCommands::bitcount).keys(1, 1, 1).group("bitmap").since("2.6.0")
                .doc("Counts the number of set bits (population counting) in a string.", "O(N)",
                        "key [start end [BYTE | BIT]]");
        t.add("bitpos", -3, "readonly", BitCommands::bitpos).keys(1, 1, 1).group("bitmap").since("2.8.7")
                .doc("Finds the first set (1) or clear (0) bit in a string.", "O(N)",
                        "key bit [start [end [BYTE | BIT]]]");
        t.add("bitop", -4, "write denyoom", BitCommands::bitop).keys(2, -1, 1).keySpecFlags("OW update | RO access").group("bitmap").since("2.6.0")
                .doc("Performs bitwise operations on multiple strings, and stores the result.", "O(N)",
                        "AND | OR | XOR | NOT destkey key [key ...]");
        t.add("bitfield", -2, "write denyoom", BitfieldCommand::bitfield).keys(1, 1, 1).keySpecFlags("RW access update variable_flags").group("bitmap").since("3.2.0")
                .doc("Performs arbitrary bitfield integer operations on strings.", "O(1) for each subcommand specified",
                        "key [GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>] <SET encoding offset value | INCRBY encoding offset increment> [GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>] <SET encoding offset value | INCRBY encoding offset increment> ...]]");
        t.add("bitfield_ro", -2, "readonly fast", BitfieldCommand::bitfieldRo).keys(1, 1, 1).group("bitmap").since("6.0.0")
                .doc("Performs arbitrary read-only bitfield integer operations on strings.", "O(1) for each subcommand specified",
                        "key [GET encoding offset [GET encoding offset ...]]");
    }

    /* SETBIT key offset value */
    static void setbit(Client c, CommandArgs a) {
        Server server = c.server();
        long offset = bitOffset(server, a, 2, 0);
        long on = Arguments.longArg(a, 3, BIT_VALUE);
        if ((on & ~1L) != 0) {
            throw BIT_VALUE;
        }
        Database db = c.db();
        long ref = server.lookupWrite(c, a, 1);
        int before = lengthOfString(db, ref);
        ref = ensureLength(c, a, ref, offset);
        int index = (int) (offset >>> 3);
        int mask = 1 << (7 - (int) (offset & 7));
        int old = db.valueByte(ref, index) & 0xff;
        boolean wasSet = (old & mask) != 0;
        if (before <= index || wasSet != (on == 1)) {
            db.setValueByte(ref, index, (byte) (on == 1 ? old | mask : old & ~mask));
            server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
            server.events().notify(KeyspaceEvents.STRING, "setbit", c, a, 1);
            server.addDirty(1);
        }
        c.reply().integer(wasSet ? 1 : 0);
    }

    /* GETBIT key offset */
    static void getbit(Client c, CommandArgs a) {
        Server server = c.server();
        long offset = bitOffset(server, a, 2, 0);
        Database db = c.db();
        long ref = server.lookupRead(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().integer(0);
            return;
        }
        if (db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        }
        long index = offset >>> 3;
        int bit = 0;
        if (index < db.valueLength(ref)) {
            bit = (db.valueByte(ref, (int) index) >>> (7 - (int) (offset & 7))) & 1;
        }
        c.reply().integer(bit);
    }

    /* BITCOUNT key [start end [BYTE | BIT]] */
    static void bitcount(Client c, CommandArgs a) {
        Database db = c.db();
        // As Redis 7.2, a missing key answers 0 before the range is even parsed.
        long ref = c.server().lookupRead(c, a, 1);
        if (ref == Database.NONE) {
            c.reply().integer(0);
            return;
        }
        if (db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        }
        long length = db.valueLength(ref);
        long start;
        long end;
        int firstMask = 0;
        int lastMask = 0;
        if (a.count() == 4 || a.count() == 5) {
            start = Arguments.longArg(a, 2);
            end = Arguments.longArg(a, 3);
            if (start < 0 && end < 0 && start > end) {
                c.reply().integer(0);
                return;
            }
            boolean inBits = a.count() == 5 && bitUnit(a, 4);
            long total = inBits ? length << 3 : length;
            start = clampStart(start, total);
            end = clampEnd(end, total);
            if (inBits && start <= end) {
                // Bits of the edge bytes outside the range, to be taken off the count of whole bytes.
                firstMask = ~((1 << (8 - (int) (start & 7))) - 1) & 0xff;
                lastMask = (1 << (7 - (int) (end & 7))) - 1;
                start >>= 3;
                end >>= 3;
            }
        } else if (a.count() == 2) {
            start = 0;
            end = length - 1;
        } else {
            throw CommandError.SYNTAX;
        }
        if (start > end) {
            c.reply().integer(0);
            return;
        }
        long count = popcount(db, ref, (int) start, (int) (end - start + 1));
        if (firstMask != 0) {
            count -= Integer.bitCount(db.valueByte(ref, (int) start) & firstMask);
        }
        if (lastMask != 0) {
            count -= Integer.bitCount(db.valueByte(ref, (int) end) & lastMask);
        }
        c.reply().integer(count);
    }

    /* BITPOS key bit [start [end [BYTE | BIT]]] */
    static void bitpos(Client c, CommandArgs a) {
        long bitArg = Arguments.longArg(a, 2);
        if (bitArg != 0 && bitArg != 1) {
            throw BIT_ARGUMENT;
        }
        int bit = (int) bitArg;
        Database db = c.db();
        long ref = c.server().lookupRead(c, a, 1);
        if (ref == Database.NONE) {
            // A missing key is an endless run of zeros.
            c.reply().integer(bit == 1 ? -1 : 0);
            return;
        }
        if (db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        }
        long length = db.valueLength(ref);
        long start;
        long end;
        boolean endGiven = false;
        int firstMask = 0;
        int lastMask = 0;
        int argc = a.count();
        if (argc >= 4 && argc <= 6) {
            start = Arguments.longArg(a, 3);
            boolean inBits = argc == 6 && bitUnit(a, 5);
            if (argc >= 5) {
                end = Arguments.longArg(a, 4);
                endGiven = true;
            } else {
                end = inBits ? (length << 3) + 7 : length - 1;
            }
            long total = inBits ? length << 3 : length;
            start = clampStart(start, total);
            end = clampEnd(end, total);
            if (inBits && start <= end) {
                firstMask = ~((1 << (8 - (int) (start & 7))) - 1) & 0xff;
                lastMask = (1 << (7 - (int) (end & 7))) - 1;
                start >>= 3;
                end >>= 3;
            }
        } else if (argc == 3) {
            start = 0;
            end = length - 1;
        } else {
            throw CommandError.SYNTAX;
        }
        if (start > end) {
            c.reply().integer(-1);
            return;
        }
        // Redis's sequence: a masked first byte, the whole bytes, a masked last byte, stopping at a find.
        long bytes = end - start + 1;
        long pos;
        search:
        {
            if (firstMask != 0) {
                int b = db.valueByte(ref, (int) start) & 0xff;
                b = bit == 1 ? b & ~firstMask : b | firstMask;
                if (lastMask != 0 && bytes == 1) {
                    b = bit == 1 ? b & ~lastMask : b | lastMask;
                }
                pos = bytePosition(b & 0xff, bit);
                if (bytes == 1 || (pos != -1 && pos != 8)) {
                    break search;
                }
                start++;
                bytes--;
            }
            long whole = bytes - (lastMask != 0 ? 1 : 0);
            if (whole > 0) {
                pos = rangePosition(db, ref, (int) start, (int) whole, bit);
                if (bytes == whole || (pos != -1 && pos != whole << 3)) {
                    break search;
                }
                start += whole;
                bytes -= whole;
            }
            int b = db.valueByte(ref, (int) end) & 0xff;
            b = bit == 1 ? b & ~lastMask : b | lastMask;
            pos = bytePosition(b & 0xff, bit);
        }
        if (endGiven && bit == 0 && pos == bytes << 3) {
            // With an explicit end the bits past the range are not the string's zero padding.
            c.reply().integer(-1);
            return;
        }
        if (pos != -1) {
            pos += start << 3;
        }
        c.reply().integer(pos);
    }

    /* BITOP <AND | OR | XOR | NOT> destkey key [key ...] */
    static void bitop(Client c, CommandArgs a) {
        int op;
        if (a.is(1, "AND")) {
            op = 0;
        } else if (a.is(1, "OR")) {
            op = 1;
        } else if (a.is(1, "XOR")) {
            op = 2;
        } else if (a.is(1, "NOT")) {
            op = 3;
        } else {
            throw CommandError.SYNTAX;
        }
        if (op == 3 && a.count() != 4) {
            throw BITOP_NOT_ARITY;
        }
        Server server = c.server();
        Database db = c.db();
        int sources = a.count() - 3;
        // First pass: expire and type-check every source (deleting expired keys invalidates references).
        long maxLength = 0;
        for (int i = 0; i < sources; i++) {
            long ref = server.lookupRead(c, a, 3 + i);
            if (ref != Database.NONE) {
                if (db.type(ref) != ValueType.STRING) {
                    throw CommandError.WRONGTYPE;
                }
                maxLength = Math.max(maxLength, db.valueLength(ref));
            }
        }
        byte[] result = new byte[(int) maxLength];
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(8, maxLength))];
        for (int i = 0; i < sources && maxLength > 0; i++) {
            long ref = db.find(a.buf(), a.offset(3 + i), a.length(3 + i));
            int length = ref == Database.NONE ? 0 : db.valueLength(ref);
            if (i == 0) {
                if (length > 0) {
                    db.copyValue(ref, 0, result, 0, length);
                }
                if (op == 3) {
                    for (int j = 0; j < result.length; j++) {
                        result[j] = (byte) ~result[j];
                    }
                }
                continue;
            }
            combine(db, ref, length, result, chunk, op);
        }
        int dbIndex = c.dbIndex();
        if (maxLength > 0) {
            server.events().notifyIfNew(c, a, 2);
            long dest = db.putString(a.buf(), a.offset(2), a.length(2), Unpooled.wrappedBuffer(result), 0, result.length,
                    Database.NO_EXPIRY);
            // Redis stores BITOP's result as a raw string object, whatever its bytes.
            db.setStringEncoding(dest, Database.STRING_ENCODING_RAW);
            server.keyModified(dbIndex, a.buf(), a.offset(2), a.length(2));
            server.events().notify(KeyspaceEvents.STRING, "set", c, a, 2);
            server.addDirty(1);
        } else {
            long dest = db.find(a.buf(), a.offset(2), a.length(2));
            if (dest != Database.NONE) {
                db.delete(dest);
                server.keyModified(dbIndex, a.buf(), a.offset(2), a.length(2));
                server.events().notify(KeyspaceEvents.GENERIC, "del", c, a, 2);
                server.addDirty(1);
            }
        }
        c.reply().integer(maxLength);
    }

    /** Folds one source of {@code length} bytes into {@code result}; missing bytes count as zeros. */
    private static void combine(Database db, long ref, int length, byte[] result, byte[] chunk, int op) {
        for (int from = 0; from < result.length; from += chunk.length) {
            int n = Math.min(chunk.length, result.length - from);
            int have = Math.max(0, Math.min(n, length - from));
            if (have > 0) {
                db.copyValue(ref, from, chunk, 0, have);
            }
            java.util.Arrays.fill(chunk, have, n, (byte) 0);
            switch (op) {
                case 0 -> {
                    for (int j = 0; j < n; j++) {
                        result[from + j] &= chunk[j];
                    }
                }
                case 1 -> {
                    for (int j = 0; j < n; j++) {
                        result[from + j] |= chunk[j];
                    }
                }
                default -> {
                    for (int j = 0; j < n; j++) {
                        result[from + j] ^= chunk[j];
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers, shared with BITFIELD

    /**
     * Redis's getBitOffsetFromArgument: a bit offset, or with {@code bits} > 0 also "#n" meaning n × bits;
     * negative offsets and those past proto-max-bulk-len bytes fail.
     */
    static long bitOffset(Server server, CommandArgs a, int i, int bits) {
        int skip = bits > 0 && a.length(i) > 0 && a.byteAt(i, 0) == '#' ? 1 : 0;
        long offset;
        try {
            offset = Numbers.parseLong(a.buf(), a.offset(i) + skip, a.length(i) - skip);
        } catch (Numbers.InvalidNumberException e) {
            throw BIT_OFFSET;
        }
        if (skip == 1) {
            offset *= bits;
        }
        if (offset < 0 || (offset >> 3) >= server.protoMaxBulkLen()) {
            throw BIT_OFFSET;
        }
        return offset;
    }

    /** Length of a string entry, -1 when absent; WRONGTYPE for another type. */
    static int lengthOfString(Database db, long ref) {
        if (ref == Database.NONE) {
            return -1;
        }
        if (db.type(ref) != ValueType.STRING) {
            throw CommandError.WRONGTYPE;
        }
        return db.valueLength(ref);
    }

    /**
     * Redis's lookupStringForBitCommand after the look-up: creates the string or pads it with zero bytes
     * so that bit {@code maxBit} exists. Returns the (possibly new) reference.
     */
    static long ensureLength(Client c, CommandArgs a, long ref, long maxBit) {
        long needed = (maxBit >>> 3) + 1;
        Database db = c.db();
        if (needed > StringCommands.STORE_MAX_VALUE) {
            throw CommandError.STRING_TOO_LONG;
        }
        if (ref == Database.NONE) {
            c.server().events().notify(KeyspaceEvents.NEW, "new", c, a, 1);
            ref = db.putZeroString(a.buf(), a.offset(1), a.length(1), (int) needed, Database.NO_EXPIRY);
        } else if (db.valueLength(ref) < needed) {
            ref = db.resizeString(ref, (int) needed);
        }
        // Redis unshares the string into a raw object before writing bits, whatever it held.
        db.setStringEncoding(ref, Database.STRING_ENCODING_RAW);
        return ref;
    }

    /** BYTE or BIT as the unit of a range; anything else is a syntax error. */
    private static boolean bitUnit(CommandArgs a, int i) {
        if (a.is(i, "BIT")) {
            return true;
        }
        if (a.is(i, "BYTE")) {
            return false;
        }
        throw CommandError.SYNTAX;
    }

    private static long clampStart(long start, long total) {
        if (start < 0) {
            start = total + start;
        }
        return Math.max(0, start);
    }

    private static long clampEnd(long end, long total) {
        if (end < 0) {
            end = total + end;
        }
        end = Math.max(0, end);
        return end >= total ? total - 1 : end;
    }

    /** Set bits among {@code count} value bytes from {@code from}. */
    private static long popcount(Database db, long ref, int from, int count) {
        byte[] chunk = new byte[Math.min(CHUNK, count)];
        long bits = 0;
        while (count > 0) {
            int n = Math.min(chunk.length, count);
            db.copyValue(ref, from, chunk, 0, n);
            int j = 0;
            for (; j + 8 <= n; j += 8) {
                bits += Long.bitCount((long) LONGS.get(chunk, j));
            }
            for (; j < n; j++) {
                bits += Integer.bitCount(chunk[j] & 0xff);
            }
            from += n;
            count -= n;
        }
        return bits;
    }

    /**
     * Redis's redisBitpos over {@code count} value bytes from {@code from}: the position of the first bit
     * equal to {@code bit}; when there is none, -1 for a 1 and {@code count * 8} for a 0 (the string is
     * taken as padded with zeros).
     */
    private static long rangePosition(Database db, long ref, int from, int count, int bit) {
        byte[] chunk = new byte[Math.min(CHUNK, count)];
        int skip = bit == 1 ? 0 : 0xff;
        long done = 0;
        while (done < count) {
            int n = (int) Math.min(chunk.length, count - done);
            db.copyValue(ref, from + (int) done, chunk, 0, n);
            int j = 0;
            long skipWord = bit == 1 ? 0L : -1L;
            while (j + 8 <= n && (long) LONGS.get(chunk, j) == skipWord) {
                j += 8;
            }
            for (; j < n; j++) {
                int b = chunk[j] & 0xff;
                if (b != skip) {
                    return ((done + j) << 3) + bytePosition(b, bit);
                }
            }
            done += n;
        }
        return bit == 1 ? -1 : (long) count << 3;
    }

    /** Position of the first {@code bit} in one byte, most significant first; -1 (for 1) or 8 (for 0) when none. */
    private static long bytePosition(int b, int bit) {
        int v = bit == 1 ? b : ~b & 0xff;
        if (v == 0) {
            return bit == 1 ? -1 : 8;
        }
        return Integer.numberOfLeadingZeros(v) - 24;
    }
}
