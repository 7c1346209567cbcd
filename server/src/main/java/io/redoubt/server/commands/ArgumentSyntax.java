package io.redoubt.server.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a command's documented syntax ({@code key [NX | XX] [EX seconds | PX milliseconds]}) into the
 * argument tree COMMAND DOCS replies with, the same tree Redis builds from its JSON command files and
 * redis-cli 7.2 builds its hints from.
 *
 * <p>Design notes. The syntax is read in two passes. The first builds raw nodes: words, and groups
 * ({@code [...]} optional, {@code <...>} required) holding alternatives separated by {@code |}. A group
 * whose content ends with {@code ...} is a repetition marker: it makes the preceding items repeatable
 * ({@code key [key ...]}, {@code GET pattern [GET pattern ...]}). The second pass turns raw nodes into
 * arguments: a word with no lower-case letter is a token; a token followed by one name is that argument
 * with the token; a token followed by several is a block with the token; a group with several
 * alternatives is a {@code oneof}. Types of named arguments are guessed from their names (key, count,
 * seconds…), as the syntax carries none. Malformed syntax never fails: what cannot be matched is read as
 * plain words.
 */
final class ArgumentSyntax {
    /** One argument of COMMAND DOCS. */
    static final class Arg {
        String name;
        String type;
        String token;
        boolean optional;
        boolean multiple;
        boolean multipleToken;
        /** Index of the key specification for key arguments, -1 otherwise. */
        int keySpecIndex = -1;
        final List<Arg> args = new ArrayList<>();

        boolean hasChildren() {
            return type.equals("oneof") || type.equals("block");
        }

        /** Flag names in Redis's order. */
        List<String> flags() {
            List<String> f = new ArrayList<>(3);
            if (optional) {
                f.add("optional");
            }
            if (multiple) {
                f.add("multiple");
            }
            if (multipleToken) {
                f.add("multiple_token");
            }
            return f;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(name).append(':').append(type);
            if (token != null) {
                sb.append(" token=").append(token);
            }
            if (!flags().isEmpty()) {
                sb.append(' ').append(flags());
            }
            if (!args.isEmpty()) {
                sb.append(' ').append(args);
            }
            return sb.toString();
        }
    }

    /** A word, or a group of alternatives; {@code repeat} when a following {@code [x ...]} repeats it. */
    private static final class Raw {
        final String word;
        final boolean optional;
        final List<List<Raw>> alternatives;
        boolean repeat;
        /** An ellipsis standing for the repetition of the group that encloses it. */
        boolean enclosingRepeats;

        Raw(String word) {
            this.word = word;
            this.optional = false;
            this.alternatives = null;
        }

        Raw(boolean optional, List<List<Raw>> alternatives) {
            this.word = null;
            this.optional = optional;
            this.alternatives = alternatives;
        }

        boolean isToken() {
            return word != null && isTokenWord(word);
        }

        boolean isName() {
            return word != null && !isTokenWord(word) && !isEllipsis();
        }

        boolean isEllipsis() {
            return "...".equals(word);
        }
    }

    private final List<String> words;
    private int pos;

    private ArgumentSyntax(List<String> words) {
        this.words = words;
    }

