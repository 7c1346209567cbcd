package io.redoubt.server.commands;

import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandFlags;
import io.redoubt.server.command.CommandSpec;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;
import io.redoubt.server.util.Glob;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND and its subcommands: the command table's own introspection, in Redis 7.2's formats. Everything
 * is read from the table (flags, key positions, documentation), never kept here.
 */
public final class CommandCommands {
    /** ACL categories in the order Redis lists them (its ACL category table). */
    private static final List<String> CATEGORY_ORDER = List.of(
            "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog",
            "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection",
            "transaction", "scripting");

    private static final String[] HELP = {
        "(no subcommand)",
        "    Return details about all Redis commands.",
        "COUNT",
        "    Return the total number of commands in this Redis server.",
        "LIST",
        "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>",
        "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>",
        "    Return the keys and the access flags from a full Redis command.",
    };

    private CommandCommands() {
    }

    public static void register(CommandTable t) {
        CommandSpec command = t.add("command", -1, "loading stale", CommandCommands::command).group("server")
                .since("2.8.13").acl("@connection").tips("nondeterministic_output_order")
                .doc("Returns detailed information about all commands.", "O(N) where N is the total number of Redis commands", "");
        command.sub("count", 2, "loading stale", CommandCommands::count).acl("@connection").since("2.8.13")
                .doc("Returns a count of commands.", "O(1)", "");
        command.sub("docs", -2, "loading stale", CommandCommands::docs).acl("@connection").since("7.0.0")
                .tips("nondeterministic_output_order")
                .doc("Returns documentary information about one, multiple or all commands.",
                        "O(N) where N is the number of commands to look up", "[command-name [command-name ...]]");
        command.sub("getkeys", -3, "loading stale", CommandCommands::getKeys).acl("@connection").since("2.8.13")
                .doc("Extracts the key names from an arbitrary command.", "O(N) where N is the number of arguments to the command",
                        "command [arg [arg ...]]");
        command.sub("getkeysandflags", -3, "loading stale", CommandCommands::getKeysAndFlags).acl("@connection")
                .since("7.0.0")
                .doc("Extracts the key names and access flags for an arbitrary command.",
                        "O(N) where N is the number of arguments to the command", "command [arg [arg ...]]");
        command.sub("help", 2, "loading stale", CommandCommands::help).acl("@connection").since("5.0.0")
                .doc("Returns helpful text about the different subcommands.", "O(1)", "");
        command.sub("info", -2, "loading stale", CommandCommands::info).acl("@connection").since("2.8.13")
                .tips("nondeterministic_output_order")
                .doc("Returns information about one, multiple or all commands.",
                        "O(N) where N is the number of commands to look up", "[command-name [command-name ...]]");
        command.sub("list", -2, "loading stale", CommandCommands::list).acl("@connection").since("7.0.0")
                .tips("nondeterministic_output_order")
                .doc("Returns a list of command names.", "O(N) where N is the total number of Redis commands",
                        "[FILTERBY <MODULE module-name | ACLCAT category | PATTERN pattern>]");
    }

    /* COMMAND */
    static void command(Client c, CommandArgs a) {
        Collection<CommandSpec> all = c.server().commands().all();
        c.reply().array(all.size());
        for (CommandSpec cmd : all) {
            replyInfo(c.reply(), cmd);
        }
    }

    /* COMMAND COUNT */
    static void count(Client c, CommandArgs a) {
        c.reply().integer(c.server().commands().size());
    }

    /* COMMAND HELP */
    static void help(Client c, CommandArgs a) {
        Reply r = c.reply();
        r.array(HELP.length + 3);
        r.simple("COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : HELP) {
            r.simple(line);
        }
        r.simple("HELP");
        r.simple("    Prints this help.");
    }

    /* COMMAND INFO [command-name [command-name ...]] */
    static void info(Client c, CommandArgs a) {
        if (a.count() == 2) {
            command(c, a);
            return;
        }
        Reply r = c.reply();
        r.array(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            CommandSpec cmd = lookup(c.server().commands(), a.string(i));
            if (cmd == null) {
                r.nullBulk();
            } else {
                replyInfo(r, cmd);
            }
        }
    }

    /* COMMAND DOCS [command-name [command-name ...]] */
    static void docs(Client c, CommandArgs a) {
        Reply r = c.reply();
        List<CommandSpec> found = new ArrayList<>();
        if (a.count() == 2) {
            found.addAll(c.server().commands().all());
        } else {
            for (int i = 2; i < a.count(); i++) {
                CommandSpec cmd = lookup(c.server().commands(), a.string(i));
                if (cmd != null) {
                    found.add(cmd);
                }
            }
        }
        r.map(found.size());
        for (CommandSpec cmd : found) {
            r.bulk(cmd.fullName());
            replyDocs(r, cmd);
        }
    }

