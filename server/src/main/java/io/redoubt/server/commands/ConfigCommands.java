package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.Server;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandSpec;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.config.ConfigException;
import io.redoubt.server.config.ConfigRewrite;
import io.redoubt.server.config.Directive;
import io.redoubt.server.config.ServerConfig;
import io.redoubt.server.net.Reply;
import io.redoubt.server.util.Glob;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CONFIG GET, SET, RESETSTAT, REWRITE and HELP. */
public final class ConfigCommands {
    private ConfigCommands() {
    }

    public static void register(CommandTable t) {
        CommandSpec config = t.container("config", "").group("server").since("2.0.0")
                .doc("A container for server configuration commands.", "Depends on subcommand.", "");
        config.sub("get", -3, "admin noscript loading stale", ConfigCommands::get)
                .doc("Returns the effective values of configuration parameters.",
                        "O(N) when N is the number of configuration parameters provided", "parameter [parameter ...]");
        config.sub("set", -4, "admin noscript loading stale", ConfigCommands::set)
                .tips("request_policy:all_nodes response_policy:all_succeeded")
                .doc("Sets configuration parameters in-flight.",
                        "O(N) when N is the number of configuration parameters provided", "parameter value [parameter value ...]");
        config.sub("resetstat", 2, "admin noscript loading stale", ConfigCommands::resetStat)
                .tips("request_policy:all_nodes response_policy:all_succeeded")
                .doc("Resets the server's statistics.", "O(1)", "");
        config.sub("rewrite", 2, "admin noscript loading stale", ConfigCommands::rewrite)
                .tips("request_policy:all_nodes response_policy:all_succeeded").since("2.8.0")
                .doc("Persists the effective configuration to file.", "O(1)", "");
        config.sub("help", 2, "loading stale", ConfigCommands::help).since("5.0.0")
                .doc("Returns helpful text about the different subcommands.", "O(1)", "");
    }

    /* CONFIG GET parameter [parameter ...] */
    static void get(Client c, CommandArgs a) {
        ServerConfig config = c.server().config();
        Map<String, Directive> matches = new LinkedHashMap<>();
        for (int i = 2; i < a.count(); i++) {
            String pattern = a.string(i);
            if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
                // An exact name answers under the name asked, hidden directives included, as in Redis.
                Directive d = config.directive(pattern);
                if (d != null && !matches.containsKey(pattern)) {
                    matches.put(pattern, d);
                }
                continue;
            }
            byte[] p = a.bytes(i);
            for (Directive d : config.directives()) {
                if (!d.has(Directive.HIDDEN) && !matches.containsKey(d.name()) && Glob.matches(p, bytes(d.name()), true)) {
                    matches.put(d.name(), d);
                }
            }
            for (Map.Entry<String, Directive> e : config.aliases().entrySet()) {
                if (!matches.containsKey(e.getKey()) && Glob.matches(p, bytes(e.getKey()), true)) {
                    matches.put(e.getKey(), e.getValue());
                }
            }
        }
        Reply r = c.reply();
        r.map(matches.size());
        for (Map.Entry<String, Directive> e : matches.entrySet()) {
            r.bulk(e.getKey());
            r.bulk(config.get(e.getValue().name()));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /* CONFIG SET parameter value [parameter value ...] */
    static void set(Client c, CommandArgs a) {
        if ((a.count() & 1) != 0) {
            throw CommandError.SYNTAX;
        }
        ServerConfig config = c.server().config();
        List<String> pairs = new ArrayList<>(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            pairs.add(a.string(i));
            Directive d = (i & 1) == 0 ? config.directive(a.string(i)) : null;
            if (d != null && d.has(Directive.SENSITIVE)) {
                // Even when CONFIG SET fails: a password must not reach the slow log.
                c.redactArgument(i + 1);
            }
        }
        try {
            config.configSet(pairs, protectedAllowed(c, config.get("enable-protected-configs")));
        } catch (ConfigException e) {
            throw new CommandError("ERR " + e.getMessage());
        }
        c.reply().ok();
    }

    /** Protected directives (dir, dbfilename) change only when enable-protected-configs allows this client. */
    private static boolean protectedAllowed(Client c, String setting) {
        if (setting.equals("yes")) {
            return true;
        }
        if (!setting.equals("local")) {
            return false;
        }
        return !(c.channel().remoteAddress() instanceof InetSocketAddress addr)
                || (addr.getAddress() != null && addr.getAddress().isLoopbackAddress());
    }

    /* CONFIG RESETSTAT */
    static void resetStat(Client c, CommandArgs a) {
        // As Redis: server counters, per-command statistics and error counts; not the slow log.
        Server server = c.server();
        server.stats().reset();
        for (CommandSpec cmd : server.commands().all()) {
            cmd.resetStats();
            for (CommandSpec sub : cmd.subcommands().values()) {
                sub.resetStats();
            }
        }
        c.reply().ok();
    }

    /* CONFIG REWRITE */
    static void rewrite(Client c, CommandArgs a) {
        Server server = c.server();
        if (server.configFile().isEmpty()) {
            throw new CommandError("ERR The server is running without a config file");
        }
        try {
            ConfigRewrite.rewrite(Path.of(server.configFile()), server.config());
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "Permission denied"
                    : e instanceof NoSuchFileException ? "No such file or directory" : String.valueOf(e.getMessage());
            server.log().warning("CONFIG REWRITE failed: " + why);
            throw new CommandError("ERR Rewriting config file: " + why);
        }
        server.log().notice("CONFIG REWRITE executed with success.");
        c.reply().ok();
    }

    private static final String[] HELP = {
        "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GET <pattern>",
        "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>",
        "    Set the configuration <directive> to <value>.",
        "RESETSTAT",
        "    Reset statistics reported by the INFO command.",
        "REWRITE",
        "    Rewrite the configuration file.",
        "HELP",
        "    Prints this help.",
    };

    /* CONFIG HELP */
    static void help(Client c, CommandArgs a) {
        Reply r = c.reply();
        r.array(HELP.length);
        for (String line : HELP) {
            r.simple(line);
        }
    }
}
