package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.KeyspaceEvents;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;
import io.redoubt.server.types.ListValue;
import io.redoubt.server.types.Values;
import io.redoubt.store.ValueType;

/** List commands (Redis's t_list.c); the blocking ones are in {@link BlockingListCommands}. */
public final class ListCommands {
    static final CommandError MUST_BE_POSITIVE = new CommandError("ERR value is out of range, must be positive");

    private ListCommands() {
    }

    public static void register(CommandTable t) {
        t.add("lpush", -3, "write denyoom fast", (c, a) -> push(c, a, true, false)).keys(1, 1, 1).group("list")
                .doc("Prepends one or more elements to a list. Creates the key if it doesn't exist.",
                        "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", "key element [element ...]");
        t.add("rpush", -3, "write denyoom fast", (c, a) -> push(c, a, false, false)).keys(1, 1, 1).group("list")
                .doc("Appends one or more elements to a list. Creates the key if it doesn't exist.",
                        "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", "key element [element ...]");
        t.add("lpushx", -3, "write denyoom fast", (c, a) -> push(c, a, true, true)).keys(1, 1, 1).group("list").since("2.2.0")
                .doc("Prepends one or more elements to a list only when the list exists.",
                        "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", "key element [element ...]");
        t.add("rpushx", -3, "write denyoom fast", (c, a) -> push(c, a, false, true)).keys(1, 1, 1).group("list").since("2.2.0")
                .doc("Appends an element to a list only when the list exists.",
                        "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", "key element [element ...]");
        t.add("lpop", -2, "write fast", (c, a) -> pop(c, a, true)).keys(1, 1, 1).group("list")
                .doc("Returns the first elements in a list after removing it. Deletes the list if the last element was popped.",
                        "O(N) where N is the number of elements returned", "key [count]");
        t.add("rpop", -2, "write fast", (c, a) -> pop(c, a, false)).keys(1, 1, 1).group("list")
                .doc("Returns and removes the last elements of a list. Deletes the list if the last element was popped.",
                        "O(N) where N is the number of elements returned", "key [count]");
        t.add("llen", 2, "readonly fast", ListCommands::llen).keys(1, 1, 1).group("list")
                .doc("Returns the length of a list.", "O(1)", "key");
        t.add("lindex", 3, "readonly", ListCommands::lindex).keys(1, 1, 1).group("list")
                .doc("Returns an element from a list by its index.", "O(1)", "key index");
        t.add("lset", 4, "write denyoom", ListCommands::lset).keys(1, 1, 1).group("list")
                .doc("Sets the value of an element in a list by its index.", "O(1)", "key index element");
        t.add("lrange", 4, "readonly", ListCommands::lrange).keys(1, 1, 1).group("list")
                .doc("Returns a range of elements from a list.", "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.", "key start stop");
        t.add("ltrim", 4, "write", ListCommands::ltrim).keys(1, 1, 1).group("list")
                .doc("Removes elements from both ends a list. Deletes the list if all elements were trimmed.", "O(N) where N is the number of elements to be removed by the operation.", "key start stop");
        t.add("lrem", 4, "write", ListCommands::lrem).keys(1, 1, 1).group("list")
                .doc("Removes elements from a list. Deletes the list if the last element was removed.", "O(N+M) where N is the length of the list and M is the number of elements removed.", "key count element");
        t.add("linsert", 5, "write denyoom", ListCommands::linsert).keys(1, 1, 1).group("list").since("2.2.0")
                .doc("Inserts an element before or after another element in a list.", "O(N) where N is the number of elements to traverse before seeing the value pivot.", "key <BEFORE | AFTER> pivot element");
        t.add("lpos", -3, "readonly", ListCommands::lpos).keys(1, 1, 1).group("list").since("6.0.6")
                .doc("Returns the index of matching elements in a list.", "O(N) where N is the number of elements in the list, for the average case.", "key element [RANK rank] [COUNT num-matches] [MAXLEN len]");
        t.add("lmove", 5, "write denyoom", ListCommands::lmove).keys(1, 2, 1).group("list").since("6.2.0")
                .doc("Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.", "O(1)", "source destination <LEFT | RIGHT> <LEFT | RIGHT>");
        t.add("rpoplpush", 3, "write denyoom", ListCommands::rpoplpush).keys(1, 2, 1).group("list").since("1.2.0")
                .doc("Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.", "O(1)", "source destination");
        t.add("lmpop", -4, "write movablekeys", ListCommands::lmpop).keyFinder(a -> numkeysKeys(a, 1)).group("list").since("7.0.0")
                .doc("Returns multiple elements from a list after removing them. Deletes the list if the last element was popped.", "O(N+M) where N is the number of provided keys and M is the number of elements returned.", "numkeys key [key ...] <LEFT | RIGHT> [COUNT count]");
        BlockingListCommands.register(t);
    }

