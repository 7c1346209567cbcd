package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;
import io.redoubt.server.types.EncodingLimits;
import io.redoubt.server.types.SetValue;
import io.redoubt.server.types.Values;
import io.redoubt.server.util.Glob;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Set commands (Redis's t_set.c). Commands that build a new set (SUNION, SDIFF, SINTERSTORE, SPOP's
 * rebuild) build it member by member through {@link SetValue#add} from the same starting encoding as
 * Redis, so that the result's encoding, and its order where the encoding is ordered, are Redis's.
 */
public final class SetCommands {
    private static final byte[] SREM = "SREM".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    /** Members per propagated SREM when SPOP removes many, as Redis batches them. */
    private static final int SPOP_PROPAGATION_BATCH = 1024;
    /** SPOP rebuilds the set from the members it keeps when it pops more than this many times their number. */
    private static final int SPOP_MOVE_STRATEGY_MUL = 5;

    private SetCommands() {
    }

    public static void register(CommandTable t) {
        t.add("sadd", -3, "write denyoom fast", SetCommands::sadd).keys(1, 1, 1).group("set")
                .doc("Adds one or more members to a set. Creates the key if it doesn't exist.",
                        "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", "key member [member ...]");
        t.add("srem", -3, "write fast", SetCommands::srem).keys(1, 1, 1).group("set")
                .doc("Removes one or more members from a set. Deletes the set if the last member was removed.",
                        "O(N) where N is the number of members to be removed.", "key member [member ...]");
        t.add("smembers", 2, "readonly", SetCommands::smembers).keys(1, 1, 1).group("set").tips("nondeterministic_output_order")
                .doc("Returns all members of a set.", "O(N) where N is the set cardinality.", "key");
        t.add("sismember", 3, "readonly fast", SetCommands::sismember).keys(1, 1, 1).group("set")
                .doc("Determines whether a member belongs to a set.", "O(1)", "key member");
        t.add("smismember", -3, "readonly fast", SetCommands::smismember).keys(1, 1, 1).group("set").since("6.2.0")
                .doc("Determines whether multiple members belong to a set.", "O(N) where N is the number of elements being checked for membership", "key member [member ...]");
        t.add("scard", 2, "readonly fast", SetCommands::scard).keys(1, 1, 1).group("set")
                .doc("Returns the number of members in a set.", "O(1)", "key");
        t.add("spop", -2, "write fast", SetCommands::spop).keys(1, 1, 1).group("set").tips("nondeterministic_output")
                .doc("Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.",
                        "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.", "key [count]");
        t.add("srandmember", -2, "readonly", SetCommands::srandmember).keys(1, 1, 1).group("set").tips("nondeterministic_output")
                .doc("Get one or multiple random members from a set",
                        "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.", "key [count]");
        t.add("smove", 4, "write fast", SetCommands::smove).keys(1, 2, 1).group("set")
                .doc("Moves a member from one set to another.", "O(1)", "source destination member");
        t.add("sinter", -2, "readonly", SetCommands::sinter).keys(1, -1, 1).group("set").tips("nondeterministic_output_order")
                .doc("Returns the intersect of multiple sets.",
                        "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.", "key [key ...]");
        t.add("sintercard", -3, "readonly movablekeys", SetCommands::sintercard).keyFinder(a -> ListCommands.numkeysKeys(a, 1))
                .keyNum(1).group("set").since("7.0.0")
                .doc("Returns the number of members of the intersect of multiple sets.",
                        "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.", "numkeys key [key ...] [LIMIT limit]");
        t.add("sinterstore", -3, "write denyoom", SetCommands::sinterstore).keys(1, -1, 1).group("set")
                .doc("Stores the intersect of multiple sets in a key.",
                        "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.", "destination key [key ...]");
        t.add("sunion", -2, "readonly", SetCommands::sunion).keys(1, -1, 1).group("set").tips("nondeterministic_output_order")
                .doc("Returns the union of multiple sets.", "O(N) where N is the total number of elements in all given sets.", "key [key ...]");
        t.add("sunionstore", -3, "write denyoom", SetCommands::sunionstore).keys(1, -1, 1).group("set")
                .doc("Stores the union of multiple sets in a key.", "O(N) where N is the total number of elements in all given sets.", "destination key [key ...]");
        t.add("sdiff", -2, "readonly", SetCommands::sdiff).keys(1, -1, 1).group("set").tips("nondeterministic_output_order")
                .doc("Returns the difference of multiple sets.", "O(N) where N is the total number of elements in all given sets.", "key [key ...]");
        t.add("sdiffstore", -3, "write denyoom", SetCommands::sdiffstore).keys(1, -1, 1).group("set")
                .doc("Stores the difference of multiple sets in a key.", "O(N) where N is the total number of elements in all given sets.", "destination key [key ...]");
        t.add("sscan", -3, "readonly", SetCommands::sscan).keys(1, 1, 1).group("set").since("2.8.0").tips("nondeterministic_output")
                .doc("Iterates over members of a set.",
                        "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
                        "key cursor [MATCH pattern] [COUNT count]");
    }

    static SetValue read(Client c, CommandArgs a, int i) {
        return Values.read(c, a, i, ValueType.SET, SetValue.class);
    }

    static SetValue write(Client c, CommandArgs a, int i) {
        return Values.write(c, a, i, ValueType.SET, SetValue.class);
    }

    /* SADD key member [member ...] */
    static void sadd(Client c, CommandArgs a) {
        SetValue set = write(c, a, 1);
        int hint = a.count() - 2;
        if (set == null) {
            set = SetValue.create(c.server().encodingLimits(), a.bytes(2), hint);
            Values.create(c, a, 1, ValueType.SET, set);
        } else {
            set.prepareFor(hint);
        }
        int added = 0;
        for (int i = 2; i < a.count(); i++) {
            if (set.add(a.bytes(i))) {
                added++;
            }
        }
        if (added > 0) {
            Values.written(c, a, 1, added, KeyspaceEvents.SET, "sadd");
        }
        c.reply().integer(added);
    }

    /* SREM key member [member ...] */
    static void srem(Client c, CommandArgs a) {
        Values.removeMembers(c, a, ValueType.SET, SetValue.class);
    }

    /* SMEMBERS key */
    static void smembers(Client c, CommandArgs a) {
        SetValue set = read(c, a, 1);
        if (set == null) {
            c.reply().set(0);
            return;
        }
        replyMembers(c.reply(), set);
    }

    /** The whole set as a set reply (an array in RESP2), in the set's iteration order. */
    static void replyMembers(Reply r, SetValue set) {
        int n = set.size();
        r.set(n);
        if (set.isIntset()) {
            for (int i = 0; i < n; i++) {
                r.bulkLong(set.intAt(i));
            }
        } else if (set.isListpack()) {
            for (int i = 0; i < n; i++) {
                r.bulk(set.listpackAt(i));
            }
        } else {
            set.forEach(r::bulk);
        }
    }

    /* SISMEMBER key member */
    static void sismember(Client c, CommandArgs a) {
        SetValue set = read(c, a, 1);
        c.reply().integer(set != null && set.contains(a.bytes(2)) ? 1 : 0);
    }

    /* SMISMEMBER key member [member ...] */
    static void smismember(Client c, CommandArgs a) {
        SetValue set = read(c, a, 1);
        Reply r = c.reply();
        r.array(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            r.integer(set != null && set.contains(a.bytes(i)) ? 1 : 0);
        }
    }

    /* SCARD key */
    static void scard(Client c, CommandArgs a) {
        SetValue set = read(c, a, 1);
        c.reply().integer(set == null ? 0 : set.size());
    }

    /* SPOP key [count] */
    static void spop(Client c, CommandArgs a) {
        if (a.count() > 3) {
            throw CommandError.SYNTAX;
        }
        if (a.count() == 3) {
            spopWithCount(c, a);
            return;
        }
        SetValue set = write(c, a, 1);
        if (set == null) {
            c.reply().nullBulk();
            return;
        }
        byte[] member = set.randomMember(ThreadLocalRandom.current());
        set.remove(member);
        Values.written(c, a, 1, 1, KeyspaceEvents.SET, "spop");
        c.reply().bulk(member);
        Server server = c.server();
        server.propagate(c.dbIndex(), SREM, a.bytes(1), member);
        server.dispatcher().propagationHandled();
    }

    private static void spopWithCount(Client c, CommandArgs a) {
        long count = Arguments.longArg(a, 2, ListCommands.MUST_BE_POSITIVE);
        if (count < 0) {
            throw ListCommands.MUST_BE_POSITIVE;
        }
        SetValue set = write(c, a, 1);
        Reply r = c.reply();
        if (set == null || count == 0) {
            r.set(0);
            return;
        }
        Server server = c.server();
        int size = set.size();
        if (count >= size) {
            // The whole set, in the order a union of it alone would give, and the key goes: propagated as DEL.
            SetValue all = union(c.server().encodingLimits(), new SetValue[] {set});
            replyMembers(r, all);
            set.replaceWith(SetValue.empty(c.server().encodingLimits()));
            Values.written(c, a, 1, size, KeyspaceEvents.SET, "spop");
            server.propagate(c.dbIndex(), DEL, a.bytes(1));
            server.dispatcher().propagationHandled();
            return;
        }
        int n = (int) count;
        int remaining = size - n;
        byte[][] members = set.toArray();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        boolean[] popped = new boolean[size];
        byte[][] out = new byte[n][];
        if ((long) remaining * SPOP_MOVE_STRATEGY_MUL > n) {
            pickDistinct(rnd, size, n, popped);
            int k = 0;
            for (int i = 0; i < size; i++) {
                if (popped[i]) {
                    out[k++] = members[i];
                    set.remove(members[i]);
                }
            }
        } else {
            // Few members stay: Redis builds a new set of them (a listpack unless the old one was an intset).
            boolean[] kept = new boolean[size];
            pickDistinct(rnd, size, remaining, kept);
            EncodingLimits limits = c.server().encodingLimits();
            SetValue rest = set.isIntset() ? SetValue.empty(limits) : SetValue.emptyListpack(limits);
            int k = 0;
            for (int i = 0; i < size; i++) {
                if (kept[i]) {
                    rest.add(members[i]);
                } else {
                    out[k++] = members[i];
                }
            }
            set.replaceWith(rest);
        }
        r.set(n);
        for (byte[] m : out) {
            r.bulk(m);
        }
        Values.written(c, a, 1, n, KeyspaceEvents.SET, "spop");
        byte[] key = a.bytes(1);
        for (int from = 0; from < n; from += SPOP_PROPAGATION_BATCH) {
            int batch = Math.min(SPOP_PROPAGATION_BATCH, n - from);
            byte[][] parts = new byte[2 + batch][];
            parts[0] = SREM;
            parts[1] = key;
            System.arraycopy(out, from, parts, 2, batch);
            server.propagate(c.dbIndex(), parts);
        }
        server.dispatcher().propagationHandled();
    }

    /** Marks {@code k} distinct random positions of {@code 0..size-1} in {@code chosen}. */
    private static void pickDistinct(ThreadLocalRandom rnd, int size, int k, boolean[] chosen) {
        if (k * 2L <= size) {
            for (int picked = 0; picked < k; ) {
                int i = rnd.nextInt(size);
                if (!chosen[i]) {
                    chosen[i] = true;
                    picked++;
                }
            }
        } else {
            Arrays.fill(chosen, true);
            for (int dropped = 0; dropped < size - k; ) {
                int i = rnd.nextInt(size);
                if (chosen[i]) {
                    chosen[i] = false;
                    dropped++;
                }
            }
        }
    }

    /* SRANDMEMBER key [count] */
    static void srandmember(Client c, CommandArgs a) {
        if (a.count() > 3) {
            throw CommandError.SYNTAX;
        }
        Reply r = c.reply();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (a.count() == 2) {
            SetValue set = read(c, a, 1);
            if (set == null) {
                r.nullBulk();
            } else {
                r.bulk(set.randomMember(rnd));
            }
            return;
        }
        long l = Arguments.longArg(a, 2);
        if (l == Long.MIN_VALUE) {
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        }
        boolean unique = l >= 0;
        long count = Math.abs(l);
        SetValue set = read(c, a, 1);
        if (set == null || count == 0) {
            r.array(0);
            return;
        }
        int size = set.size();
        if (!unique || count == 1) {
            if (count > Integer.MAX_VALUE - 16) {
                throw new CommandError("ERR value is out of range");
            }
            r.array((int) count);
            for (long i = 0; i < count; i++) {
                r.bulk(set.randomMember(rnd));
            }
            return;
        }
        if (count >= size) {
            replyMembersAsArray(r, set);
            return;
        }
        int n = (int) count;
        boolean[] chosen = new boolean[size];
        pickDistinct(rnd, size, n, chosen);
        byte[][] members = set.toArray();
        byte[][] out = new byte[n][];
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (chosen[i]) {
                out[k++] = members[i];
            }
        }
        if (!set.isListpack()) {
            // Redis returns a listpack's sample in its order, the others' in a scrambled order.
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                byte[] t = out[i];
                out[i] = out[j];
                out[j] = t;
            }
        }
        r.array(n);
        for (byte[] m : out) {
            r.bulk(m);
        }
    }

    private static void replyMembersAsArray(Reply r, SetValue set) {
        r.array(set.size());
        set.forEach(r::bulk);
    }

    /* SMOVE source destination member */
    static void smove(Client c, CommandArgs a) {
        SetValue source = write(c, a, 1);
        Reply r = c.reply();
        if (source == null) {
            r.integer(0);
            return;
        }
        SetValue destination = write(c, a, 2);
        byte[] member = a.bytes(3);
        if (source == destination) {
            r.integer(source.contains(member) ? 1 : 0);
            return;
        }
        if (!source.remove(member)) {
            r.integer(0);
            return;
        }
        Values.written(c, a, 1, 1, KeyspaceEvents.SET, "srem");
        if (destination == null) {
            destination = SetValue.create(c.server().encodingLimits(), member, 1);
            Values.create(c, a, 2, ValueType.SET, destination);
        }
        if (destination.add(member)) {
            Values.written(c, a, 2, 1, KeyspaceEvents.SET, "sadd");
        }
        r.integer(1);
    }

    // ------------------------------------------------------------------ intersections

    /* SINTER key [key ...] */
    static void sinter(Client c, CommandArgs a) {
        intersect(c, a, 1, a.count() - 1, -1, false, 0);
    }

    /* SINTERCARD numkeys key [key ...] [LIMIT limit] */
    static void sintercard(Client c, CommandArgs a) {
        CommandError numkeysError = new CommandError("ERR numkeys should be greater than 0");
        long numkeys = Arguments.longArg(a, 1, numkeysError);
        if (numkeys < 1) {
            throw numkeysError;
        }
        if (numkeys > a.count() - 2) {
            throw new CommandError("ERR Number of keys can't be greater than number of args");
        }
        long limit = 0;
        for (int i = 2 + (int) numkeys; i < a.count(); i++) {
            if (a.is(i, "LIMIT") && i + 1 < a.count()) {
                CommandError limitError = new CommandError("ERR LIMIT can't be negative");
                limit = Arguments.longArg(a, ++i, limitError);
                if (limit < 0) {
                    throw limitError;
                }
            } else {
                throw CommandError.SYNTAX;
            }
        }
        intersect(c, a, 2, (int) numkeys, -1, true, limit);
    }

    /* SINTERSTORE destination key [key ...] */
    static void sinterstore(Client c, CommandArgs a) {
        intersect(c, a, 2, a.count() - 2, 1, false, 0);
    }

    /**
     * SINTER, SINTERCARD and SINTERSTORE: walks the smallest set testing each member against the others.
     * Keys are arguments {@code first..first+n-1}; {@code destination} is the key argument to store into, or -1.
     */
    private static void intersect(Client c, CommandArgs a, int first, int n, int destination, boolean cardinalityOnly, long limit) {
        SetValue[] sets = new SetValue[n];
        boolean empty = false;
        for (int j = 0; j < n; j++) {
            sets[j] = read(c, a, first + j);
            empty |= sets[j] == null;
        }
        Reply r = c.reply();
        if (empty) {
            if (destination >= 0) {
                deleteKey(c, a, destination);
                r.integer(0);
            } else if (cardinalityOnly) {
                r.integer(0);
            } else {
                r.set(0);
            }
            return;
        }
        Arrays.sort(sets, Comparator.comparingInt(SetValue::size));
        SetValue smallest = sets[0];
        byte[][] candidates = smallest.toArray();
        EncodingLimits limits = c.server().encodingLimits();
        SetValue result = null;
        if (destination >= 0) {
            // Redis starts the result as an intset or a listpack after the smallest set's encoding.
            result = smallest.isIntset() ? SetValue.empty(limits) : SetValue.emptyListpack(limits);
        }
        List<byte[]> found = new ArrayList<>();
        boolean onlyIntegers = true;
        long cardinality = 0;
        for (byte[] m : candidates) {
            int j = 1;
            for (; j < n; j++) {
                if (sets[j] != smallest && !sets[j].contains(m)) {
                    break;
                }
            }
            if (j < n) {
                continue;
            }
            cardinality++;
            if (cardinalityOnly) {
                if (limit > 0 && cardinality >= limit) {
                    break;
                }
            } else if (result != null) {
                onlyIntegers &= SetValue.isCanonicalLong(m);
                result.add(m);
            } else {
                found.add(m);
            }
        }
        if (cardinalityOnly) {
            r.integer(cardinality);
        } else if (result != null) {
            store(c, a, destination, result, onlyIntegers);
        } else {
            r.set(found.size());
            for (byte[] m : found) {
                r.bulk(m);
            }
        }
    }

    /** Stores a computed set into the destination, replacing it, or deletes it when the set is empty. */
    private static void store(Client c, CommandArgs a, int destination, SetValue result, boolean onlyIntegers) {
        int size = result.size();
        if (size == 0) {
            deleteKey(c, a, destination);
            c.reply().integer(0);
            return;
        }
        if (onlyIntegers) {
            result.convertToIntsetIfAllowed();
        }
        Values.create(c, a, destination, ValueType.SET, result);
        Values.written(c, a, destination, 1, KeyspaceEvents.SET, a.is(0, "SINTERSTORE") ? "sinterstore" : a.is(0, "SUNIONSTORE") ? "sunionstore" : "sdiffstore");
        c.reply().integer(size);
    }

    private static void deleteKey(Client c, CommandArgs a, int i) {
        long ref = c.server().lookupWrite(c, a, i);
        if (ref != Database.NONE) {
            c.db().delete(ref);
            c.server().keyModified(c.dbIndex(), a.buf(), a.offset(i), a.length(i));
            c.server().events().notify(KeyspaceEvents.GENERIC, "del", c, a, i);
            c.server().addDirty(1);
        }
    }

    // ------------------------------------------------------------------ unions and differences

    /* SUNION key [key ...] */
    static void sunion(Client c, CommandArgs a) {
        unionOrDiff(c, a, 1, -1, false);
    }

    /* SUNIONSTORE destination key [key ...] */
    static void sunionstore(Client c, CommandArgs a) {
        unionOrDiff(c, a, 2, 1, false);
    }

    /* SDIFF key [key ...] */
    static void sdiff(Client c, CommandArgs a) {
        unionOrDiff(c, a, 1, -1, true);
    }

    /* SDIFFSTORE destination key [key ...] */
    static void sdiffstore(Client c, CommandArgs a) {
        unionOrDiff(c, a, 2, 1, true);
    }

    private static void unionOrDiff(Client c, CommandArgs a, int first, int destination, boolean diff) {
        int n = a.count() - first;
        SetValue[] sets = new SetValue[n];
        for (int j = 0; j < n; j++) {
            sets[j] = read(c, a, first + j);
        }
        EncodingLimits limits = c.server().encodingLimits();
        SetValue result = diff ? difference(limits, sets) : union(limits, sets);
        if (destination >= 0) {
            store(c, a, destination, result, false);
        } else {
            replyMembers(c.reply(), result);
        }
    }

    /** The union, built into a fresh intset as Redis does (so the result's encoding follows its members). */
    static SetValue union(EncodingLimits limits, SetValue[] sets) {
        SetValue result = SetValue.empty(limits);
        for (SetValue s : sets) {
            if (s != null) {
                for (byte[] m : s.toArray()) {
                    result.add(m);
                }
            }
        }
        return result;
    }

    /**
     * The difference, with Redis's choice between testing each member of the first set against the others
     * and adding the first set then removing the others': the choice decides the result's encoding.
     */
    static SetValue difference(EncodingLimits limits, SetValue[] sets) {
        SetValue result = SetValue.empty(limits);
        SetValue head = sets[0];
        if (head == null) {
            return result;
        }
        for (int j = 1; j < sets.length; j++) {
            if (sets[j] == head) {
                return result;
            }
        }
        long testEach = 0;
        long addThenRemove = 0;
        for (SetValue s : sets) {
            if (s != null) {
                testEach += head.size();
                addThenRemove += s.size();
            }
        }
        if (testEach / 2 <= addThenRemove) {
            for (byte[] m : head.toArray()) {
                boolean elsewhere = false;
                for (int j = 1; j < sets.length && !elsewhere; j++) {
                    elsewhere = sets[j] != null && sets[j].contains(m);
                }
                if (!elsewhere) {
                    result.add(m);
                }
            }
        } else {
            for (byte[] m : head.toArray()) {
                result.add(m);
            }
            for (int j = 1; j < sets.length && result.size() > 0; j++) {
                if (sets[j] != null) {
                    for (byte[] m : sets[j].toArray()) {
                        result.remove(m);
                    }
                }
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ scan

    /* SSCAN key cursor [MATCH pattern] [COUNT count] */
    static void sscan(Client c, CommandArgs a) {
        long cursor = KeyCommands.parseCursor(a, 2);
        SetValue set = read(c, a, 1);
        Reply r = c.reply();
        if (set == null) {
            ScanOptions.replyMissingKey(r);
            return;
        }
        ScanOptions options = ScanOptions.parse(a, 3);
        long count = options.count();
        byte[] pattern = options.pattern();
        List<byte[]> found = new ArrayList<>();
        if (set.isHashtable()) {
            long budget = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
            do {
                cursor = set.scanStep(cursor, found::add);
            } while (cursor != 0 && budget-- > 0 && found.size() < count);
        } else {
            // Small encodings come whole in one reply, as in Redis.
            found.addAll(Arrays.asList(set.toArray()));
            cursor = 0;
        }
        int live = 0;
        for (byte[] m : found) {
            if (pattern == null || Glob.matches(pattern, m, false)) {
                found.set(live++, m);
            }
        }
        r.array(2);
        r.bulk(Long.toUnsignedString(cursor));
        r.array(live);
        for (int i = 0; i < live; i++) {
            r.bulk(found.get(i));
        }
    }
}
