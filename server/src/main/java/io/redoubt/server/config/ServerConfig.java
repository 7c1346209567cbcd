package io.redoubt.server.config;

import java.util.ArrayList;
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
 */
public final class ServerConfig {
    private final Map<String, Directive> directives = new LinkedHashMap<>();
    private final Map<String, Directive> byAlias = new HashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<Consumer<String>>> listeners = new HashMap<>();

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
        String n = name.toLowerCase(Locale.ROOT);
        Directive d = directives.get(n);
        return d != null ? d : byAlias.get(n);
    }

    public Iterable<Directive> directives() {
        return directives.values();
    }

    // ------------------------------------------------------------------ values

    /** The current canonical value; null for an unknown name. */
    public String get(String name) {
        Directive d = directive(name);
        return d == null ? null : values.get(d.name);
    }

    /**
     * Sets a value after checking it, then tells listeners.
     *
     * @throws ConfigException when the name is unknown or the value is not valid for it
     */
    public void set(String name, String value) throws ConfigException {
        Directive d = directive(name);
        if (d == null) {
            throw new ConfigException("Unknown option or number of arguments for CONFIG SET - '" + name + "'");
        }
        String canonical = d.canonical(value);
        values.put(d.name, canonical);
        List<Consumer<String>> ls = listeners.get(d.name);
        if (ls != null) {
            for (Consumer<String> l : ls) {
                l.accept(canonical);
            }
        }
    }

    /** Calls {@code listener} now with the current value and after every change. */
    public void onChange(String name, Consumer<String> listener) {
        Directive d = directive(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown directive " + name);
        }
        listeners.computeIfAbsent(d.name, k -> new ArrayList<>()).add(listener);
        listener.accept(values.get(d.name));
    }

    public String getString(String name) {
        return get(name);
    }

    public int getInt(String name) {
        return (int) Long.parseLong(get(name));
    }

    public long getLong(String name) {
        return Long.parseLong(get(name));
    }

    public boolean getBool(String name) {
        return "yes".equals(get(name));
    }
}
