package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.net.Reply;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

/**
 * BITFIELD and BITFIELD_RO (registered in {@link BitCommands}): signed and unsigned integers of 1 to 64
 * bits (unsigned up to 63, as RESP integers are signed) at any bit offset, big-endian in bit order, with
 * Redis's WRAP, SAT and FAIL overflow rules.
 *
 * <p>All operations are parsed before any runs, so a malformed one fails the whole command unchanged.
 */
final class BitfieldCommand {
    private static final CommandError BAD_TYPE = new CommandError(
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.");
    private static final CommandError BAD_OVERFLOW = new CommandError("ERR Invalid OVERFLOW type specified");
    private static final CommandError READ_ONLY = new CommandError("ERR BITFIELD_RO only supports the GET subcommand");

    private static final int GET = 0;
    private static final int SET = 1;
    private static final int INCRBY = 2;
    private static final int WRAP = 0;
    private static final int SAT = 1;
    private static final int FAIL = 2;

    private BitfieldCommand() {
    }

    /* BITFIELD key [GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>] <SET encoding offset value | INCRBY encoding offset increment> ...] */
    static void bitfield(Client c, CommandArgs a) {
        run(c, a, false);
    }

    /* BITFIELD_RO key [GET encoding offset [GET encoding offset ...]] */
    static void bitfieldRo(Client c, CommandArgs a) {
        run(c, a, true);
    }

    private static void run(Client c, CommandArgs a, boolean readOnlyCommand) {
        Server server = c.server();
        int capacity = (a.count() - 2) / 3 + 1;
        int[] opcodes = new int[capacity];
        int[] overflows = new int[capacity];
        int[] widths = new int[capacity];
        boolean[] signed = new boolean[capacity];
        long[] offsets = new long[capacity];
        long[] values = new long[capacity];
        int ops = 0;
        int overflow = WRAP;
        boolean readOnly = true;
        long highestWrittenBit = 0;
        for (int j = 2; j < a.count(); j++) {
            int remaining = a.count() - j - 1;
            int opcode;
            if (a.is(j, "GET") && remaining >= 2) {
                opcode = GET;
            } else if (a.is(j, "SET") && remaining >= 3) {
                opcode = SET;
            } else if (a.is(j, "INCRBY") && remaining >= 3) {
                opcode = INCRBY;
            } else if (a.is(j, "OVERFLOW") && remaining >= 1) {
                j++;
                if (a.is(j, "WRAP")) {
                    overflow = WRAP;
                } else if (a.is(j, "SAT")) {
                    overflow = SAT;
                } else if (a.is(j, "FAIL")) {
                    overflow = FAIL;
                } else {
                    throw BAD_OVERFLOW;
                }
                continue;
            } else {
                throw CommandError.SYNTAX;
            }
            boolean isSigned = parseSign(a, j + 1);
            int bits = parseWidth(a, j + 1, isSigned);
            long offset = BitCommands.bitOffset(server, a, j + 2, bits);
            long value = 0;
            if (opcode != GET) {
                readOnly = false;
                if (offset + bits - 1 < 0) {
                    // Only reachable with a proto-max-bulk-len beyond what a value can hold.
                    throw CommandError.STRING_TOO_LONG;
                }
                highestWrittenBit = Math.max(highestWrittenBit, offset + bits - 1);
                value = Arguments.longArg(a, j + 3);
            }
            if (ops == capacity) {
                throw new IllegalStateException("bitfield operation count");
            }
            opcodes[ops] = opcode;
            overflows[ops] = overflow;
            widths[ops] = bits;
            signed[ops] = isSigned;
            offsets[ops] = offset;
            values[ops] = value;
            ops++;
            j += opcode == GET ? 2 : 3;
        }

        Database db = c.db();
        long ref;
        boolean grown = false;
        if (readOnly) {
            ref = server.lookupRead(c, a, 1);
            if (ref != Database.NONE && db.type(ref) != ValueType.STRING) {
                throw CommandError.WRONGTYPE;
            }
        } else {
            if (readOnlyCommand) {
                throw READ_ONLY;
            }
            ref = server.lookupWrite(c, a, 1);
            int before = BitCommands.lengthOfString(db, ref);
            ref = BitCommands.ensureLength(c, a, ref, highestWrittenBit);
            grown = before != db.valueLength(ref);
        }

        Reply reply = c.reply();
        reply.array(ops);
        long changes = 0;
        for (int k = 0; k < ops; k++) {
            int bits = widths[k];
            long offset = offsets[k];
            if (opcodes[k] == GET) {
                long v = getBits(db, ref, offset, bits);
                reply.integer(signed[k] ? signExtend(v, bits) : v);
                continue;
            }
            long old = getBits(db, ref, offset, bits);
            long[] outcome = signed[k]
                    ? signedOutcome(signExtend(old, bits), values[k], bits, opcodes[k], overflows[k])
                    : unsignedOutcome(old, values[k], bits, opcodes[k], overflows[k]);
            if (outcome == null) {
                reply.nullBulk();
                continue;
            }
            long newValue = outcome[0];
            reply.integer(outcome[1]);
            setBits(db, ref, offset, bits, newValue);
            if (grown || (signed[k] ? signExtend(old, bits) : old) != newValue) {
                changes++;
            }
        }
        if (changes > 0) {
            server.keyModified(c.dbIndex(), a.buf(), a.offset(1), a.length(1));
            server.events().notify(KeyspaceEvents.STRING, "setbit", c, a, 1);
            server.addDirty(changes);
        }
    }

    /** {new value, reply} of a SET or INCRBY on a signed field, or null when FAIL refuses it. */
    private static long[] signedOutcome(long old, long operand, int bits, int opcode, int overflow) {
        long value = opcode == INCRBY ? old : operand;
        long increment = opcode == INCRBY ? operand : 0;
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncrement = max - value;
        long minIncrement = min - value;
        int direction = 0;
        if (value > max || (bits != 64 && increment > maxIncrement) || (value >= 0 && increment > 0 && increment > maxIncrement)) {
            direction = 1;
        } else if (value < min || (bits != 64 && increment < minIncrement) || (value < 0 && increment < 0 && increment < minIncrement)) {
            direction = -1;
        }
        long result = value + increment;
        if (direction != 0) {
            if (overflow == FAIL) {
                return null;
            }
            result = overflow == SAT ? (direction > 0 ? max : min) : signExtend(value + increment, bits);
        }
        return new long[] {result, opcode == INCRBY ? result : old};
    }

    /** {new value, reply} of a SET or INCRBY on an unsigned field (values compared as unsigned 64-bit). */
    private static long[] unsignedOutcome(long old, long operand, int bits, int opcode, int overflow) {
        long value = opcode == INCRBY ? old : operand;
        long increment = opcode == INCRBY ? operand : 0;
        long max = (1L << bits) - 1;
        long maxIncrement = max - value;
        long minIncrement = -value;
        int direction = 0;
        if (Long.compareUnsigned(value, max) > 0 || (increment > 0 && increment > maxIncrement)) {
            direction = 1;
        } else if (increment < 0 && increment < minIncrement) {
            direction = -1;
        }
        long result = value + increment;
        if (direction != 0) {
            if (overflow == FAIL) {
                return null;
            }
            result = overflow == SAT ? (direction > 0 ? max : 0) : (value + increment) & max;
        }
        return new long[] {result, opcode == INCRBY ? result : old};
    }

    private static boolean parseSign(CommandArgs a, int i) {
        byte first = a.length(i) > 0 ? a.byteAt(i, 0) : 0;
        if (first == 'i') {
            return true;
        }
        if (first == 'u') {
            return false;
        }
        throw BAD_TYPE;
    }

    private static int parseWidth(CommandArgs a, int i, boolean isSigned) {
        long bits;
        try {
            bits = Numbers.parseLong(a.buf(), a.offset(i) + 1, a.length(i) - 1);
        } catch (Numbers.InvalidNumberException e) {
            throw BAD_TYPE;
        }
        if (bits < 1 || bits > (isSigned ? 64 : 63)) {
            throw BAD_TYPE;
        }
        return (int) bits;
    }

    private static long signExtend(long v, int bits) {
        return bits < 64 ? (v << (64 - bits)) >> (64 - bits) : v;
    }

    /** The {@code bits}-bit field at bit {@code offset}, unsigned; bytes past the end read as zeros. */
    private static long getBits(Database db, long ref, long offset, int bits) {
        int length = ref == Database.NONE ? 0 : db.valueLength(ref);
        long value = 0;
        long current = -1;
        int b = 0;
        for (int j = 0; j < bits; j++) {
            long pos = offset + j;
            long index = pos >>> 3;
            if (index != current) {
                current = index;
                b = index < length ? db.valueByte(ref, (int) index) & 0xff : 0;
            }
            value = (value << 1) | ((b >>> (7 - (int) (pos & 7))) & 1);
        }
        return value;
    }

    private static void setBits(Database db, long ref, long offset, int bits, long value) {
        long pos = offset;
        int j = 0;
        while (j < bits) {
            int index = (int) (pos >>> 3);
            int b = db.valueByte(ref, index) & 0xff;
            while (j < bits && (pos >>> 3) == index) {
                int mask = 1 << (7 - (int) (pos & 7));
                b = ((value >>> (bits - 1 - j)) & 1) != 0 ? b | mask : b & ~mask;
                j++;
                pos++;
            }
            db.setValueByte(ref, index, (byte) b);
        }
    }
}
