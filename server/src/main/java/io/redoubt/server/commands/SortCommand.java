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
import io.redoubt.server.types.ListValue;
import io.redoubt.server.types.SetValue;
import io.redoubt.server.types.Values;
import io.redoubt.server.types.ZSetValue;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** SORT and SORT_RO, following Redis's sort.c step by step (parsing, LIMIT clamping, BY/GET look-ups). */
public final class SortCommand {
    private SortCommand() {
    }

    private static final String BY_GET_NOTE = "For the optional BY/GET keyword. It is marked 'unknown' because the key"
            + " names derive from the content of the key we sort";
    private static final String STORE_NOTE = "For the optional STORE keyword. It is marked 'unknown' because the"
            + " keyword can appear anywhere in the argument array";

    public static void register(CommandTable t) {
        String syntax = "key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA]";
        t.add("sort", -2, "write denyoom movablekeys", (c, a) -> sort(c, a, false)).keys(1, 1, 1)
                .keyFinder(SortCommand::keys).group("generic").acl("@set @sortedset @list @dangerous -@keyspace")
                .keySpecFlags("RO access | RO access | OW update").keySpecNotes("", BY_GET_NOTE, STORE_NOTE)
                .since("1.0.0")
                .doc("Sorts the elements in a list, a set, or a sorted set, optionally storing the result.",
                        "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).",
                        syntax + " [STORE destination]");
        t.add("sort_ro", -2, "readonly movablekeys", (c, a) -> sort(c, a, true)).keys(1, 1, 1)
                .keyFinder(a -> new int[] {1}).group("generic").acl("@set @sortedset @list @dangerous -@keyspace")
                .keySpecFlags("RO access | RO access").keySpecNotes("", BY_GET_NOTE).since("7.0.0")
                .doc("Returns the sorted elements of a list, a set, or a sorted set.",
                        "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).",
                        syntax);
    }

    /** The sorted key, and the STORE destination wherever it appears (as Redis's sortGetKeys). */
    private static int[] keys(CommandArgs a) {
        int[] out = {1, -1};
        int n = 1;
        for (int i = 2; i < a.count(); i++) {
            String arg = a.string(i).toLowerCase(java.util.Locale.ROOT);
            int skip = switch (arg) {
                case "limit" -> 2;
                case "get", "by" -> 1;
                case "store" -> {
                    if (i + 1 < a.count()) {
                        // The last STORE wins, as in the command itself.
                        out[1] = i + 1;
                        n = 2;
                    }
                    yield 1;
                }
                default -> 0;
            };
            i += skip;
        }
        return n == 1 ? new int[] {1} : out;
    }

    /** One element with what it sorts by: a score, or (ALPHA BY) the looked-up bytes, null when missing. */
    private static final class Item {
        final byte[] element;
        double score;
        byte[] by;

        Item(byte[] element) {
            this.element = element;
        }
    }

