package io.redoubt.server.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.redoubt.server.config.Directive.EMPTY_IS_NULL;
import static io.redoubt.server.config.Directive.HIDDEN;
import static io.redoubt.server.config.Directive.IMMUTABLE;
import static io.redoubt.server.config.Directive.MEMORY;
import static io.redoubt.server.config.Directive.MULTI_ARG;
import static io.redoubt.server.config.Directive.OCTAL;
import static io.redoubt.server.config.Directive.PERCENT;
import static io.redoubt.server.config.Directive.PROTECTED;
import static io.redoubt.server.config.Directive.SENSITIVE;

/**
 * Every directive Redis 7.2 knows, with its name, old alias, kind, default, limits and flags, so that any
 * Redis 7 redis.conf loads unchanged and CONFIG GET answers as Redis does. Directives of features Redoubt
 * does not have yet are kept and shown, not acted on (docs/configuration.md lists them).
 */
final class ConfigDirectives {
    private static final int MOD = 0;
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long INT_MIN = Integer.MIN_VALUE;
    private static final long UINT_MAX = 0xFFFFFFFFL;
    private static final long LONG_MAX = Long.MAX_VALUE;

    /** The default of client-output-buffer-limit, as CONFIG GET shows it. */
    static final String OUTPUT_LIMITS_DEFAULT = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";
    static final String BIND_DEFAULT = "127.0.0.1 -::1";
    static final String OOM_SCORE_DEFAULT = "0 200 800";

    private ConfigDirectives() {
    }

