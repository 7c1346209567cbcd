package io.redoubt.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The server's configuration: every directive redis.conf may name, with its current value. Values are
 * set from the config file, the command line and CONFIG SET; parts of the server that need a value on a
 * hot path subscribe with {@link #onChange} and keep a field.
 *
 * <p>A listener may refuse a value CONFIG SET gave by throwing {@link IllegalArgumentException} (its
 * message becomes the error): every directive of that CONFIG SET is then restored, as Redis restores its
 * configuration when an apply function fails.
 */
public final class ServerConfig {
    private final Map<String, Directive> directives = new LinkedHashMap<>();
    private final Map<String, Directive> byAlias = new LinkedHashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<Consumer<String>>> listeners = new HashMap<>();
    /** Lines kept as written: sentinel, user, rename-command, loadmodule and module directives. */
    private final List<List<String>> rawDirectives = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Whether a save line was read: the first one replaces the default, later ones add to it. */
    boolean saveLoaded;

    public ServerConfig() {
        ConfigDirectives.defineAll(this);
        for (Directive d : directives.values()) {
            values.put(d.name, d.defaultValue);
        }
    }

    // ------------------------------------------------------------------ definition

    void define(Directive d) {
        directives.put(d.name, d);
    }

    void alias(String alias, String name) {
        Directive d = directives.get(name);
        d.alias = alias;
        byAlias.put(alias, d);
    }

    /** The directive of a name or alias (any case), or null when unknown. */
    public Directive directive(String name) {
        Directive exact = directives.get(name);
        if (exact != null) {
            return exact;
        }
        String n = name.toLowerCase(Locale.ROOT);
        Directive d = directives.get(n);
        return d != null ? d : byAlias.get(n);
    }

    public Iterable<Directive> directives() {
        return directives.values();
    }

    /** Old names still accepted (slaveof, slave-read-only…), mapped to their directives. */
    public Map<String, Directive> aliases() {
        return Collections.unmodifiableMap(byAlias);
    }

    // ------------------------------------------------------------------ values

    /** The current canonical value; null for an unknown name. */
    public String get(String name) {
        Directive d = directive(name);
        return d == null ? null : values.get(d.name);
    }

    public String getString(String name) {
        return get(name);
    }

    /** A numeric value as an int, clamped (maxclients may be up to 2^32-1). */
    public int getInt(String name) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, getLong(name)));
    }

    /** A numeric value; a percentage ("10%") reads as its negated number, as Redis keeps it. */
    public long getLong(String name) {
        String v = get(name);
        return v.endsWith("%") ? -Long.parseLong(v.substring(0, v.length() - 1)) : Long.parseLong(v);
    }

    public boolean getBool(String name) {
        return "yes".equals(get(name));
    }

    /** A file name resolved against {@code dir} (Java cannot change its working directory as Redis does). */
    public Path resolve(String file) {
        return Path.of(get("dir")).resolve(file);
    }

    /**
     * Sets a directive from one text value, as the embedding API and tests do. Multi-word directives split it
     * at spaces; immutable directives are accepted (the server is not running yet, or the caller knows).
     *
     * @throws ConfigException when the name is unknown or the value is not valid for it
     */
    public void set(String name, String value) throws ConfigException {
        Directive d = directive(name);
        if (d == null) {
            throw new ConfigException("Unknown option or number of arguments for CONFIG SET - '" + name + "'");
        }
        store(d, d.canonical(splitValue(d, value), values.get(d.name)));
    }

    /** Sets a directive from the arguments of a config line. */
    void setArgs(Directive d, List<String> args) throws ConfigException {
        store(d, d.canonical(args, values.get(d.name)));
    }

    private void store(Directive d, String canonical) {
        values.put(d.name, canonical);
        fire(d, canonical);
    }

    private void fire(Directive d, String value) {
        List<Consumer<String>> ls = listeners.get(d.name);
        if (ls != null) {
            for (Consumer<String> l : ls) {
                l.accept(value);
            }
        }
    }

    /** CONFIG SET splits multi-argument values at single spaces; an empty value is no argument at all. */
    private static List<String> splitValue(Directive d, String value) {
        boolean multi = d.has(Directive.MULTI_ARG);
        if (!multi) {
            return List.of(value);
        }
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(" ", -1));
    }

    /**
     * CONFIG SET with several {@code name value} pairs, all or nothing: every name is checked first
     * (unknown, immutable, protected, duplicate), then every value, then the new values are applied; if
     * applying one fails, all are restored.
     *
     * @param pairs alternating names and values
     * @param protectedAllowed whether this client may change protected directives (enable-protected-configs)
     * @throws ConfigException with Redis's error text, without the "ERR " prefix
     */
    public void configSet(List<String> pairs, boolean protectedAllowed) throws ConfigException {
        int n = pairs.size() / 2;
        Directive[] targets = new Directive[n];
        String error = null;
        for (int i = 0; i < n && error == null; i++) {
            String name = pairs.get(2 * i);
            Directive d = directive(name);
            if (d == null) {
                throw new ConfigException("Unknown option or number of arguments for CONFIG SET - '" + name + "'");
            }
            if (d.has(Directive.IMMUTABLE)) {
                error = failed(name, "can't set immutable config");
            } else if (d.has(Directive.PROTECTED) && !protectedAllowed) {
                error = failed(name, "can't set protected config");
            }
            for (int j = 0; j < i && error == null; j++) {
                if (targets[j] == d) {
                    error = failed(name, "duplicate parameter");
                }
            }
            targets[i] = d;
        }
        if (error != null) {
            throw new ConfigException(error);
        }
        String[] updated = new String[n];
        for (int i = 0; i < n; i++) {
            Directive d = targets[i];
            try {
                updated[i] = d.canonical(splitValue(d, pairs.get(2 * i + 1)), values.get(d.name));
            } catch (ConfigException e) {
                throw new ConfigException(failed(pairs.get(2 * i).toLowerCase(Locale.ROOT), e.getMessage()));
            }
        }
        String[] old = new String[n];
        for (int i = 0; i < n; i++) {
            old[i] = values.get(targets[i].name);
            values.put(targets[i].name, updated[i]);
        }
        for (int i = 0; i < n; i++) {
            if (updated[i].equals(old[i])) {
                continue;
            }
            try {
                fire(targets[i], updated[i]);
            } catch (IllegalArgumentException e) {
                for (int j = 0; j < n; j++) {
                    values.put(targets[j].name, old[j]);
                }
                for (int j = 0; j <= i; j++) {
                    if (!updated[j].equals(old[j])) {
                        fire(targets[j], old[j]);
                    }
                }
                throw new ConfigException(failed(targets[i].name, e.getMessage()));
            }
        }
    }

    private static String failed(String name, String why) {
        return "CONFIG SET failed (possibly related to argument '" + name + "') - " + why;
    }

    /**
     * Calls {@code listener} now with the current value and after every change. A listener may throw
     * {@link IllegalArgumentException} to refuse a value given by CONFIG SET.
     */
    public void onChange(String name, Consumer<String> listener) {
        Directive d = directive(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown directive " + name);
        }
        listeners.computeIfAbsent(d.name, k -> new ArrayList<>()).add(listener);
        listener.accept(values.get(d.name));
    }

    // ------------------------------------------------------------------ lines kept as written

    void addRaw(List<String> words) {
        rawDirectives.add(List.copyOf(words));
    }

    /** Config lines kept as written (sentinel, user, rename-command, loadmodule, module.option), in order. */
    public List<List<String>> rawDirectives() {
        return Collections.unmodifiableList(rawDirectives);
    }

    void warn(String message) {
        warnings.add(message);
    }

    /** Warnings from loading: directives accepted but not acted on. The server logs them at start. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }
}
