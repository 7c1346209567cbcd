package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;
import io.redoubt.server.types.HashValue;
import io.redoubt.server.types.Values;
import io.redoubt.server.util.Glob;
import io.redoubt.server.util.LongDouble;
import io.redoubt.store.ValueType;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Hash commands (Redis's t_hash.c). */
public final class HashCommands {
    private static final CommandError HASH_NOT_INTEGER = new CommandError("ERR hash value is not an integer");
    private static final CommandError HASH_NOT_FLOAT = new CommandError("ERR hash value is not a float");
    private static final CommandError INCREMENT_NAN = new CommandError("ERR value is NaN or Infinity");
    private static final CommandError RESULT_NAN = new CommandError("ERR increment would produce NaN or Infinity");
    private static final CommandError COUNT_RANGE =
            new CommandError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
    private static final CommandError VALUE_RANGE = new CommandError("ERR value is out of range");
    private static final byte[] HSET = StringCommands.ascii("HSET");

    private HashCommands() {
    }

    public static void register(CommandTable t) {
        t.add("hset", -4, "write denyoom fast", (c, a) -> hset(c, a, false)).keys(1, 1, 1).group("hash").since("2.0.0")
                .doc("Creates or modifies the value of a field in a hash.",
                        "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.",
                        "key field value [field value ...]");
        t.add("hmset", -4, "write denyoom fast", (c, a) -> hset(c, a, true)).keys(1, 1, 1).group("hash").since("2.0.0")
                .doc("Sets the values of multiple fields.", "O(N) where N is the number of fields being set.",
                        "key field value [field value ...]");
        t.add("hsetnx", 4, "write denyoom fast", HashCommands::hsetnx).keys(1, 1, 1).group("hash").since("2.0.0")
                .doc("Sets the value of a field in a hash only when the field doesn't exist.", "O(1)", "key field value");
        t.add("hget", 3, "readonly fast", HashCommands::hget).keys(1, 1, 1).group("hash").since("2.0.0")
                .doc("Returns the value of a field in a hash.", "O(1)", "key field");
        t.add("hmget", -3, "readonly fast", HashCommands::hmget).keys(1, 1, 1).group("hash").since("2.0.0")
                .doc("Returns the values of all fields in a hash.", "O(N) where N is the number of fields being requested.",
                        "key field [field ...]");
        t.add("hdel", -3, "write fast", HashCommands::hdel).keys(1, 1, 1).group("hash").since("2.0.0")
                .doc("Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.",
                        "O(N) where N is the number of fields to be removed.", "key field [field ...]");
        t.add("hlen", 2, "readonly fast", HashCommands::hlen).keys(1, 1, 1).group("hash").since("2.0.0")
                .doc("Returns the number of fields in a hash.", "O(1)", "key");
        t.add("hstrlen", 3, "readonly fast", HashCommands::hstrlen).keys(1, 1, 1).group("hash").since("3.2.0")
                .doc("Returns the length of the value of a field.", "O(1)", "key field");
        t.add("hexists", 3, "readonly fast", HashCommands::hexists).keys(1, 1, 1).group("hash").since("2.0.0")
                .doc("Determines whether a field exists in a hash.", "O(1)", "key field");
        t.add("hkeys", 2, "readonly", (c, a) -> getAll(c, a, true, false)).keys(1, 1, 1).group("hash").since("2.0.0")
                .tips("nondeterministic_output_order")
                .doc("Returns all fields in a hash.", "O(N) where N is the size of the hash.", "key");
        t.add("hvals", 2, "readonly", (c, a) -> getAll(c, a, false, true)).keys(1, 1, 1).group("hash").since("2.0.0")
                .tips("nondeterministic_output_order")
                .doc("Returns all values in a hash.", "O(N) where N is the size of the hash.", "key");
        t.add("hgetall", 2, "readonly", (c, a) -> getAll(c, a, true, true)).keys(1, 1, 1).group("hash").since("2.0.0")
                .tips("nondeterministic_output_order")
                .doc("Returns all fields and values in a hash.", "O(N) where N is the size of the hash.", "key");
        t.add("hincrby", 4, "write denyoom fast", HashCommands::hincrby).keys(1, 1, 1).group("hash").since("2.0.0")
                .doc("Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.",
                        "O(1)", "key field increment");
        t.add("hincrbyfloat", 4, "write denyoom fast", HashCommands::hincrbyfloat).keys(1, 1, 1).group("hash").since("2.6.0")
                .doc("Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.",
                        "O(1)", "key field increment");
        t.add("hrandfield", -2, "readonly", HashCommands::hrandfield).keys(1, 1, 1).group("hash").since("6.2.0")
                .tips("nondeterministic_output")
                .doc("Returns one or more random fields from a hash.", "O(N) where N is the number of fields returned",
                        "key [count [WITHVALUES]]");
        t.add("hscan", -3, "readonly", HashCommands::hscan).keys(1, 1, 1).group("hash").since("2.8.0")
                .tips("nondeterministic_output")
                .doc("Iterates over fields and values of a hash.",
                        "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
                        "key cursor [MATCH pattern] [COUNT count]");
    }

    static HashValue read(Client c, CommandArgs a, int i) {
        return Values.read(c, a, i, ValueType.HASH, HashValue.class);
    }

    /** The hash at key argument {@code i} for writing, created (and stored) when absent. */
    private static HashValue writeOrCreate(Client c, CommandArgs a, int i) {
        HashValue h = Values.write(c, a, i, ValueType.HASH, HashValue.class);
        if (h == null) {
            h = HashValue.empty(c.server().encodingLimits());
            Values.create(c, a, i, ValueType.HASH, h);
        }
        return h;
    }

    /* HSET key field value [field value ...], HMSET key field value [field value ...] */
    static void hset(Client c, CommandArgs a, boolean hmset) {
        if (a.count() % 2 != 0) {
            throw new CommandError("ERR wrong number of arguments for '" + (hmset ? "hmset" : "hset") + "' command");
        }
        HashValue h = writeOrCreate(c, a, 1);
        h.prepareFor(a, 2, a.count() - 1);
        int created = 0;
        for (int i = 2; i < a.count(); i += 2) {
            if (h.put(a.bytes(i), a.bytes(i + 1))) {
                created++;
            }
        }
        Values.written(c, a, 1, (a.count() - 2) / 2, KeyspaceEvents.HASH, "hset");
        if (hmset) {
            c.reply().ok();
        } else {
            c.reply().integer(created);
        }
    }

    /* HSETNX key field value */
    static void hsetnx(Client c, CommandArgs a) {
        HashValue h = writeOrCreate(c, a, 1);
        if (h.find(a.buf(), a.offset(2), a.length(2)) >= 0) {
            c.reply().integer(0);
            return;
        }
        h.prepareFor(a, 2, 3);
        h.put(a.bytes(2), a.bytes(3));
        Values.written(c, a, 1, 1, KeyspaceEvents.HASH, "hset");
        c.reply().integer(1);
    }

    /* HGET key field */
    static void hget(Client c, CommandArgs a) {
        HashValue h = read(c, a, 1);
        int i = h == null ? -1 : h.find(a.buf(), a.offset(2), a.length(2));
        if (i < 0) {
            c.reply().nullBulk();
        } else {
            c.reply().bulk(h.valueAt(i));
        }
    }

    /* HMGET key field [field ...] */
    static void hmget(Client c, CommandArgs a) {
        HashValue h = read(c, a, 1);
        Reply r = c.reply();
        r.array(a.count() - 2);
        for (int f = 2; f < a.count(); f++) {
            int i = h == null ? -1 : h.find(a.buf(), a.offset(f), a.length(f));
            if (i < 0) {
                r.nullBulk();
            } else {
                r.bulk(h.valueAt(i));
            }
        }
    }

    /* HDEL key field [field ...] */
    static void hdel(Client c, CommandArgs a) {
        Values.removeMembers(c, a, ValueType.HASH, HashValue.class);
    }

    /* HLEN key */
    static void hlen(Client c, CommandArgs a) {
        HashValue h = read(c, a, 1);
        c.reply().integer(h == null ? 0 : h.size());
    }

    /* HSTRLEN key field */
    static void hstrlen(Client c, CommandArgs a) {
        HashValue h = read(c, a, 1);
        int i = h == null ? -1 : h.find(a.buf(), a.offset(2), a.length(2));
        c.reply().integer(i < 0 ? 0 : h.valueAt(i).length);
    }

    /* HEXISTS key field */
    static void hexists(Client c, CommandArgs a) {
        HashValue h = read(c, a, 1);
        c.reply().integer(h != null && h.find(a.buf(), a.offset(2), a.length(2)) >= 0 ? 1 : 0);
    }

    /* HKEYS key, HVALS key, HGETALL key */
    static void getAll(Client c, CommandArgs a, boolean withFields, boolean withValues) {
        HashValue h = read(c, a, 1);
        Reply r = c.reply();
        int n = h == null ? 0 : h.size();
        if (withFields && withValues) {
            r.map(n);
        } else {
            r.array(n);
        }
        for (int i = 0; i < n; i++) {
            if (withFields) {
                r.bulk(h.fieldAt(i));
            }
            if (withValues) {
                r.bulk(h.valueAt(i));
            }
        }
    }

    /* HINCRBY key field increment */
    static void hincrby(Client c, CommandArgs a) {
        long increment = Arguments.longArg(a, 3);
        HashValue h = writeOrCreate(c, a, 1);
        int i = h.find(a.buf(), a.offset(2), a.length(2));
        long value = 0;
        if (i >= 0) {
            try {
                value = Numbers.parseLong(h.valueAt(i));
            } catch (Numbers.InvalidNumberException e) {
                throw HASH_NOT_INTEGER;
            }
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            throw CommandError.OVERFLOW;
        }
        value += increment;
        byte[] text = StringCommands.ascii(Long.toString(value));
        if (i >= 0) {
            h.setValueAt(i, text);
        } else {
            h.put(a.bytes(2), text);
        }
        Values.written(c, a, 1, 1, KeyspaceEvents.HASH, "hincrby");
        c.reply().integer(value);
    }

    /* HINCRBYFLOAT key field increment */
    static void hincrbyfloat(Client c, CommandArgs a) {
        LongDouble increment = LongDouble.parse(a.bytes(3));
        if (increment == null) {
            throw CommandError.NOT_FLOAT;
        }
        if (!increment.isFinite()) {
            throw INCREMENT_NAN;
        }
        HashValue h = writeOrCreate(c, a, 1);
        int i = h.find(a.buf(), a.offset(2), a.length(2));
        LongDouble value = LongDouble.ZERO;
        if (i >= 0) {
            byte[] stored = h.valueAt(i);
            value = stored.length >= LongDouble.MAX_CHARS ? null : LongDouble.parse(stored);
            if (value == null) {
                throw HASH_NOT_FLOAT;
            }
        }
        LongDouble sum = value.add(increment);
        if (!sum.isFinite()) {
            throw RESULT_NAN;
        }
        byte[] text = StringCommands.ascii(sum.toHumanString());
        if (i >= 0) {
            h.setValueAt(i, text);
        } else {
            h.put(a.bytes(2), text);
        }
        Values.written(c, a, 1, 1, KeyspaceEvents.HASH, "hincrbyfloat");
        c.reply().bulk(text);
        // Propagated as the resulting value, so that replicas and the log never redo float arithmetic.
        c.server().propagate(c.dbIndex(), HSET, a.bytes(1), a.bytes(2), text);
        c.server().dispatcher().propagationHandled();
    }

    /* HRANDFIELD key [count [WITHVALUES]] */
    static void hrandfield(Client c, CommandArgs a) {
        Reply r = c.reply();
        if (a.count() == 2) {
            HashValue h = read(c, a, 1);
            if (h == null) {
                r.nullBulk();
            } else {
                r.bulk(h.fieldAt(ThreadLocalRandom.current().nextInt(h.size())));
            }
            return;
        }
        long l = Arguments.longArg(a, 2);
        if (l == Long.MIN_VALUE) {
            throw COUNT_RANGE;
        }
        boolean withValues = false;
        if (a.count() > 4 || (a.count() == 4 && !a.is(3, "WITHVALUES"))) {
            throw CommandError.SYNTAX;
        } else if (a.count() == 4) {
            withValues = true;
            if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2) {
                throw VALUE_RANGE;
            }
        }
        HashValue h = read(c, a, 1);
        if (h == null || l == 0) {
            r.array(0);
            return;
        }
        int size = h.size();
        boolean pairs = withValues && r.resp3();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (l < 0 || l == 1) {
            int count = (int) Math.min(Math.abs(l), Integer.MAX_VALUE / 2);
            r.array(withValues && !pairs ? count * 2 : count);
            for (int n = 0; n < count; n++) {
                writeEntry(r, h, random.nextInt(size), withValues, pairs);
            }
            return;
        }
        int count = (int) Math.min(l, size);
        r.array(withValues && !pairs ? count * 2 : count);
        if (count == size) {
            for (int i = 0; i < size; i++) {
                writeEntry(r, h, i, withValues, pairs);
            }
        } else if (count * 3L > size) {
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            for (int i = 0; i < count; i++) {
                int j = i + random.nextInt(size - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                writeEntry(r, h, order[i], withValues, pairs);
            }
        } else {
            Set<Integer> picked = new HashSet<>();
            while (picked.size() < count) {
                int i = random.nextInt(size);
                if (picked.add(i)) {
                    writeEntry(r, h, i, withValues, pairs);
                }
            }
        }
    }

    private static void writeEntry(Reply r, HashValue h, int i, boolean withValues, boolean pairs) {
        if (pairs) {
            r.array(2);
        }
        r.bulk(h.fieldAt(i));
        if (withValues) {
            r.bulk(h.valueAt(i));
        }
    }

    /* HSCAN key cursor [MATCH pattern] [COUNT count] */
    static void hscan(Client c, CommandArgs a) {
        long cursor = KeyCommands.parseCursor(a, 2);
        HashValue h = read(c, a, 1);
        Reply r = c.reply();
        if (h == null) {
            ScanOptions.replyMissingKey(r);
            return;
        }
        ScanOptions options = ScanOptions.parse(a, 3);
        long count = options.count();
        byte[] pattern = options.pattern();
        long next;
        int[] visited;
        int n = 0;
        if (h.isListpack()) {
            next = 0;
            visited = new int[h.size()];
            for (int i = 0; i < h.size(); i++) {
                visited[n++] = i;
            }
        } else {
            visited = new int[(int) Math.min(count, h.size())];
            int[] filled = {0};
            next = h.scan(cursor, count, i -> visited[filled[0]++] = i);
            n = filled[0];
        }
        int kept = 0;
        for (int k = 0; k < n; k++) {
            if (pattern == null || Glob.matches(pattern, h.fieldAt(visited[k]), false)) {
                visited[kept++] = visited[k];
            }
        }
        r.array(2);
        r.bulk(Long.toUnsignedString(next));
        r.array(kept * 2);
        for (int k = 0; k < kept; k++) {
            r.bulk(h.fieldAt(visited[k]));
            r.bulk(h.valueAt(visited[k]));
        }
    }
}