    /* COMMAND LIST [FILTERBY <MODULE module-name | ACLCAT category | PATTERN pattern>] */
    static void list(Client c, CommandArgs a) {
        String filter = null;
        String value = null;
        for (int i = 2; i < a.count(); i++) {
            if (a.is(i, "FILTERBY") && a.count() - 1 - i == 2) {
                if (a.is(i + 1, "MODULE") || a.is(i + 1, "ACLCAT") || a.is(i + 1, "PATTERN")) {
                    filter = a.string(i + 1).toLowerCase(Locale.ROOT);
                } else {
                    throw CommandError.SYNTAX;
                }
                value = a.string(i + 2);
                i += 2;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        List<String> names = new ArrayList<>();
        collect(c.server().commands().all(), filter, value, names);
        Reply r = c.reply();
        r.array(names.size());
        for (String n : names) {
            r.bulk(n);
        }
    }

    private static void collect(Collection<CommandSpec> cmds, String filter, String value, List<String> out) {
        for (CommandSpec cmd : cmds) {
            boolean keep;
            if (filter == null) {
                keep = true;
            } else if (filter.equals("module")) {
                keep = false; // no module commands exist
            } else if (filter.equals("aclcat")) {
                keep = aclCategories(cmd).contains(value.toLowerCase(Locale.ROOT));
            } else {
                keep = Glob.matches(value, cmd.fullName(), true);
            }
            if (keep) {
                out.add(cmd.fullName());
            }
            collect(cmd.subcommands().values(), filter, value, out);
        }
    }

    /* COMMAND GETKEYS command [arg [arg ...]] */
    static void getKeys(Client c, CommandArgs a) {
        getKeys(c, a, false);
    }

    /* COMMAND GETKEYSANDFLAGS command [arg [arg ...]] */
    static void getKeysAndFlags(Client c, CommandArgs a) {
        getKeys(c, a, true);
    }

    private static void getKeys(Client c, CommandArgs a, boolean withFlags) {
        CommandSpec cmd = c.server().commands().find(a.string(2));
        if (cmd != null && !cmd.subcommands().isEmpty() && a.count() >= 4) {
            cmd = cmd.subcommands().get(a.string(3).toLowerCase(Locale.ROOT));
        }
        if (cmd == null) {
            throw new CommandError("ERR Invalid command specified");
        }
        if (!hasKeys(cmd)) {
            throw new CommandError("ERR The command has no key arguments");
        }
        int argc = a.count() - 2;
        if (!cmd.arityAccepts(argc)) {
            throw new CommandError("ERR Invalid number of arguments specified for command");
        }
        List<KeySpecs.Key> keys = KeySpecs.keys(cmd, KeySpecs.of(cmd), a, 2);
        Reply r = c.reply();
        if (keys.isEmpty()) {
            if (cmd.has(CommandFlags.NO_MANDATORY_KEYS)) {
                r.array(0);
                return;
            }
            throw new CommandError("ERR Invalid arguments specified for command");
        }
        r.array(keys.size());
        for (KeySpecs.Key k : keys) {
            if (withFlags) {
                r.array(2);
                r.bulk(a.buf(), a.offset(k.argIndex()), a.length(k.argIndex()));
                statusSet(r, k.flags());
            } else {
                r.bulk(a.buf(), a.offset(k.argIndex()), a.length(k.argIndex()));
            }
        }
    }

    private static boolean hasKeys(CommandSpec cmd) {
        return cmd.firstKey() > 0 || cmd.keyFinder() != null || cmd.keyNumIndex() > 0;
    }

    /** Finds "get" or "config|get", any case. */
    private static CommandSpec lookup(CommandTable table, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int bar = lower.indexOf('|');
        if (bar < 0) {
            return table.find(lower);
        }
        CommandSpec parent = table.find(lower.substring(0, bar));
        return parent == null ? null : parent.subcommands().get(lower.substring(bar + 1));
    }

    // ------------------------------------------------------------------ COMMAND INFO

    private static void replyInfo(Reply r, CommandSpec cmd) {
        r.array(10);
        r.bulk(cmd.fullName());
        r.integer(cmd.arity());
        long flags = cmd.flags();
        if (cmd.keyFinder() != null || cmd.keyNumIndex() > 0) {
            flags |= CommandFlags.MOVABLEKEYS;
        }
        statusSet(r, CommandFlags.names(flags));
        r.integer(cmd.firstKey());
        r.integer(cmd.lastKey());
        r.integer(cmd.keyStep());
        List<String> cats = aclCategories(cmd);
        r.set(cats.size());
        for (String cat : cats) {
            r.simple("@" + cat);
        }
        List<String> tips = words(cmd.tips());
        r.set(tips.size());
        for (String tip : tips) {
            r.bulk(tip);
        }
        KeySpecs.reply(r, KeySpecs.of(cmd), cmd.keySpecNotes());
        Collection<CommandSpec> subs = cmd.subcommands().values();
        // Redis writes "no subcommands" as an empty set, and subcommands as an array.
        if (subs.isEmpty()) {
            r.set(0);
        } else {
            r.array(subs.size());
        }
        for (CommandSpec sub : subs) {
            replyInfo(r, sub);
        }
    }

    private static void statusSet(Reply r, List<String> items) {
        r.set(items.size());
        for (String s : items) {
            r.simple(s);
        }
    }

    /**
     * ACL categories as Redis derives them: from the flags (write, read, admin+dangerous, pubsub, fast,
     * blocking, and slow for whatever is not fast), from the group, plus the command's extra ones; an extra
     * "-@cat" removes a derived one. Containers of subcommands get only the flag-derived ones, as in Redis.
     */
    static List<String> aclCategories(CommandSpec cmd) {
        List<String> cats = new ArrayList<>();
        if (cmd.has(CommandFlags.WRITE)) {
            cats.add("write");
        }
        String group = cmd.group();
        if (cmd.has(CommandFlags.READONLY) && !group.equals("scripting")) {
            cats.add("read");
        }
        if (cmd.has(CommandFlags.ADMIN)) {
            cats.add("admin");
            cats.add("dangerous");
        }
        if (cmd.has(CommandFlags.PUBSUB)) {
            cats.add("pubsub");
        }
        if (cmd.has(CommandFlags.BLOCKING)) {
            cats.add("blocking");
        }
        boolean container = cmd.handler() == null;
        if (!container) {
            String fromGroup = switch (group) {
                case "generic" -> "keyspace";
                case "string", "bitmap", "list", "hash", "set", "hyperloglog", "geo", "stream", "pubsub",
                        "connection", "scripting" -> group;
                case "sorted-set" -> "sortedset";
                case "transactions" -> "transaction";
                default -> null;
            };
            if (fromGroup != null) {
                cats.add(fromGroup);
            }
        }
        for (String extra : words(cmd.aclCategories())) {
            String e = extra.toLowerCase(Locale.ROOT);
            if (e.startsWith("-@")) {
                cats.remove(e.substring(2));
            } else {
                cats.add(e.startsWith("@") ? e.substring(1) : e);
            }
        }
        if (cmd.has(CommandFlags.FAST)) {
            cats.add("fast");
        }
        if (!cats.contains("fast")) {
            cats.add("slow");
        }
        List<String> ordered = new ArrayList<>();
        for (String cat : CATEGORY_ORDER) {
            if (cats.contains(cat)) {
                ordered.add(cat);
            }
        }
        return ordered;
    }

    // ------------------------------------------------------------------ COMMAND DOCS

    private static void replyDocs(Reply r, CommandSpec cmd) {
        boolean summary = !cmd.summary().isEmpty();
        boolean complexity = !cmd.complexity().isEmpty();
        List<ArgumentSyntax.Arg> args = ArgumentSyntax.parse(cmd.syntax());
        numberKeyArguments(args, KeySpecs.of(cmd).size(), new int[1]);
        boolean subs = !cmd.subcommands().isEmpty();
        r.map(2 + (summary ? 1 : 0) + (complexity ? 1 : 0) + (args.isEmpty() ? 0 : 1) + (subs ? 1 : 0));
        if (summary) {
            r.bulk("summary");
            r.bulk(cmd.summary());
        }
        r.bulk("since");
        r.bulk(cmd.since());
        r.bulk("group");
        r.bulk(cmd.group());
        if (complexity) {
            r.bulk("complexity");
            r.bulk(cmd.complexity());
        }
        if (!args.isEmpty()) {
            r.bulk("arguments");
            replyArgs(r, args);
        }
        if (subs) {
            r.bulk("subcommands");
            r.map(cmd.subcommands().size());
            for (CommandSpec sub : cmd.subcommands().values()) {
                r.bulk(sub.fullName());
                replyDocs(r, sub);
            }
        }
    }

    /** Key arguments refer to the key specs in order; extra key arguments share the last spec. */
    private static void numberKeyArguments(List<ArgumentSyntax.Arg> args, int specs, int[] next) {
        for (ArgumentSyntax.Arg arg : args) {
            if (arg.keySpecIndex >= 0) {
                arg.keySpecIndex = Math.max(0, Math.min(next[0]++, specs - 1));
            }
            numberKeyArguments(arg.args, specs, next);
        }
    }

    /** Arguments as Redis 7.2 writes them: name, type, key_spec_index, token, flags, then sub-arguments or display_text. */
    private static void replyArgs(Reply r, List<ArgumentSyntax.Arg> args) {
        r.array(args.size());
        for (ArgumentSyntax.Arg arg : args) {
            List<String> flags = arg.flags();
            int fields = 3 + (arg.keySpecIndex >= 0 ? 1 : 0) + (arg.token != null ? 1 : 0) + (flags.isEmpty() ? 0 : 1);
            r.map(fields);
            r.bulk("name");
            r.bulk(arg.name);
            r.bulk("type");
            r.bulk(arg.type);
            if (arg.keySpecIndex >= 0) {
                r.bulk("key_spec_index");
                r.integer(arg.keySpecIndex);
            }
            if (arg.token != null) {
                r.bulk("token");
                r.bulk(arg.token);
            }
            if (!flags.isEmpty()) {
                r.bulk("flags");
                statusSet(r, flags);
            }
            if (arg.hasChildren()) {
                r.bulk("arguments");
                replyArgs(r, arg.args);
            } else {
                r.bulk("display_text");
                r.bulk(arg.name);
            }
        }
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