    // SORT key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA] [STORE destination]
    // SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA]
    static void sort(Client c, CommandArgs a, boolean readonly) {
        boolean desc = false;
        boolean alpha = false;
        boolean dontSort = false;
        long limitStart = 0;
        long limitCount = -1;
        int storeIndex = -1;
        byte[] sortBy = null;
        List<byte[]> gets = new ArrayList<>();
        int argc = a.count();
        for (int j = 2; j < argc; j++) {
            int left = argc - j - 1;
            String arg = a.string(j).toLowerCase(java.util.Locale.ROOT);
            if (arg.equals("asc")) {
                desc = false;
            } else if (arg.equals("desc")) {
                desc = true;
            } else if (arg.equals("alpha")) {
                alpha = true;
            } else if (arg.equals("limit") && left >= 2) {
                limitStart = Arguments.longArg(a, j + 1);
                limitCount = Arguments.longArg(a, j + 2);
                j += 2;
            } else if (arg.equals("store") && left >= 1 && !readonly) {
                storeIndex = j + 1;
                j++;
            } else if (arg.equals("by") && left >= 1) {
                sortBy = a.bytes(j + 1);
                // A BY pattern without '*' names no per-element key: Redis then skips sorting, and keeps
                // skipping even if a later BY has a pattern.
                if (indexOf(sortBy, (byte) '*', 0) < 0) {
                    dontSort = true;
                }
                j++;
            } else if (arg.equals("get") && left >= 1) {
                gets.add(a.bytes(j + 1));
                j++;
            } else {
                throw CommandError.SYNTAX;
            }
        }

        Database db = c.db();
        long ref = c.server().lookupRead(c, a, 1);
        Object value = null;
        int type = -1;
        if (ref != Database.NONE) {
            type = db.type(ref);
            if (type != ValueType.LIST && type != ValueType.SET && type != ValueType.ZSET) {
                throw CommandError.WRONGTYPE;
            }
            value = db.object(ref);
        }
        // An unsorted set would be stored in its hash order, which replicas need not share: Redis sorts it.
        if (dontSort && type == ValueType.SET && storeIndex >= 0) {
            dontSort = false;
            alpha = true;
            sortBy = null;
        }
        int length = value == null ? 0 : value instanceof ListValue l ? l.size()
                : value instanceof SetValue s ? s.size() : ((ZSetValue) value).size();

        long start = Math.min(Math.max(limitStart, 0), length);
        long count = Math.min(Math.max(limitCount, -1), length);
        long end = count < 0 ? length : start + count - 1;
        if (start >= length) {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length) {
            end = length - 1;
        }

        Item[] items;
        if (dontSort && (type == ValueType.LIST || type == ValueType.ZSET)) {
            // The native order (reversed for DESC), limited to the range directly.
            int n = end >= start ? (int) (end - start + 1) : 0;
            items = new Item[n];
            if (value instanceof ListValue l) {
                for (int k = 0; k < n; k++) {
                    int idx = desc ? (int) (length - start - 1 - k) : (int) (start + k);
                    items[k] = new Item(l.get(idx));
                }
            } else if (n > 0) {
                ZSetValue.Cursor cur = ((ZSetValue) value).cursor(desc ? length - start - 1 : start, desc);
                for (int k = 0; k < n && cur.valid(); k++, cur.next()) {
                    items[k] = new Item(cur.member());
                }
            }
            if (n > 0) {
                end -= start;
                start = 0;
            }
        } else {
            items = new Item[length];
            if (value instanceof ListValue l) {
                for (int k = 0; k < length; k++) {
                    items[k] = new Item(l.get(k));
                }
            } else if (value instanceof SetValue s) {
                byte[][] members = s.toArray();
                for (int k = 0; k < length; k++) {
                    items[k] = new Item(members[k]);
                }
            } else if (value instanceof ZSetValue z) {
                int[] k = {0};
                z.forEachAscending((m, score) -> items[k[0]++] = new Item(m));
            }
        }

        boolean conversionError = false;
        if (!dontSort) {
            for (Item item : items) {
                byte[] by;
                if (sortBy != null) {
                    by = lookupByPattern(c, sortBy, item.element);
                    if (by == null) {
                        continue;
                    }
                } else {
                    by = item.element;
                }
                if (alpha) {
                    if (sortBy != null) {
                        item.by = by;
                    }
                } else {
                    double d = strtod(by);
                    if (Double.isNaN(d)) {
                        conversionError = true;
                    }
                    item.score = d;
                }
            }
            if (!conversionError) {
                Comparator<Item> cmp;
                if (!alpha) {
                    cmp = (x, y) -> x.score > y.score ? 1 : x.score < y.score ? -1
                            : Arrays.compareUnsigned(x.element, y.element);
                } else if (sortBy != null) {
                    cmp = (x, y) -> x.by == null || y.by == null
                            ? (x.by == y.by ? 0 : x.by == null ? -1 : 1)
                            : Arrays.compareUnsigned(x.by, y.by);
                } else {
                    cmp = (x, y) -> Arrays.compareUnsigned(x.element, y.element);
                }
                Arrays.sort(items, desc ? cmp.reversed() : cmp);
            }
        }

        Reply r = c.reply();
        if (conversionError) {
            throw new CommandError("ERR One or more scores can't be converted into double");
        }
        long outLength = (gets.isEmpty() ? 1 : gets.size()) * Math.max(0, end - start + 1);
        if (storeIndex < 0) {
            r.array((int) outLength);
            for (long j = start; j <= end; j++) {
                Item item = items[(int) j];
                if (gets.isEmpty()) {
                    r.bulk(item.element);
                }
                for (byte[] pattern : gets) {
                    byte[] v = lookupByPattern(c, pattern, item.element);
                    if (v == null) {
                        r.nullBulk();
                    } else {
                        r.bulk(v);
                    }
                }
            }
            return;
        }
        ListValue result = ListValue.empty(c.server().encodingLimits());
        for (long j = start; j <= end; j++) {
            Item item = items[(int) j];
            if (gets.isEmpty()) {
                result.addLast(item.element);
            }
            for (byte[] pattern : gets) {
                byte[] v = lookupByPattern(c, pattern, item.element);
                result.addLast(v == null ? new byte[0] : v);
            }
        }
        long destRef = c.server().lookupWrite(c, a, storeIndex);
        if (outLength > 0) {
            Values.create(c, a, storeIndex, ValueType.LIST, result);
            Values.written(c, a, storeIndex, outLength, KeyspaceEvents.LIST, "sortstore");
        } else if (destRef != Database.NONE) {
            c.db().delete(destRef);
            c.server().keyModified(c.dbIndex(), a.buf(), a.offset(storeIndex), a.length(storeIndex));
            c.server().events().notify(KeyspaceEvents.GENERIC, "del", c, a, storeIndex);
            c.server().addDirty(1);
        }
        r.integer(outLength);
    }

