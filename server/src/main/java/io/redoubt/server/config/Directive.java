package io.redoubt.server.config;

import java.util.Locale;

/**
 * One configuration directive: its name (as in redis.conf), kind, default, and whether CONFIG SET may
 * change it. Values are kept in canonical text form, as CONFIG GET shows them.
 */
public final class Directive {
    /** How a directive's value is read and checked. */
    public enum Kind {
        BOOL, INT, LONG, MEMORY, STRING, ENUM,
        /** Several words, kept as given (save, bind, client-output-buffer-limit…). */
        MULTI
    }

    final String name;
    final Kind kind;
    final String defaultValue;
    final boolean immutable;
    final String[] enumValues;
    final long min;
    final long max;
    String alias;

    Directive(String name, Kind kind, String defaultValue, boolean immutable, String[] enumValues, long min, long max) {
        this.name = name;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.immutable = immutable;
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
        return immutable;
    }

    public String alias() {
        return alias;
    }

    /**
     * Checks a value given in a file or by CONFIG SET and returns its canonical form.
     *
     * @throws ConfigException with Redis's wording for a bad value
     */
    String canonical(String value) throws ConfigException {
        switch (kind) {
            case BOOL -> {
                String v = value.toLowerCase(Locale.ROOT);
                if (!v.equals("yes") && !v.equals("no")) {
                    throw new ConfigException("argument must be 'yes' or 'no'");
                }
                return v;
            }
            case INT, LONG -> {
                long n;
                try {
                    n = Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    throw new ConfigException("argument couldn't be parsed into an integer");
                }
                if (n < min || n > max) {
                    throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
                }
                return Long.toString(n);
            }
            case MEMORY -> {
                long n = Units.parseMemory(value);
                if (n < min || n > max) {
                    throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
                }
                return Long.toString(n);
            }
            case ENUM -> {
                String v = value.toLowerCase(Locale.ROOT);
                for (String e : enumValues) {
                    if (e.equals(v)) {
                        return v;
                    }
                }
                throw new ConfigException("argument(s) must be one of the following: " + String.join(", ", enumValues));
            }
            default -> {
                return value;
            }
        }
    }
}