    /** Parses a documented syntax into COMMAND DOCS arguments; an empty syntax gives no arguments. */
    static List<Arg> parse(String syntax) {
        ArgumentSyntax p = new ArgumentSyntax(split(syntax == null ? "" : syntax));
        List<Raw> top = p.sequence();
        Raw bareChoice = null;
        while (p.pos < p.words.size()) {
            String w = p.words.get(p.pos++);
            List<Raw> next = p.sequence();
            if (w.equals("|") && !top.isEmpty() && !next.isEmpty()) {
                // Unbracketed alternatives ("AND | OR | XOR | NOT destkey"): a required choice between
                // the words around each '|'.
                if (bareChoice == null || top.get(top.size() - 1) != bareChoice) {
                    List<List<Raw>> alts = new ArrayList<>();
                    alts.add(new ArrayList<>(List.of(top.remove(top.size() - 1))));
                    bareChoice = new Raw(false, alts);
                    top.add(bareChoice);
                }
                bareChoice.alternatives.add(new ArrayList<>(List.of(next.remove(0))));
                if (!next.isEmpty()) {
                    bareChoice = null;
                }
            }
            // A stray closing bracket: keep going with what follows.
            top.addAll(next);
        }
        return convertSequence(top);
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bracket = c == '[' || c == ']' || c == '<' || c == '>' || c == '|';
            if (Character.isWhitespace(c) || bracket) {
                if (w.length() > 0) {
                    out.add(w.toString());
                    w.setLength(0);
                }
                if (bracket) {
                    out.add(String.valueOf(c));
                }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    /** Reads alternatives up to (not past) a closing bracket or the end. */
    private List<List<Raw>> alternatives() {
        List<List<Raw>> alts = new ArrayList<>();
        alts.add(sequence());
        while (pos < words.size() && words.get(pos).equals("|")) {
            pos++;
            alts.add(sequence());
        }
        return alts;
    }

    private List<Raw> sequence() {
        List<Raw> seq = new ArrayList<>();
        while (pos < words.size()) {
            String w = words.get(pos);
            if (w.equals("]") || w.equals(">") || w.equals("|")) {
                return seq;
            }
            pos++;
            if (w.equals("[") || w.equals("<")) {
                List<List<Raw>> alts = alternatives();
                if (pos < words.size()) {
                    pos++; // the closing bracket
                }
                if (markRepetition(seq, alts)) {
                    continue;
                }
                List<Raw> last = alts.get(alts.size() - 1);
                Raw lastItem = last.isEmpty() ? null : last.get(last.size() - 1);
                if (alts.size() > 1 && lastItem != null && lastItem.isEllipsis() && !lastItem.enclosingRepeats) {
                    // "[a | b c ...]" after "b c": the whole enclosing choice repeats (BITFIELD's
                    // operations). Leave a marker for the enclosing group to pick up.
                    Raw marker = new Raw("...");
                    marker.enclosingRepeats = true;
                    seq.add(marker);
                    continue;
                }
                Raw group = new Raw(w.equals("["), alts);
                for (List<Raw> alt : alts) {
                    if (alt.size() > 1 && alt.get(alt.size() - 1).isEllipsis()) {
                        alt.remove(alt.size() - 1);
                        group.repeat = true;
                    }
                }
                seq.add(group);
            } else {
                seq.add(new Raw(w));
            }
        }
        return seq;
    }

    /**
     * A group {@code [a b ...]} or {@code [a | b | ...]} says the preceding items repeat: marks them (grouped
     * when several) and returns true; returns false for an ordinary group.
     */
    private static boolean markRepetition(List<Raw> seq, List<List<Raw>> alts) {
        List<Raw> last = alts.get(alts.size() - 1);
        boolean ellipsisAlternative = alts.size() > 1 && last.size() == 1 && last.get(0).isEllipsis();
        boolean trailingEllipsis = alts.size() == 1 && !last.isEmpty() && last.get(last.size() - 1).isEllipsis();
        if (seq.isEmpty() || (!ellipsisAlternative && !trailingEllipsis)) {
            return false;
        }
        int n = ellipsisAlternative ? 1 : last.size() - 1;
        if (n > seq.size() || n < 1) {
            n = 1;
        }
        if (n == 1) {
            seq.get(seq.size() - 1).repeat = true;
        } else {
            List<Raw> repeated = new ArrayList<>(seq.subList(seq.size() - n, seq.size()));
            seq.subList(seq.size() - n, seq.size()).clear();
            Raw group = new Raw(false, List.of(repeated));
            group.repeat = true;
            seq.add(group);
        }
        return true;
    }

    // ------------------------------------------------------------------ raw nodes to arguments

    /** Arguments of a plain sequence: tokens pair with the name that follows them. */
    private static List<Arg> convertSequence(List<Raw> seq) {
        List<Arg> out = new ArrayList<>();
        for (int i = 0; i < seq.size(); i++) {
            Raw r = seq.get(i);
            if (r.isEllipsis()) {
                if (!out.isEmpty()) {
                    out.get(out.size() - 1).multiple = true;
                }
                continue;
            }
            if (r.isToken() && !r.repeat && i + 1 < seq.size() && seq.get(i + 1).isName()) {
                Arg a = named(seq.get(i + 1).word);
                a.token = r.word;
                a.multiple = seq.get(i + 1).repeat;
                out.add(a);
                i++;
            } else {
                out.add(convert(r));
            }
        }
        return out;
    }

    private static Arg convert(Raw r) {
        Arg a;
        if (r.word != null) {
            a = r.isToken() ? pureToken(r.word) : named(r.word);
            a.multiple = r.repeat;
            if (r.repeat && r.isToken()) {
                a.multipleToken = true;
            }
            return a;
        }
        if (r.alternatives.size() == 1) {
            a = convertAlternative(r.alternatives.get(0));
        } else {
            a = new Arg();
            a.type = "oneof";
            for (List<Raw> alt : r.alternatives) {
                if (!alt.isEmpty()) {
                    a.args.add(convertAlternative(alt));
                }
            }
            a.name = a.args.isEmpty() ? "arguments" : a.args.get(0).name;
        }
        if (r.optional) {
            a.optional = true;
        }
        if (r.repeat) {
            a.multiple = true;
            if (a.token != null) {
                a.multipleToken = true;
            }
        }
        return a;
    }

    /** One alternative of a group: a single argument, a token with its argument, or a block. */
    private static Arg convertAlternative(List<Raw> seq) {
        if (seq.isEmpty()) {
            Arg a = new Arg();
            a.name = "arguments";
            a.type = "block";
            return a;
        }
        if (seq.size() == 1 && !seq.get(0).isEllipsis()) {
            return convert(seq.get(0));
        }
        Raw first = seq.get(0);
        if (first.isToken() && !first.repeat) {
            if (seq.size() == 2 && !seq.get(1).isToken()) {
                Arg a = convert(seq.get(1));
                if (a.token == null) {
                    a.token = first.word;
                    return a;
                }
            }
            Arg block = new Arg();
            block.type = "block";
            block.token = first.word;
            block.args.addAll(convertSequence(seq.subList(1, seq.size())));
            block.name = joinedName(block.args);
            return block;
        }
        Arg block = new Arg();
        block.type = "block";
        block.args.addAll(convertSequence(seq));
        block.name = joinedName(block.args);
        return block;
    }

    private static String joinedName(List<Arg> args) {
        StringBuilder sb = new StringBuilder();
        for (Arg a : args) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(a.name);
        }
        return sb.length() == 0 ? "arguments" : sb.toString();
    }

    private static Arg pureToken(String word) {
        Arg a = new Arg();
        a.name = word.toLowerCase(Locale.ROOT);
        a.type = "pure-token";
        a.token = word;
        return a;
    }

    private static Arg named(String name) {
        Arg a = new Arg();
        a.name = name;
        a.type = typeOf(name);
        if (a.type.equals("key")) {
            a.keySpecIndex = 0;
        }
        return a;
    }

    private static boolean isTokenWord(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isLowerCase(w.charAt(i))) {
                return false;
            }
        }
        return !w.equals("...");
    }

    private static final List<String> INTEGER_NAMES = List.of(
            "count", "seconds", "milliseconds", "timeout", "offset", "start", "end", "index", "db", "numkeys",
            "numreplicas", "increment", "decrement", "port", "cursor", "len", "length", "bit", "ttl", "position",
            "limit", "protover", "number", "timestamp", "numerator", "denominator", "rank", "maxlen", "numsub",
            "client-id", "integer", "value-integer", "slot", "min-idle-time", "idle", "retrycount", "ms",
            "database", "destination-db", "delay", "numlocal", "block", "unix-time", "threshold");
    private static final List<String> DOUBLE_NAMES = List.of(
            "score", "longitude", "latitude", "radius", "width", "height", "weight", "double", "float");

    /** Redis's argument type guessed from the argument's name. */
    static String typeOf(String name) {
        // Numbered names (key1, index2) have the type of the plain name.
        String n = name.toLowerCase(Locale.ROOT).replaceAll("(?<=[a-z])[0-9]+$", "");
        if (n.equals("key") || n.endsWith("key") || n.equals("destination") || n.equals("source")) {
            return "key";
        }
        if (n.equals("pattern") || n.endsWith("-pattern")) {
            return "pattern";
        }
        if (n.startsWith("unix-time")) {
            return "unix-time";
        }
        if (INTEGER_NAMES.contains(n) || n.endsWith("-count") || n.endsWith("-index") || n.endsWith("-offset")
                || n.endsWith("-seconds") || n.endsWith("-milliseconds") || n.endsWith("-timeout") || n.endsWith("-len")) {
            return "integer";
        }
        if (DOUBLE_NAMES.contains(n) || n.endsWith("-score")) {
            return "double";
        }
        return "string";
    }
}