    /** Key argument indexes of commands shaped {@code numkeys key [key ...]} with numkeys at {@code at}. */
    static int[] numkeysKeys(CommandArgs a, int at) {
        long n;
        try {
            n = a.parseLong(at);
        } catch (RuntimeException e) {
            return new int[0];
        }
        if (n <= 0 || n > a.count() - at - 1) {
            return new int[0];
        }
        int[] keys = new int[(int) n];
        for (int i = 0; i < n; i++) {
            keys[i] = at + 1 + i;
        }
        return keys;
    }

    static ListValue read(Client c, CommandArgs a, int i) {
        return Values.read(c, a, i, ValueType.LIST, ListValue.class);
    }

    static ListValue write(Client c, CommandArgs a, int i) {
        return Values.write(c, a, i, ValueType.LIST, ListValue.class);
    }

    /* LPUSH key element [element ...], RPUSH…, LPUSHX…, RPUSHX… */
    static void push(Client c, CommandArgs a, boolean left, boolean onlyIfExists) {
        ListValue list = write(c, a, 1);
        if (list == null) {
            if (onlyIfExists) {
                c.reply().integer(0);
                return;
            }
            list = ListValue.empty(c.server().encodingLimits());
            Values.create(c, a, 1, ValueType.LIST, list);
        }
        for (int i = 2; i < a.count(); i++) {
            if (left) {
                list.addFirst(a.bytes(i));
            } else {
                list.addLast(a.bytes(i));
            }
        }
        int size = list.size();
        Values.written(c, a, 1, a.count() - 2, KeyspaceEvents.LIST, left ? "lpush" : "rpush");
        c.reply().integer(size);
    }

    /* LPOP key [count], RPOP key [count] */
    static void pop(Client c, CommandArgs a, boolean left) {
        if (a.count() > 3) {
            throw new CommandError("ERR wrong number of arguments for '" + (left ? "lpop" : "rpop") + "' command");
        }
        long count = -1;
        if (a.count() == 3) {
            count = Arguments.longArg(a, 2, MUST_BE_POSITIVE);
            if (count < 0) {
                throw MUST_BE_POSITIVE;
            }
        }
        ListValue list = write(c, a, 1);
        Reply r = c.reply();
        if (list == null) {
            if (count >= 0) {
                r.nullArray();
            } else {
                r.nullBulk();
            }
            return;
        }
        if (count < 0) {
            r.bulk(left ? list.removeFirst() : list.removeLast());
            Values.written(c, a, 1, 1, KeyspaceEvents.LIST, left ? "lpop" : "rpop");
            return;
        }
        int n = (int) Math.min(count, list.size());
        r.array(n);
        for (int i = 0; i < n; i++) {
            r.bulk(left ? list.removeFirst() : list.removeLast());
        }
        if (n > 0) {
            Values.written(c, a, 1, n, KeyspaceEvents.LIST, left ? "lpop" : "rpop");
        }
    }

    /* LLEN key */
    static void llen(Client c, CommandArgs a) {
        ListValue list = read(c, a, 1);
        c.reply().integer(list == null ? 0 : list.size());
    }

