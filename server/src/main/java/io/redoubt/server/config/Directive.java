package io.redoubt.server.config;

import java.util.List;
import java.util.Locale;

/**
 * One configuration directive: its name (as in redis.conf), kind, default, limits and flags. Values are
 * kept in canonical text form, as CONFIG GET shows them (memory in bytes, percentages as "10%", enums by
 * name, multi-word values separated by single spaces).
 */
public final class Directive {
    /** How a directive's value is read and checked. */
    public enum Kind {
        BOOL,
        /** A number; with {@link #MEMORY} it takes units (1gb), with {@link #PERCENT} "n%" too. */
        INT,
        /** An INT that takes memory units. */
        MEMORY,
        STRING,
        /** One name of a fixed set; with {@link #MULTI_ARG}, several names OR-ed together. */
        ENUM,
        /** A value with its own syntax (save, bind, client-output-buffer-limit…): see {@link Special}. */
        MULTI
    }

    // Flags, as Redis's config.c names them.
    /** CONFIG SET refuses it: "can't set immutable config". */
    public static final int IMMUTABLE = 1;
    /** CONFIG SET needs enable-protected-configs. */
    public static final int PROTECTED = 1 << 1;
    /** Left out of CONFIG GET patterns; an exact name still finds it. */
    public static final int HIDDEN = 1 << 2;
    /** Its value is a secret (redacted from the slow log and MONITOR when set). */
    public static final int SENSITIVE = 1 << 3;
    /** Takes several arguments on one line. */
    public static final int MULTI_ARG = 1 << 4;
    /** An empty string means "not set": CONFIG REWRITE then leaves it out of the file. */
    public static final int EMPTY_IS_NULL = 1 << 5;
    /** Numeric value with memory units. */
    public static final int MEMORY = 1 << 6;
    /** Numeric value that may be a percentage, kept as a negative number internally by Redis. */
    public static final int PERCENT = 1 << 7;
    /** Numeric value written in octal (unixsocketperm). */
    public static final int OCTAL = 1 << 8;

    /** Parses and formats a directive with its own syntax. */
    interface Special {
        /**
         * Checks {@code args} and returns the new canonical value. {@code current} is the value now, for
         * directives that change part of it (client-output-buffer-limit sets only the classes given).
         */
        String parse(List<String> args, String current) throws ConfigException;
    }

    /** Checks a string value beyond its kind (dbfilename must be a file name…). */
    interface Validator {
        void check(String value) throws ConfigException;
    }

    final String name;
    final Kind kind;
    final String defaultValue;
    final int flags;
    final String[] enumNames;
    final int[] enumValues;
    final long min;
    final long max;
    Special special;
    Validator validator;
    String alias;