    static void defineAll(ServerConfig c) {
        // ---------------------------------------------------------------- yes/no
        bool(c, "rdbchecksum", null, IMMUTABLE, true);
        bool(c, "daemonize", null, IMMUTABLE, false);
        bool(c, "io-threads-do-reads", null, IMMUTABLE, false);
        bool(c, "always-show-logo", null, IMMUTABLE, false);
        bool(c, "protected-mode", null, MOD, true);
        bool(c, "rdbcompression", null, MOD, true);
        bool(c, "rdb-del-sync-files", null, MOD, false);
        bool(c, "activerehashing", null, MOD, true);
        bool(c, "stop-writes-on-bgsave-error", null, MOD, true);
        bool(c, "set-proc-title", null, IMMUTABLE, true);
        bool(c, "dynamic-hz", null, MOD, true);
        bool(c, "lazyfree-lazy-eviction", null, MOD, false);
        bool(c, "lazyfree-lazy-expire", null, MOD, false);
        bool(c, "lazyfree-lazy-server-del", null, MOD, false);
        bool(c, "lazyfree-lazy-user-del", null, MOD, false);
        bool(c, "lazyfree-lazy-user-flush", null, MOD, false);
        bool(c, "repl-disable-tcp-nodelay", null, MOD, false);
        bool(c, "repl-diskless-sync", null, MOD, true);
        bool(c, "aof-rewrite-incremental-fsync", null, MOD, true);
        bool(c, "no-appendfsync-on-rewrite", null, MOD, false);
        bool(c, "cluster-require-full-coverage", null, MOD, true);
        bool(c, "rdb-save-incremental-fsync", null, MOD, true);
        bool(c, "aof-load-truncated", null, MOD, true);
        bool(c, "aof-use-rdb-preamble", null, MOD, true);
        bool(c, "aof-timestamp-enabled", null, MOD, false);
        bool(c, "cluster-replica-no-failover", "cluster-slave-no-failover", MOD, false);
        bool(c, "replica-lazy-flush", "slave-lazy-flush", MOD, false);
        bool(c, "replica-serve-stale-data", "slave-serve-stale-data", MOD, true);
        bool(c, "replica-read-only", "slave-read-only", MOD, true);
        bool(c, "replica-ignore-maxmemory", "slave-ignore-maxmemory", MOD, true);
        bool(c, "jemalloc-bg-thread", null, MOD, true);
        bool(c, "activedefrag", null, MOD, false);
        bool(c, "syslog-enabled", null, IMMUTABLE, false);
        bool(c, "cluster-enabled", null, IMMUTABLE, false);
        bool(c, "appendonly", null, MOD, false);
        bool(c, "cluster-allow-reads-when-down", null, MOD, false);
        bool(c, "cluster-allow-pubsubshard-when-down", null, MOD, true);
        bool(c, "crash-log-enabled", null, MOD, true);
        bool(c, "crash-memcheck-enabled", null, MOD, true);
        bool(c, "use-exit-on-panic", null, HIDDEN, false);
        bool(c, "disable-thp", null, IMMUTABLE, true);
        bool(c, "cluster-allow-replica-migration", null, MOD, true);
        bool(c, "replica-announced", null, MOD, true);
        bool(c, "latency-tracking", null, MOD, true);
        bool(c, "aof-disable-auto-gc", null, HIDDEN, false);
        bool(c, "replica-ignore-disk-write-errors", null, MOD, false);
        bool(c, "tls-cluster", null, MOD, false);
        bool(c, "tls-replication", null, MOD, false);
        bool(c, "tls-prefer-server-ciphers", null, MOD, false);
        bool(c, "tls-session-caching", null, MOD, true);

        // ---------------------------------------------------------------- strings
        string(c, "aclfile", null, IMMUTABLE, "");
        string(c, "unixsocket", null, IMMUTABLE | EMPTY_IS_NULL, "");
        string(c, "pidfile", null, IMMUTABLE | EMPTY_IS_NULL, "");
        string(c, "replica-announce-ip", "slave-announce-ip", EMPTY_IS_NULL, "");
        string(c, "masteruser", null, SENSITIVE | EMPTY_IS_NULL, "");
        string(c, "cluster-announce-ip", null, EMPTY_IS_NULL, "");
        string(c, "cluster-config-file", null, IMMUTABLE, "nodes.conf");
        string(c, "cluster-announce-hostname", null, EMPTY_IS_NULL, "").validator = ConfigDirectives::checkHostname;
        string(c, "cluster-announce-human-nodename", null, EMPTY_IS_NULL, "");
        string(c, "syslog-ident", null, IMMUTABLE, "redis");
        string(c, "dbfilename", null, PROTECTED, "dump.rdb").validator = v -> checkBaseName(v, "dbfilename", "a filename", false);
        string(c, "appendfilename", null, IMMUTABLE, "appendonly.aof").validator = v -> checkBaseName(v, "appendfilename", "a filename", true);
        string(c, "appenddirname", null, IMMUTABLE, "appendonlydir").validator = v -> checkBaseName(v, "appenddirname", "a dirname", true);
        string(c, "server_cpulist", null, IMMUTABLE | EMPTY_IS_NULL, "");
        string(c, "bio_cpulist", null, IMMUTABLE | EMPTY_IS_NULL, "");
        string(c, "aof_rewrite_cpulist", null, IMMUTABLE | EMPTY_IS_NULL, "");
        string(c, "bgsave_cpulist", null, IMMUTABLE | EMPTY_IS_NULL, "");
        string(c, "ignore-warnings", null, MOD, "");
        string(c, "proc-title-template", null, MOD, "{title} {listen-addr} {server-mode}");
        string(c, "bind-source-addr", null, EMPTY_IS_NULL, "");
        string(c, "logfile", null, IMMUTABLE, "");
        string(c, "locale-collate", null, MOD, "");
        string(c, "masterauth", null, SENSITIVE | EMPTY_IS_NULL, "");
        string(c, "requirepass", null, SENSITIVE | EMPTY_IS_NULL, "");
        string(c, "tls-cert-file", null, EMPTY_IS_NULL, "");
        string(c, "tls-key-file", null, EMPTY_IS_NULL, "");
        string(c, "tls-key-file-pass", null, EMPTY_IS_NULL, "");
        string(c, "tls-client-cert-file", null, EMPTY_IS_NULL, "");
        string(c, "tls-client-key-file", null, EMPTY_IS_NULL, "");
        string(c, "tls-client-key-file-pass", null, EMPTY_IS_NULL, "");
        string(c, "tls-dh-params-file", null, EMPTY_IS_NULL, "");
        string(c, "tls-ca-cert-file", null, EMPTY_IS_NULL, "");
        string(c, "tls-ca-cert-dir", null, EMPTY_IS_NULL, "");
        string(c, "tls-protocols", null, EMPTY_IS_NULL, "");
        string(c, "tls-ciphers", null, EMPTY_IS_NULL, "");
        string(c, "tls-ciphersuites", null, EMPTY_IS_NULL, "");

        // ---------------------------------------------------------------- enumerations
        enumeration(c, "supervised", IMMUTABLE, "no", names("upstart", "systemd", "auto", "no"), values(1, 2, 3, 0));
        enumeration(c, "syslog-facility", IMMUTABLE, "local0",
                names("user", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"), values(0, 1, 2, 3, 4, 5, 6, 7, 8));
        enumeration(c, "repl-diskless-load", MOD, "disabled", names("disabled", "on-empty-db", "swapdb"), values(0, 1, 2));
        enumeration(c, "loglevel", MOD, "notice", names("debug", "verbose", "notice", "warning", "nothing"), values(0, 1, 2, 3, 4));
        enumeration(c, "maxmemory-policy", MOD, "noeviction",
                names("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu",
                        "allkeys-random", "noeviction"), values(0, 1, 2, 3, 4, 5, 6, 7));
        enumeration(c, "appendfsync", MOD, "everysec", names("everysec", "always", "no"), values(0, 1, 2));
        // "yes" and "relative" mean the same; CONFIG GET shows the first name, as Redis does.
        enumeration(c, "oom-score-adj", MOD, "no", names("no", "yes", "relative", "absolute"), values(0, 1, 1, 2));
        enumeration(c, "acl-pubsub-default", MOD, "resetchannels", names("allchannels", "resetchannels"), values(1, 0));
        enumeration(c, "sanitize-dump-payload", MOD, "no", names("no", "yes", "clients"), values(0, 1, 2));
        enumeration(c, "enable-protected-configs", IMMUTABLE, "no", names("no", "yes", "local"), values(0, 1, 2));
        enumeration(c, "enable-debug-command", IMMUTABLE, "no", names("no", "yes", "local"), values(0, 1, 2));
        enumeration(c, "enable-module-command", IMMUTABLE, "no", names("no", "yes", "local"), values(0, 1, 2));
        enumeration(c, "cluster-preferred-endpoint-type", MOD, "ip", names("ip", "hostname", "unknown-endpoint"), values(0, 1, 2));
        enumeration(c, "propagation-error-behavior", MOD, "ignore", names("ignore", "panic", "panic-on-replicas"), values(0, 1, 2));
        enumeration(c, "shutdown-on-sigint", MULTI_ARG, "default", names("default", "save", "nosave", "now", "force"), values(0, 1, 2, 4, 8));
        enumeration(c, "shutdown-on-sigterm", MULTI_ARG, "default", names("default", "save", "nosave", "now", "force"), values(0, 1, 2, 4, 8));
        enumeration(c, "tls-auth-clients", MOD, "yes", names("no", "yes", "optional"), values(0, 1, 2));

        // ---------------------------------------------------------------- numbers
        number(c, "databases", null, IMMUTABLE, 1, INT_MAX, 16);
        // port and bind stay immutable: rebinding needs the listeners moved off the keyspace event loop first.
        number(c, "port", null, IMMUTABLE, 0, 65535, 6379);
        number(c, "io-threads", null, IMMUTABLE, 1, 128, 1);
        number(c, "auto-aof-rewrite-percentage", null, MOD, 0, INT_MAX, 100);
        number(c, "cluster-replica-validity-factor", "cluster-slave-validity-factor", MOD, 0, INT_MAX, 10);
        number(c, "list-max-listpack-size", "list-max-ziplist-size", MOD, INT_MIN, INT_MAX, -2);
        number(c, "tcp-keepalive", null, MOD, 0, INT_MAX, 300);
        number(c, "cluster-migration-barrier", null, MOD, 0, INT_MAX, 1);
        number(c, "active-defrag-cycle-min", null, MOD, 1, 99, 1);
        number(c, "active-defrag-cycle-max", null, MOD, 1, 99, 25);
        number(c, "active-defrag-threshold-lower", null, MOD, 0, 1000, 10);
        number(c, "active-defrag-threshold-upper", null, MOD, 0, 1000, 100);
        number(c, "lfu-log-factor", null, MOD, 0, INT_MAX, 10);
        number(c, "lfu-decay-time", null, MOD, 0, INT_MAX, 1);
        number(c, "replica-priority", "slave-priority", MOD, 0, INT_MAX, 100);
        number(c, "repl-diskless-sync-delay", null, MOD, 0, INT_MAX, 5);
        number(c, "maxmemory-samples", null, MOD, 1, INT_MAX, 5);
        number(c, "maxmemory-eviction-tenacity", null, MOD, 0, 100, 10);
        number(c, "timeout", null, MOD, 0, INT_MAX, 0);
        number(c, "replica-announce-port", "slave-announce-port", MOD, 0, 65535, 0);
        number(c, "tcp-backlog", null, IMMUTABLE, 0, INT_MAX, 511);
        number(c, "cluster-port", null, IMMUTABLE, 0, 65535, 0);
        number(c, "cluster-announce-bus-port", null, MOD, 0, 65535, 0);
        number(c, "cluster-announce-port", null, MOD, 0, 65535, 0);
        number(c, "cluster-announce-tls-port", null, MOD, 0, 65535, 0);
        number(c, "repl-timeout", null, MOD, 1, INT_MAX, 60);
        number(c, "repl-ping-replica-period", "repl-ping-slave-period", MOD, 1, INT_MAX, 10);
        number(c, "list-compress-depth", null, MOD, 0, INT_MAX, 0);
        number(c, "rdb-key-save-delay", null, HIDDEN, INT_MIN, INT_MAX, 0);
        number(c, "key-load-delay", null, HIDDEN, INT_MIN, INT_MAX, 0);
        number(c, "active-expire-effort", null, MOD, 1, 10, 1);
        number(c, "hz", null, MOD, 0, INT_MAX, 10);
        number(c, "min-replicas-to-write", "min-slaves-to-write", MOD, 0, INT_MAX, 0);
        number(c, "min-replicas-max-lag", "min-slaves-max-lag", MOD, 0, INT_MAX, 10);
        number(c, "watchdog-period", null, HIDDEN, 0, INT_MAX, 0);
        number(c, "shutdown-timeout", null, MOD, 0, INT_MAX, 10);
        number(c, "repl-diskless-sync-max-replicas", null, MOD, 0, INT_MAX, 0);
        number(c, "maxclients", null, MOD, 1, UINT_MAX, 10000);
        number(c, "unixsocketperm", null, IMMUTABLE | OCTAL, 0, 0777, 0);
        number(c, "socket-mark-id", null, IMMUTABLE, 0, UINT_MAX, 0);
        number(c, "active-defrag-max-scan-fields", null, MOD, 1, LONG_MAX, 1000);
        number(c, "slowlog-max-len", null, MOD, 0, LONG_MAX, 128);
        number(c, "acllog-max-len", null, MOD, 0, LONG_MAX, 128);
        number(c, "busy-reply-threshold", "lua-time-limit", MOD, 0, LONG_MAX, 5000);
        number(c, "cluster-node-timeout", null, MOD, 0, LONG_MAX, 15000);
        number(c, "cluster-ping-interval", null, HIDDEN, 0, LONG_MAX, 0);
        number(c, "slowlog-log-slower-than", null, MOD, -1, LONG_MAX, 10000);
        number(c, "latency-monitor-threshold", null, MOD, 0, LONG_MAX, 0);
        number(c, "proto-max-bulk-len", null, MEMORY, 1024 * 1024, LONG_MAX, 512L * 1024 * 1024);
        number(c, "stream-node-max-entries", null, MOD, 0, LONG_MAX, 100);
        number(c, "repl-backlog-size", null, MEMORY, 1, LONG_MAX, 1024 * 1024);
        number(c, "maxmemory", null, MEMORY, 0, LONG_MAX, 0);
        number(c, "cluster-link-sendbuf-limit", null, MEMORY, 0, LONG_MAX, 0);
        number(c, "hash-max-listpack-entries", "hash-max-ziplist-entries", MOD, 0, LONG_MAX, 512);
        number(c, "set-max-intset-entries", null, MOD, 0, LONG_MAX, 512);
        number(c, "set-max-listpack-entries", null, MOD, 0, LONG_MAX, 128);
        number(c, "set-max-listpack-value", null, MOD, 0, LONG_MAX, 64);
        number(c, "zset-max-listpack-entries", "zset-max-ziplist-entries", MOD, 0, LONG_MAX, 128);
        number(c, "active-defrag-ignore-bytes", null, MEMORY, 1, LONG_MAX, 100L << 20);
        number(c, "hash-max-listpack-value", "hash-max-ziplist-value", MEMORY, 0, LONG_MAX, 64);
        number(c, "stream-node-max-bytes", null, MEMORY, 0, LONG_MAX, 4096);
        number(c, "zset-max-listpack-value", "zset-max-ziplist-value", MEMORY, 0, LONG_MAX, 64);
        number(c, "hll-sparse-max-bytes", null, MEMORY, 0, LONG_MAX, 3000);
        number(c, "tracking-table-max-keys", null, MOD, 0, LONG_MAX, 1000000);
        number(c, "client-query-buffer-limit", null, MEMORY, 1024 * 1024, LONG_MAX, 1024L * 1024 * 1024);
        number(c, "maxmemory-clients", null, MEMORY | PERCENT, -100, LONG_MAX, 0);
        number(c, "repl-backlog-ttl", null, MOD, 0, LONG_MAX, 3600);
        number(c, "auto-aof-rewrite-min-size", null, MEMORY, 0, LONG_MAX, 64L * 1024 * 1024);
        number(c, "loading-process-events-interval-bytes", null, HIDDEN, 1024, INT_MAX, 2L * 1024 * 1024);
        number(c, "tls-port", null, MOD, 0, 65535, 0);
        number(c, "tls-session-cache-size", null, MOD, 0, INT_MAX, 20 * 1024);
        number(c, "tls-session-cache-timeout", null, MOD, 0, INT_MAX, 300);

        // ---------------------------------------------------------------- directives with their own syntax
        special(c, "dir", null, PROTECTED, Path.of("").toAbsolutePath().toString(), ConfigDirectives::parseDir);
        special(c, "save", null, MULTI_ARG, "3600 1 300 100 60 10000", ConfigDirectives::parseSave);
        special(c, "client-output-buffer-limit", null, MULTI_ARG, OUTPUT_LIMITS_DEFAULT, ConfigDirectives::parseOutputLimits);
        special(c, "oom-score-adj-values", null, MULTI_ARG, OOM_SCORE_DEFAULT, ConfigDirectives::parseOomScores);
        special(c, "notify-keyspace-events", null, MOD, "", ConfigDirectives::parseKeyspaceEvents);
        special(c, "bind", null, IMMUTABLE | MULTI_ARG, BIND_DEFAULT, ConfigDirectives::parseBind);
        special(c, "replicaof", "slaveof", IMMUTABLE | MULTI_ARG, "", ConfigDirectives::parseReplicaOf);
        special(c, "latency-tracking-info-percentiles", null, MULTI_ARG, "50 99 99.9", ConfigDirectives::parsePercentiles);
    }

    /** Old directives Redis still accepts in files and ignores, with the argument count they must have. */
    static boolean isDeprecated(String name, int argc) {
        return argc == 2 && (name.equals("list-max-ziplist-entries") || name.equals("list-max-ziplist-value")
                || name.equals("lua-replicate-commands"));
    }

    // ------------------------------------------------------------------ definition helpers

    private static String[] names(String... n) {
        return n;
    }

    private static int[] values(int... v) {
        return v;
    }

    private static Directive bool(ServerConfig c, String name, String alias, int flags, boolean def) {
        return define(c, new Directive(name, Directive.Kind.BOOL, def ? "yes" : "no", flags, null, null, 0, 0), alias);
    }

    private static Directive string(ServerConfig c, String name, String alias, int flags, String def) {
        return define(c, new Directive(name, Directive.Kind.STRING, def, flags, null, null, 0, 0), alias);
    }

    private static Directive number(ServerConfig c, String name, String alias, int flags, long min, long max, long def) {
        Directive.Kind kind = (flags & MEMORY) != 0 ? Directive.Kind.MEMORY : Directive.Kind.INT;
        String text = (flags & OCTAL) != 0 ? Long.toOctalString(def) : Long.toString(def);
        return define(c, new Directive(name, kind, text, flags, null, null, min, max), alias);
    }

    private static Directive enumeration(ServerConfig c, String name, int flags, String def, String[] names, int[] values) {
        return define(c, new Directive(name, Directive.Kind.ENUM, def, flags, names, values, 0, 0), null);
    }

    private static Directive special(ServerConfig c, String name, String alias, int flags, String def, Directive.Special parser) {
        Directive d = new Directive(name, Directive.Kind.MULTI, def, flags, null, null, 0, 0);
        d.special = parser;
        return define(c, d, alias);
    }

    private static Directive define(ServerConfig c, Directive d, String alias) {
        c.define(d);
        if (alias != null) {
            c.alias(alias, d.name);
        }
        return d;
    }

    // ------------------------------------------------------------------ validators

    private static void checkBaseName(String v, String name, String what, boolean nonEmpty) throws ConfigException {
        if (nonEmpty && v.isEmpty()) {
            throw new ConfigException(name + " can't be empty");
        }
        if (v.contains("/") || v.equals(".") || v.equals("..")) {
            throw new ConfigException(name + " can't be a path, just " + what);
        }
    }

    private static void checkHostname(String v) throws ConfigException {
        if (v.length() >= 256) {
            throw new ConfigException("Hostnames must be less than 256 characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (!(Character.isLetterOrDigit(ch) && ch < 128) && ch != '-' && ch != '.') {
                throw new ConfigException("Hostnames may only contain alphanumeric characters, hyphens or dots");
            }
        }
    }

    // ------------------------------------------------------------------ directives with their own syntax

    /** {@code save <seconds> <changes> [<seconds> <changes> ...]}, or {@code save ""} for none. */
    static String parseSave(List<String> args, String current) throws ConfigException {
        if (args.size() == 1 && args.get(0).isEmpty()) {
            return "";
        }
        if (args.size() % 2 != 0) {
            throw new ConfigException("Invalid save parameters");
        }
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < args.size(); j++) {
            long v;
            try {
                v = Long.parseLong(args.get(j));
            } catch (NumberFormatException e) {
                throw new ConfigException("Invalid save parameters");
            }
            if ((j % 2 == 0 && v < 1) || (j % 2 == 1 && v < 0)) {
                throw new ConfigException("Invalid save parameters");
            }
            if (j > 0) {
                sb.append(' ');
            }
            sb.append(v);
        }
        return sb.toString();
    }

    /**
     * {@code client-output-buffer-limit <class> <hard> <soft> <seconds> ...}: sets only the classes named,
     * all or nothing. The canonical form names all three classes, "slave" for replicas, as Redis shows it.
     */
    static String parseOutputLimits(List<String> args, String current) throws ConfigException {
        if (args.size() % 4 != 0) {
            throw new ConfigException("Wrong number of arguments in buffer limit configuration.");
        }
        String[] classes = {"normal", "slave", "pubsub"};
        String[] cur = current.split(" ");
        String[][] limits = new String[3][];
        for (int i = 0; i < 3; i++) {
            limits[i] = new String[] {cur[i * 4 + 1], cur[i * 4 + 2], cur[i * 4 + 3]};
        }
        for (int j = 0; j < args.size(); j += 4) {
            int cls = switch (args.get(j).toLowerCase(Locale.ROOT)) {
                case "normal" -> 0;
                case "replica", "slave" -> 1;
                case "pubsub" -> 2;
                default -> -1;
            };
            if (cls < 0) {
                throw new ConfigException("Invalid client class specified in buffer limit configuration.");
            }
            Long hard = Units.memoryOrNull(args.get(j + 1));
            Long soft = Units.memoryOrNull(args.get(j + 2));
            Long seconds;
            try {
                seconds = Long.parseLong(args.get(j + 3));
            } catch (NumberFormatException e) {
                seconds = null;
            }
            if (hard == null || soft == null || seconds == null || seconds < 0) {
                throw new ConfigException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            limits[cls] = new String[] {hard.toString(), soft.toString(), seconds.toString()};
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(classes[i]).append(' ').append(String.join(" ", limits[i]));
        }
        return sb.toString();
    }

    private static String parseOomScores(List<String> args, String current) throws ConfigException {
        if (args.size() != 3) {
            throw new ConfigException("wrong number of arguments");
        }
        List<String> out = new ArrayList<>();
        for (String a : args) {
            Long v = Units.strictLong(a);
            if (v == null || v < -2000 || v > 2000) {
                throw new ConfigException("Invalid oom-score-adj-values, elements must be between -2000 and 2000.");
            }
            out.add(v.toString());
        }
        return String.join(" ", out);
    }

    private static final String EVENT_CLASSES = "g$lshzxetdn";
    /** The classes "A" stands for: all but new-key (n) and key-miss (m) events. */
    private static final String ALL_CLASSES = "g$lshzxetd";

    /** Keyspace event classes, in Redis's canonical order ("A" standing for all of g$lshzxetdn). */
    static String parseKeyspaceEvents(List<String> args, String current) throws ConfigException {
        if (args.size() != 1) {
            throw new ConfigException("wrong number of arguments");
        }
        String in = args.get(0);
        boolean all = false;
        StringBuilder classes = new StringBuilder();
        for (int i = 0; i < in.length(); i++) {
            char ch = in.charAt(i);
            if (ch == 'A') {
                all = true;
            } else if ("g$lshzxeKEtmdn".indexOf(ch) < 0) {
                throw new ConfigException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
            }
        }
        boolean hasAll = all;
        if (!hasAll) {
            hasAll = true;
            for (char ch : ALL_CLASSES.toCharArray()) {
                hasAll &= in.indexOf(ch) >= 0;
            }
        }
        if (hasAll) {
            // Redis shows "A" alone but keeps new-key events on; the value here is what the server applies.
            classes.append(in.indexOf('n') >= 0 ? "An" : "A");
        } else {
            for (char ch : EVENT_CLASSES.toCharArray()) {
                if (in.indexOf(ch) >= 0) {
                    classes.append(ch);
                }
            }
        }
        for (char ch : "KEm".toCharArray()) {
            if (in.indexOf(ch) >= 0) {
                classes.append(ch);
            }
        }
        return classes.toString();
    }

    private static String parseBind(List<String> args, String current) throws ConfigException {
        if (args.size() > 16) {
            throw new ConfigException("Too many bind addresses specified.");
        }
        if (args.size() == 1 && args.get(0).isEmpty()) {
            return "";
        }
        return String.join(" ", args);
    }

    private static String parseReplicaOf(List<String> args, String current) throws ConfigException {
        if (args.size() != 2) {
            throw new ConfigException("wrong number of arguments");
        }
        if (args.get(0).equalsIgnoreCase("no") && args.get(1).equalsIgnoreCase("one")) {
            return "";
        }
        long port;
        try {
            port = Long.parseLong(args.get(1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("Invalid master port");
        }
        return args.get(0) + " " + port;
    }

    private static String parsePercentiles(List<String> args, String current) throws ConfigException {
        if (args.isEmpty() || (args.size() == 1 && args.get(0).isEmpty())) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String a : args) {
            double p;
            try {
                p = Double.parseDouble(a);
            } catch (NumberFormatException e) {
                throw new ConfigException("Invalid latency-tracking-info-percentiles parameters");
            }
            if (Double.isNaN(p) || p > 100.0 || p < 0.0) {
                throw new ConfigException("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]");
            }
            String s = new BigDecimal(p).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
            out.add(s);
        }
        return String.join(" ", out);
    }

    /**
     * {@code dir}: Java cannot change its working directory, so the directory is checked and kept as an
     * absolute path; files the server writes (dump, append-only log, nodes.conf) are resolved against it.
     */
    private static String parseDir(List<String> args, String current) throws ConfigException {
        if (args.size() != 1) {
            throw new ConfigException("wrong number of arguments");
        }
        // Relative to the previous dir, as successive chdir calls are in Redis.
        Path p = Path.of(current.isEmpty() ? "" : current).resolve(args.get(0)).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new ConfigException("No such file or directory");
        }
        if (!Files.isDirectory(p)) {
            throw new ConfigException("Not a directory");
        }
        return p.toString();
    }
}