    /**
     * Redis's lookupKeyByPattern: "#" is the element itself; otherwise the first '*' is replaced by the
     * element and the key read as a string, or with "->field" after the '*' as a hash field. Null when
     * there is no '*', no such key or field, or the key has another type.
     */
    private static byte[] lookupByPattern(Client c, byte[] pattern, byte[] element) {
        if (pattern.length == 1 && pattern[0] == '#') {
            return element;
        }
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) {
            return null;
        }
        int arrow = -1;
        for (int i = star + 1; i + 1 < pattern.length; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        // "->" at the very end names no field: the whole pattern is then a plain key.
        if (arrow >= 0 && arrow + 2 == pattern.length) {
            arrow = -1;
        }
        int keyEnd = arrow >= 0 ? arrow : pattern.length;
        byte[] key = new byte[star + element.length + keyEnd - star - 1];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, keyEnd - star - 1);
        Database db = c.db();
        long ref = c.server().lookup(db, c.dbIndex(), key);
        if (ref == Database.NONE) {
            return null;
        }
        if (arrow >= 0) {
            if (db.type(ref) != ValueType.HASH) {
                return null;
            }
            return ((HashValue) db.object(ref)).get(Arrays.copyOfRange(pattern, arrow + 2, pattern.length));
        }
        if (db.type(ref) != ValueType.STRING) {
            return null;
        }
        int len = db.valueLength(ref);
        byte[] v = new byte[len];
        db.copyValue(ref, 0, v, 0, len);
        return v;
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value strtod gives for the whole of {@code s}, or NaN where Redis refuses it (trailing garbage,
     * out of range, NaN). An empty string converts nothing and leaves nothing behind: 0, as in Redis.
     */
    private static double strtod(byte[] s) {
        if (s.length == 0) {
            return 0;
        }
        int i = 0;
        while (i < s.length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) {
            i++;
        }
        byte last = s[s.length - 1];
        // strtod stops at trailing blanks, which Redis then refuses; the parser below would trim them.
        if (i == s.length || last == ' ' || (last >= '\t' && last <= '\r')) {
            return Double.NaN;
        }
        String text = new String(s, i, s.length - i, StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int digits = lower.startsWith("-") || lower.startsWith("+") ? 1 : 0;
        boolean hex = lower.startsWith("0x", digits);
        if (hex && lower.indexOf('p') < 0) {
            // strtod reads hexadecimal without a binary exponent; Java's parser insists on one.
            text = text + "p0";
        }
        try {
            double d = Numbers.parseDouble(text);
            if (Double.isInfinite(d) && !lower.contains("inf")) {
                return Double.NaN; // overflow: strtod's ERANGE
            }
            if (Math.abs(d) < Double.MIN_NORMAL && hasNonZeroMantissa(lower, hex)) {
                return Double.NaN; // underflow to a subnormal or zero: ERANGE as well
            }
            return d;
        } catch (Numbers.InvalidNumberException e) {
            return Double.NaN;
        }
    }

    private static boolean hasNonZeroMantissa(String lower, boolean hex) {
        for (int i = 0; i < lower.length(); i++) {
            char ch = lower.charAt(i);
            if (hex ? ch == 'p' : ch == 'e') {
                return false;
            }
            if (ch >= '1' && ch <= '9' || hex && ch >= 'a' && ch <= 'f' && i > lower.indexOf('x')) {
                return true;
            }
        }
        return false;
    }
}