    Directive(String name, Kind kind, String defaultValue, int flags, String[] enumNames, int[] enumValues, long min, long max) {
        this.name = name;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.flags = flags;
        this.enumNames = enumNames;
        this.enumValues = enumValues;
        this.min = min;
        this.max = max;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public boolean immutable() {
        return has(IMMUTABLE);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The old name still accepted (slaveof for replicaof…), or null. */
    public String alias() {
        return alias;
    }

    /**
     * Checks a value given as arguments (one for single-value directives) and returns its canonical form.
     *
     * @throws ConfigException with Redis's wording for a bad value
     */
    String canonical(List<String> args, String current) throws ConfigException {
        if (kind == Kind.MULTI) {
            return special.parse(args, current);
        }
        if (kind == Kind.ENUM && has(MULTI_ARG)) {
            return enumCanonical(args);
        }
        if (args.size() != 1) {
            throw new ConfigException("wrong number of arguments");
        }
        String value = args.get(0);
        switch (kind) {
            case BOOL -> {
                String v = value.toLowerCase(Locale.ROOT);
                if (!v.equals("yes") && !v.equals("no")) {
                    throw new ConfigException("argument must be 'yes' or 'no'");
                }
                return v;
            }
            case INT, MEMORY -> {
                return numericCanonical(value);
            }
            case ENUM -> {
                return enumCanonical(args);
            }
            default -> {
                if (validator != null) {
                    validator.check(value);
                }
                return value;
            }
        }
    }

    private String numericCanonical(String value) throws ConfigException {
        long n;
        boolean percent = false;
        Long parsed = null;
        if (has(MEMORY)) {
            parsed = Units.memoryOrNull(value);
        }
        if (parsed == null && has(PERCENT) && value.length() > 1 && value.endsWith("%")) {
            Long p = Units.strictLong(value.substring(0, value.length() - 1));
            if (p != null && p >= 0) {
                parsed = p;
                percent = true;
            }
        }
        if (parsed == null && has(OCTAL)) {
            try {
                parsed = Long.parseLong(value, 8);
            } catch (NumberFormatException e) {
                parsed = null;
            }
        }
        if (parsed == null && !has(MEMORY) && !has(PERCENT) && !has(OCTAL)) {
            parsed = Units.strictLong(value);
        }
        if (parsed == null) {
            if (has(MEMORY) && has(PERCENT)) {
                throw new ConfigException("argument must be a memory or percent value");
            } else if (has(MEMORY)) {
                throw new ConfigException("argument must be a memory value");
            } else if (has(OCTAL)) {
                throw new ConfigException("argument couldn't be parsed as an octal number");
            }
            throw new ConfigException("argument couldn't be parsed into an integer");
        }
        n = parsed;
        if (percent) {
            // Percentages are bounded by the negated lower bound (maxmemory-clients: -100 → at most 100%).
            if (-n < min) {
                throw new ConfigException("percentage argument must be less or equal to " + (-min));
            }
            return n + "%";
        }
        if (n < min || n > max) {
            if (has(OCTAL)) {
                throw new ConfigException("argument must be between " + Long.toOctalString(min) + " and "
                        + Long.toOctalString(max) + " inclusive");
            }
            throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
        }
        if (name.equals("hz")) {
            // Redis keeps hz within [1, 500] whatever is asked, and CONFIG GET shows the clamped value.
            n = Math.max(1, Math.min(500, n));
        }
        return has(OCTAL) ? Long.toOctalString(n) : Long.toString(n);
    }

    private String enumCanonical(List<String> args) throws ConfigException {
        boolean bitflags = has(MULTI_ARG);
        int value = Integer.MIN_VALUE;
        if (!args.isEmpty() && (bitflags || args.size() == 1)) {
            value = 0;
            for (String a : args) {
                boolean matched = false;
                for (int i = 0; i < enumNames.length; i++) {
                    if (enumNames[i].equalsIgnoreCase(a)) {
                        value |= enumValues[i];
                        matched = true;
                    }
                }
                if (!matched) {
                    value = Integer.MIN_VALUE;
                    break;
                }
            }
        }
        if (value == Integer.MIN_VALUE) {
            throw new ConfigException("argument(s) must be one of the following: " + String.join(", ", enumNames));
        }
        if (name.startsWith("shutdown-on-sig") && (value & 1) != 0 && (value & 2) != 0) {
            throw new ConfigException("shutdown options SAVE and NOSAVE can't be used simultaneously");
        }
        return enumName(value);
    }

    /** The name(s) of an enum value: the first name with that value, or for bit flags the names of its bits. */
    String enumName(int value) {
        StringBuilder names = new StringBuilder();
        int unmatched = value;
        for (int i = 0; i < enumNames.length; i++) {
            if (enumValues[i] == value) {
                return enumNames[i];
            }
            if (has(MULTI_ARG) && enumValues[i] != 0 && (unmatched & enumValues[i]) == enumValues[i]) {
                if (names.length() > 0) {
                    names.append(' ');
                }
                names.append(enumNames[i]);
                unmatched &= ~enumValues[i];
            }
        }
        return names.length() == 0 || unmatched != 0 ? "unknown" : names.toString();
    }

    /** The numeric value of an enum's canonical text. */
    int enumValue(String canonical) {
        int v = 0;
        for (String word : canonical.split(" ")) {
            for (int i = 0; i < enumNames.length; i++) {
                if (enumNames[i].equals(word)) {
                    v |= enumValues[i];
                    break;
                }
            }
        }
        return v;
    }
}
