package io.redoubt.server.config;

/** The directives the server knows, with Redis 7's names, defaults and limits. */
final class ConfigDirectives {
    private ConfigDirectives() {
    }

    static void defineAll(ServerConfig c) {
        // network
        c.define(intDirective("port", 6379, 0, 65535, true));
        c.define(multi("bind", "127.0.0.1 -::1", true));
        c.define(bool("protected-mode", true, false));
        c.define(intDirective("tcp-backlog", 511, 0, Integer.MAX_VALUE, true));
        c.define(intDirective("timeout", 0, 0, Integer.MAX_VALUE, false));
        c.define(intDirective("tcp-keepalive", 300, 0, Integer.MAX_VALUE, false));
        c.define(intDirective("maxclients", 10000, 1, Integer.MAX_VALUE, false));
        c.define(intDirective("databases", 16, 1, Integer.MAX_VALUE, true));
        c.define(intDirective("hz", 10, 0, Integer.MAX_VALUE, false));
        c.define(memory("proto-max-bulk-len", 512L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE, false));
        c.define(memory("client-query-buffer-limit", 1024L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE, false));
        c.define(multi("client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", false));
        c.define(string("requirepass", "", false));
        // general
        c.define(bool("daemonize", false, true));
        c.define(string("pidfile", "", true));
        c.define(new Directive("loglevel", Directive.Kind.ENUM, "notice", false,
                new String[] {"debug", "verbose", "notice", "warning", "nothing"}, 0, 0));
        c.define(string("logfile", "", true));
        c.define(string("dir", "", false));
        c.define(intDirective("slowlog-log-slower-than", 10000, Integer.MIN_VALUE, Integer.MAX_VALUE, false));
        c.define(intDirective("slowlog-max-len", 128, 0, Integer.MAX_VALUE, false));
        c.define(intDirective("latency-monitor-threshold", 0, 0, Integer.MAX_VALUE, false));
        c.define(multi("latency-tracking-info-percentiles", "50 99 99.9", false));
        c.define(bool("latency-tracking", true, false));
        // persistence
        c.define(multi("save", "3600 1 300 100 60 10000", false));
        c.define(string("dbfilename", "dump.rdb", false));
        c.define(bool("appendonly", false, false));
        // memory
        c.define(memory("maxmemory", 0, 0, Long.MAX_VALUE, false));
        c.define(new Directive("maxmemory-policy", Directive.Kind.ENUM, "noeviction", false,
                new String[] {"volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
                    "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"}, 0, 0));
        c.define(intDirective("maxmemory-samples", 5, 1, 64, false));
        c.define(intDirective("maxmemory-eviction-tenacity", 10, 0, 100, false));
        c.define(intDirective("lfu-log-factor", 10, 0, Integer.MAX_VALUE, false));
        c.define(intDirective("lfu-decay-time", 1, 0, Integer.MAX_VALUE, false));
        // replication
        c.define(multi("replicaof", "", false));
        c.alias("slaveof", "replicaof");
        c.define(string("masterauth", "", false));
        c.define(string("masteruser", "", false));
    }

    /** Directives whose lines add to each other; the first line in a load replaces the default. */
    static boolean accumulates(String name) {
        return name.equals("save") || name.equals("client-output-buffer-limit");
    }

    /** Directives of features Redoubt does not have, accepted so that Redis config files load unchanged. */
    static boolean isIgnored(String name) {
        return false;
    }

    /** Checks the words of a multi-word directive. */
    static void checkMulti(String name, String value) throws ConfigException {
        String[] w = value.trim().isEmpty() ? new String[0] : value.trim().split("\\s+");
        switch (name) {
            case "save" -> {
                if (w.length % 2 != 0) {
                    throw new ConfigException("Invalid save parameters");
                }
                for (String x : w) {
                    try {
                        if (Long.parseLong(x) < 0) {
                            throw new ConfigException("Invalid save parameters");
                        }
                    } catch (NumberFormatException e) {
                        throw new ConfigException("Invalid save parameters");
                    }
                }
            }
            case "client-output-buffer-limit" -> {
                if (w.length % 4 != 0) {
                    throw new ConfigException("Wrong number of arguments in buffer limit configuration.");
                }
                for (int i = 0; i < w.length; i += 4) {
                    String cls = w[i].toLowerCase(java.util.Locale.ROOT);
                    if (!cls.equals("normal") && !cls.equals("replica") && !cls.equals("slave") && !cls.equals("pubsub")) {
                        throw new ConfigException("Invalid client class specified in buffer limit configuration.");
                    }
                    Units.parseMemory(w[i + 1]);
                    Units.parseMemory(w[i + 2]);
                    try {
                        if (Long.parseLong(w[i + 3]) < 0) {
                            throw new ConfigException("Negative number.");
                        }
                    } catch (NumberFormatException e) {
                        throw new ConfigException("Invalid soft limit seconds.");
                    }
                }
            }
            case "replicaof" -> {
                if (w.length != 0 && w.length != 2) {
                    throw new ConfigException("wrong number of arguments");
                }
            }
            default -> {
            }
        }
    }

    static Directive bool(String name, boolean def, boolean immutable) {
        return new Directive(name, Directive.Kind.BOOL, def ? "yes" : "no", immutable, null, 0, 0);
    }

    static Directive intDirective(String name, long def, long min, long max, boolean immutable) {
        return new Directive(name, Directive.Kind.INT, Long.toString(def), immutable, null, min, max);
    }

    static Directive memory(String name, long def, long min, long max, boolean immutable) {
        return new Directive(name, Directive.Kind.MEMORY, Long.toString(def), immutable, null, min, max);
    }

    static Directive string(String name, String def, boolean immutable) {
        return new Directive(name, Directive.Kind.STRING, def, immutable, null, 0, 0);
    }

    static Directive multi(String name, String def, boolean immutable) {
        return new Directive(name, Directive.Kind.MULTI, def, immutable, null, 0, 0);
    }
}
