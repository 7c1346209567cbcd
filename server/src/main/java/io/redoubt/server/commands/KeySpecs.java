package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.resp.Numbers;
import io.redoubt.server.command.CommandFlags;
import io.redoubt.server.command.CommandSpec;
import io.redoubt.server.net.Reply;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis 7 key specifications of a command, derived from the table: the legacy key range (first, last,
 * step), the key-count argument of movable-key commands, and the key spec flags. COMMAND INFO shows them
 * and COMMAND GETKEYS / GETKEYSANDFLAGS find keys with them, as Redis does.
 *
 * <p>{@link CommandSpec#keySpecFlags()} may hold one flag group per spec separated by {@code |}
 * ("RW access delete | OW update" for RENAME): the range is then split into one spec per leading key,
 * the last spec keeping the rest of the range, which is how Redis describes RENAME, COPY or BITOP.
 * Without flags, write commands get "RW access update" and others "RO access".
 */
final class KeySpecs {
    enum Kind { RANGE, KEYNUM, UNKNOWN }

    /** One spec: begin at {@code index}; RANGE: {@code lastKey} relative to it (negative: from the end). */
    record Spec(Kind kind, List<String> flags, int index, int lastKey, int step) {
    }

    /** A key found in a request: its argument index and the flags of the spec that found it. */
    record Key(int argIndex, List<String> flags) {
    }

    private KeySpecs() {
    }

    static List<Spec> of(CommandSpec cmd) {
        List<List<String>> groups = flagGroups(cmd);
        List<Spec> specs = new ArrayList<>();
        int g = 0;
        if (cmd.firstKey() > 0) {
            int first = cmd.firstKey();
            int step = Math.max(1, cmd.keyStep());
            int rangeSpecs = cmd.keyNumIndex() > 0 ? Math.max(1, groups.size() - 1) : groups.size();
            for (int i = 0; i < rangeSpecs; i++) {
                int index = first + i * step;
                boolean last = i == rangeSpecs - 1;
                if (!last && cmd.lastKey() >= 0 && index >= cmd.lastKey()) {
                    last = true;
                }
                int lastKey = !last ? 0 : cmd.lastKey() >= 0 ? cmd.lastKey() - index : cmd.lastKey();
                specs.add(new Spec(Kind.RANGE, groups.get(Math.min(g++, groups.size() - 1)), index, lastKey, last ? cmd.keyStep() : 1));
                if (last) {
                    break;
                }
            }
        }
        if (cmd.keyNumIndex() > 0) {
            specs.add(new Spec(Kind.KEYNUM, groups.get(Math.min(g, groups.size() - 1)), cmd.keyNumIndex(), 0, 1));
        } else if (cmd.firstKey() <= 0 && cmd.keyFinder() != null) {
            specs.add(new Spec(Kind.UNKNOWN, groups.get(0), 0, 0, 0));
        } else if (cmd.keyFinder() != null) {
            // Flag groups beyond the range describe keys only the command's finder can place (SORT's
            // BY/GET and STORE): Redis lists them as "unknown" specs.
            for (; g < groups.size(); g++) {
                specs.add(new Spec(Kind.UNKNOWN, groups.get(g), 0, 0, 0));
            }
        }
        return specs;
    }

    private static List<List<String>> flagGroups(CommandSpec cmd) {
        List<List<String>> groups = new ArrayList<>();
        if (!cmd.keySpecFlags().isBlank()) {
            for (String group : cmd.keySpecFlags().split("\\|")) {
                List<String> flags = new ArrayList<>();
                for (String f : group.trim().split("\\s+")) {
                    if (!f.isEmpty()) {
                        flags.add(f);
                    }
                }
                groups.add(flags);
            }
        }
        if (groups.isEmpty()) {
            groups.add(cmd.has(CommandFlags.WRITE) ? List.of("RW", "access", "update") : List.of("RO", "access"));
        }
        return groups;
    }

    /**
     * The keys of the command whose name is argument {@code from} of {@code a}. A command's own key finder
     * wins; otherwise the specs are applied. Ranges that do not fit the arguments give no keys (the command
     * itself reports the error), as in Redis.
     */
    static List<Key> keys(CommandSpec cmd, List<Spec> specs, CommandArgs a, int from) {
        int argc = a.count() - from;
        List<Key> out = new ArrayList<>();
        if (cmd.keyFinder() != null) {
            CommandArgs shifted = new CommandArgs();
            byte[][] parts = new byte[argc][];
            for (int i = 0; i < argc; i++) {
                parts[i] = a.bytes(from + i);
            }
            shifted.set(parts);
            for (int k : cmd.keyFinder().keys(shifted)) {
                out.add(new Key(k + from, flagsAt(specs, k, argc)));
            }
            return out;
        }
        for (Spec s : specs) {
            if (s.kind == Kind.RANGE) {
                int last = s.lastKey >= 0 ? s.index + s.lastKey : argc + s.lastKey;
                if (last < argc && last >= s.index) {
                    for (int i = s.index; i <= last; i += Math.max(1, s.step)) {
                        out.add(new Key(i + from, s.flags));
                    }
                }
            } else if (s.kind == Kind.KEYNUM && s.index < argc) {
                long n;
                try {
                    n = Numbers.parseLong(a.buf(), a.offset(from + s.index), a.length(from + s.index));
                } catch (Numbers.InvalidNumberException e) {
                    continue; // not a count: no keys, the command will refuse it
                }
                if (n > 0 && s.index + 1 + n <= argc) {
                    for (int i = 0; i < n; i++) {
                        out.add(new Key(s.index + 1 + i + from, s.flags));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> flagsAt(List<Spec> specs, int argIndex, int argc) {
        for (Spec s : specs) {
            int last = s.lastKey >= 0 ? s.index + s.lastKey : argc + s.lastKey;
            if (s.kind == Kind.RANGE && argIndex >= s.index && argIndex <= last) {
                return s.flags;
            }
        }
        return specs.isEmpty() ? List.of() : specs.get(specs.size() - 1).flags;
    }

    /** Writes the specs as COMMAND INFO's eighth element: a set of maps. */
    static void reply(Reply r, List<Spec> specs) {
        reply(r, specs, new String[0]);
    }

    /** As {@link #reply(Reply, List)}, with the specs' notes (an empty note writes none). */
    static void reply(Reply r, List<Spec> specs, String[] notes) {
        r.set(specs.size());
        int n = 0;
        for (Spec s : specs) {
            String note = n < notes.length ? notes[n] : "";
            n++;
            r.map(note.isEmpty() ? 3 : 4);
            if (!note.isEmpty()) {
                r.bulk("notes");
                r.bulk(note);
            }
            r.bulk("flags");
            r.set(s.flags.size());
            for (String f : s.flags) {
                r.simple(f);
            }
            r.bulk("begin_search");
            r.map(2);
            r.bulk("type");
            r.bulk(s.kind == Kind.UNKNOWN ? "unknown" : "index");
            r.bulk("spec");
            if (s.kind == Kind.UNKNOWN) {
                r.map(0);
            } else {
                r.map(1);
                r.bulk("index");
                r.integer(s.index);
            }
            r.bulk("find_keys");
            r.map(2);
            r.bulk("type");
            switch (s.kind) {
                case RANGE -> {
                    r.bulk("range");
                    r.bulk("spec");
                    r.map(3);
                    r.bulk("lastkey");
                    r.integer(s.lastKey);
                    r.bulk("keystep");
                    r.integer(s.step);
                    r.bulk("limit");
                    r.integer(0);
                }
                case KEYNUM -> {
                    r.bulk("keynum");
                    r.bulk("spec");
                    r.map(3);
                    r.bulk("keynumidx");
                    r.integer(0);
                    r.bulk("firstkey");
                    r.integer(1);
                    r.bulk("keystep");
                    r.integer(1);
                }
                case UNKNOWN -> {
                    r.bulk("unknown");
                    r.bulk("spec");
                    r.map(0);
                }
            }
        }
    }
}