    /* LINDEX key index */
    static void lindex(Client c, CommandArgs a) {
        long index = Arguments.longArg(a, 2);
        ListValue list = read(c, a, 1);
        if (list == null) {
            c.reply().nullBulk();
            return;
        }
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            c.reply().nullBulk();
        } else {
            c.reply().bulk(list.get((int) index));
        }
    }

    /* LSET key index element */
    static void lset(Client c, CommandArgs a) {
        long index = Arguments.longArg(a, 2);
        ListValue list = write(c, a, 1);
        if (list == null) {
            throw CommandError.NO_SUCH_KEY;
        }
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            throw CommandError.OUT_OF_RANGE;
        }
        list.set((int) index, a.bytes(3));
        Values.written(c, a, 1, 1, KeyspaceEvents.LIST, "lset");
        c.reply().ok();
    }

    /* LRANGE key start stop */
    static void lrange(Client c, CommandArgs a) {
        long start = Arguments.longArg(a, 2);
        long end = Arguments.longArg(a, 3);
        ListValue list = read(c, a, 1);
        Reply r = c.reply();
        if (list == null) {
            r.array(0);
            return;
        }
        long range = clampRange(start, end, list.size());
        if (range < 0) {
            r.array(0);
            return;
        }
        int first = (int) (range >>> 32);
        int last = (int) range;
        r.array(last - first + 1);
        for (int i = first; i <= last; i++) {
            r.bulk(list.get(i));
        }
    }

    /**
     * Redis's range rule for LRANGE and LTRIM: negative indexes count from the end, then both are clamped
     * to the list. Returns {@code first << 32 | last}, or -1 when the range is empty.
     */
    static long clampRange(long start, long end, int size) {
        if (start < 0) {
            start = Math.max(0, size + start);
        }
        if (end < 0) {
            end = size + end;
        }
        if (end >= size) {
            end = size - 1;
        }
        if (start > end || start >= size) {
            return -1;
        }
        return start << 32 | end;
    }

    /* LTRIM key start stop */
    static void ltrim(Client c, CommandArgs a) {
        long start = Arguments.longArg(a, 2);
        long end = Arguments.longArg(a, 3);
        ListValue list = write(c, a, 1);
        if (list == null) {
            c.reply().ok();
            return;
        }
        long range = clampRange(start, end, list.size());
        if (range < 0) {
            list.removeIf(i -> true);
        } else {
            list.trim((int) (range >>> 32), (int) range);
        }
        Values.written(c, a, 1, 1, KeyspaceEvents.LIST, "ltrim");
        c.reply().ok();
    }

    /* LREM key count element */
    static void lrem(Client c, CommandArgs a) {
        long count = Arguments.longArg(a, 2);
        byte[] element = a.bytes(3);
        ListValue list = write(c, a, 1);
        if (list == null) {
            c.reply().integer(0);
            return;
        }
        int size = list.size();
        boolean[] remove = new boolean[size];
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        long found = 0;
        if (count >= 0) {
            for (int i = 0; i < size && found < limit; i++) {
                if (java.util.Arrays.equals(list.get(i), element)) {
                    remove[i] = true;
                    found++;
                }
            }
        } else {
            for (int i = size - 1; i >= 0 && found < limit; i--) {
                if (java.util.Arrays.equals(list.get(i), element)) {
                    remove[i] = true;
                    found++;
                }
            }
        }
        int removed = found == 0 ? 0 : list.removeIf(i -> remove[i]);
        if (removed > 0) {
            Values.written(c, a, 1, removed, KeyspaceEvents.LIST, "lrem");
        }
        c.reply().integer(removed);
    }

    /* LINSERT key <BEFORE | AFTER> pivot element */
    static void linsert(Client c, CommandArgs a) {
        boolean after;
        if (a.is(2, "AFTER")) {
            after = true;
        } else if (a.is(2, "BEFORE")) {
            after = false;
        } else {
            throw CommandError.SYNTAX;
        }
        ListValue list = write(c, a, 1);
        if (list == null) {
            c.reply().integer(0);
            return;
        }
        byte[] pivot = a.bytes(3);
        for (int i = 0; i < list.size(); i++) {
            if (java.util.Arrays.equals(list.get(i), pivot)) {
                list.insert(after ? i + 1 : i, a.bytes(4));
                int size = list.size();
                Values.written(c, a, 1, 1, KeyspaceEvents.LIST, "linsert");
                c.reply().integer(size);
                return;
            }
        }
        c.reply().integer(-1);
    }

    /* LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len] */
    static void lpos(Client c, CommandArgs a) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int i = 3; i < a.count(); i++) {
            boolean hasNext = i + 1 < a.count();
            if (a.is(i, "RANK") && hasNext) {
                rank = Arguments.longArg(a, ++i);
                if (rank == 0) {
                    throw new CommandError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
                }
                if (rank == Long.MIN_VALUE) {
                    throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
                }
            } else if (a.is(i, "COUNT") && hasNext) {
                count = Arguments.longArg(a, ++i);
                if (count < 0) {
                    throw new CommandError("ERR COUNT can't be negative");
                }
            } else if (a.is(i, "MAXLEN") && hasNext) {
                maxlen = Arguments.longArg(a, ++i);
                if (maxlen < 0) {
                    throw new CommandError("ERR MAXLEN can't be negative");
                }
            } else {
                throw CommandError.SYNTAX;
            }
        }
        ListValue list = read(c, a, 1);
        Reply r = c.reply();
        if (list == null) {
            if (count >= 0) {
                r.array(0);
            } else {
                r.nullBulk();
            }
            return;
        }
        byte[] element = a.bytes(2);
        int size = list.size();
        long wanted = count == 0 ? Long.MAX_VALUE : (count < 0 ? 1 : count);
        long skip = Math.abs(rank) - 1;
        boolean fromTail = rank < 0;
        java.util.List<Integer> matches = new java.util.ArrayList<>();
        long scanned = 0;
        for (int k = 0; k < size && matches.size() < wanted; k++) {
            if (maxlen > 0 && scanned >= maxlen) {
                break;
            }
            scanned++;
            int i = fromTail ? size - 1 - k : k;
            if (java.util.Arrays.equals(list.get(i), element)) {
                if (skip > 0) {
                    skip--;
                } else {
                    matches.add(i);
                }
            }
        }
        if (count < 0) {
            if (matches.isEmpty()) {
                r.nullBulk();
            } else {
                r.integer(matches.get(0));
            }
            return;
        }
        r.array(matches.size());
        for (int m : matches) {
            r.integer(m);
        }
    }

    /* LMOVE source destination <LEFT | RIGHT> <LEFT | RIGHT> */
    static void lmove(Client c, CommandArgs a) {
        boolean fromLeft = side(a, 3);
        boolean toLeft = side(a, 4);
        byte[] moved = move(c, a, fromLeft, toLeft);
        if (moved == null) {
            c.reply().nullBulk();
        } else {
            c.reply().bulk(moved);
        }
    }

    /* RPOPLPUSH source destination */
    static void rpoplpush(Client c, CommandArgs a) {
        byte[] moved = move(c, a, false, true);
        if (moved == null) {
            c.reply().nullBulk();
        } else {
            c.reply().bulk(moved);
        }
    }

    static boolean side(CommandArgs a, int i) {
        if (a.is(i, "LEFT")) {
            return true;
        }
        if (a.is(i, "RIGHT")) {
            return false;
        }
        throw CommandError.SYNTAX;
    }

    /** Pops from list argument 1 and pushes onto list argument 2; null when the source is empty. */
    static byte[] move(Client c, CommandArgs a, boolean fromLeft, boolean toLeft) {
        ListValue source = write(c, a, 1);
        if (source == null) {
            return null;
        }
        ListValue destination = write(c, a, 2);
        byte[] e = fromLeft ? source.removeFirst() : source.removeLast();
        if (destination == null) {
            destination = ListValue.empty(c.server().encodingLimits());
            Values.create(c, a, 2, ValueType.LIST, destination);
        }
        if (toLeft) {
            destination.addFirst(e);
        } else {
            destination.addLast(e);
        }
        // One change for the move, as Redis counts LMOVE; Redis notifies the push before the pop.
        Values.written(c, a, 2, 0, KeyspaceEvents.LIST, toLeft ? "lpush" : "rpush");
        Values.written(c, a, 1, 1, KeyspaceEvents.LIST, fromLeft ? "lpop" : "rpop");
        return e;
    }

    /* LMPOP numkeys key [key ...] <LEFT | RIGHT> [COUNT count] */
    static void lmpop(Client c, CommandArgs a) {
        if (!mpop(c, a, MpopOptions.parse(a, 1, "LEFT", "RIGHT"))) {
            c.reply().nullArray();
        }
    }

    /**
     * The shared part of LMPOP and BLMPOP: parses {@code numkeys key... LEFT|RIGHT [COUNT n]} from
     * {@code at}; pops from the first non-empty list and replies; returns false when all were empty (then
     * nothing is replied).
     */
    static boolean mpop(Client c, CommandArgs a, MpopOptions o) {
        boolean left = !o.secondEnd;
        long count = o.count;
        for (int k = 0; k < o.numkeys; k++) {
            int keyArg = o.firstKey + k;
            ListValue list = write(c, a, keyArg);
            if (list == null) {
                continue;
            }
            int n = (int) Math.min(count, list.size());
            Reply r = c.reply();
            r.array(2);
            r.bulk(a.buf(), a.offset(keyArg), a.length(keyArg));
            r.array(n);
            for (int i = 0; i < n; i++) {
                r.bulk(left ? list.removeFirst() : list.removeLast());
            }
            Values.written(c, a, keyArg, n, KeyspaceEvents.LIST, left ? "lpop" : "rpop");
            c.server().propagate(c.dbIndex(), (left ? "LPOP" : "RPOP").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    a.bytes(keyArg), Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            c.server().dispatcher().propagationHandled();
            return true;
        }
        return false;
    }
}
