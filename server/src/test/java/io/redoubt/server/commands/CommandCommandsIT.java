package io.redoubt.server.commands;

import io.redoubt.server.RawClient;
import io.redoubt.server.RealRedis;
import io.redoubt.server.RedoubtServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CommandCommandsIT {
    private static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RedoubtServer.builder().port(0).set("save", "").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static RawClient client() throws Exception {
        return new RawClient(server.port());
    }

    @Test
    void count_matchesTable() throws Exception {
        try (RawClient c = client()) {
            assertEquals(":" + server.internals().commands().size() + "\r\n", c.call("COMMAND", "COUNT"));
        }
    }

    @Test
    void info_get_resp2() throws Exception {
        try (RawClient c = client()) {
            assertEquals("*1\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n"
                    + "*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n"
                    + "$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n"
                    + "$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n"
                    + "$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n",
                    c.call("COMMAND", "INFO", "GET"));
        }
    }

    @Test
    void info_unknownIsNull_andSubcommandsByFullName() throws Exception {
        try (RawClient c = client()) {
            assertEquals("*1\r\n$-1\r\n", c.call("COMMAND", "INFO", "nosuch"));
            String info = c.call("COMMAND", "INFO", "command|count");
            assertTrue(info.startsWith("*1\r\n*10\r\n$13\r\ncommand|count\r\n:2\r\n*2\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*2\r\n+@slow\r\n+@connection\r\n"), info);
            c.call("HELLO", "3");
            assertEquals("*1\r\n_\r\n", c.call("COMMAND", "INFO", "nosuch"));
        }
    }

    @Test
    void info_containerListsSubcommands() throws Exception {
        try (RawClient c = client()) {
            String info = c.call("COMMAND", "INFO", "command");
            assertTrue(info.contains("$29\r\nnondeterministic_output_order\r\n"), info);
            assertTrue(info.contains("$15\r\ncommand|getkeys\r\n"), info);
        }
    }

    @Test
    void docs_resp3MapsAndArgumentTree() throws Exception {
        try (RawClient c = client()) {
            c.call("HELLO", "3");
            String docs = c.call("COMMAND", "DOCS", "get");
            assertTrue(docs.startsWith("%1\r\n$3\r\nget\r\n%5\r\n$7\r\nsummary\r\n"), docs);
            assertTrue(docs.endsWith("$9\r\narguments\r\n*1\r\n%4\r\n$4\r\nname\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n"
                    + "$14\r\nkey_spec_index\r\n:0\r\n$12\r\ndisplay_text\r\n$3\r\nkey\r\n"), docs);
            assertEquals("%0\r\n", c.call("COMMAND", "DOCS", "nosuch"));
            String set = c.call("COMMAND", "DOCS", "set");
            assertTrue(set.contains("$5\r\ntoken\r\n$4\r\nPXAT\r\n"), set);
            assertTrue(set.contains("$5\r\nflags\r\n~1\r\n+optional\r\n"), set);
            String command = c.call("COMMAND", "DOCS", "command");
            assertTrue(command.contains("$11\r\nsubcommands\r\n%7\r\n"), command);
        }
    }

    @Test
    void list_filters() throws Exception {
        try (RawClient c = client()) {
            String all = c.call("COMMAND", "LIST");
            assertTrue(all.contains("$12\r\ncommand|list\r\n") && all.contains("$3\r\nget\r\n"), all);
            String pattern = c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "COMMAND|g*");
            assertEquals("*2\r\n$15\r\ncommand|getkeys\r\n$23\r\ncommand|getkeysandflags\r\n", pattern);
            String string = c.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "string");
            assertTrue(string.contains("$3\r\nget\r\n") && !string.contains("$4\r\nping\r\n"), string);
            assertEquals("*0\r\n", c.call("COMMAND", "LIST", "FILTERBY", "MODULE", "x"));
            assertEquals("*0\r\n", c.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch"));
            assertEquals("-ERR syntax error\r\n", c.call("COMMAND", "LIST", "FILTERBY", "foo", "x"));
            assertEquals("-ERR syntax error\r\n", c.call("COMMAND", "LIST", "x"));
        }
    }

    @Test
    void getkeys_andErrors() throws Exception {
        try (RawClient c = client()) {
            assertEquals("*1\r\n$1\r\nk\r\n", c.call("COMMAND", "GETKEYS", "set", "k", "v"));
            assertEquals("*1\r\n*2\r\n$1\r\nk\r\n*2\r\n+RO\r\n+access\r\n", c.call("COMMAND", "GETKEYSANDFLAGS", "get", "k"));
            assertEquals("-ERR Invalid command specified\r\n", c.call("COMMAND", "GETKEYS", "nosuch", "x"));
            assertEquals("-ERR The command has no key arguments\r\n", c.call("COMMAND", "GETKEYS", "ping", "x"));
            assertEquals("-ERR Invalid number of arguments specified for command\r\n", c.call("COMMAND", "GETKEYS", "get", "a", "b"));
            assertEquals("-ERR wrong number of arguments for 'command|getkeys' command\r\n", c.call("COMMAND", "GETKEYS"));
            assertEquals("-ERR unknown subcommand 'nosuch'. Try COMMAND HELP.\r\n", c.call("COMMAND", "nosuch"));
        }
    }

    @Test
    void help_listsSubcommands() throws Exception {
        try (RawClient c = client()) {
            String help = c.call("COMMAND", "HELP");
            assertTrue(help.startsWith("*21\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"), help);
            assertTrue(help.endsWith("+HELP\r\n+    Prints this help.\r\n"), help);
        }
    }

    @Test
    void command_everyCommandOnce() throws Exception {
        try (RawClient c = client()) {
            String all = c.call("COMMAND");
            assertTrue(all.startsWith("*" + server.internals().commands().size() + "\r\n"), all.substring(0, 20));
            assertFalse(all.contains("allow_in_subscribe") || all.contains("+sentinel"), "internal flags are hidden");
        }
    }

    /**
     * COMMAND DOCS argument trees equal real Redis's in everything a client uses (types, tokens, flags, key
     * spec indexes, nesting); only the names of groups, which the documented syntax does not carry, may differ.
     */
    @Test
    void docsArgumentTreesMatchRealRedis() throws Exception {
        try (RealRedis real = RealRedis.start()) {
            assumeTrue(real != null, "redis-server not installed: comparison with real Redis skipped");
            for (String cmd : List.of("get", "set", "hello", "ping", "echo", "select", "auth", "command|list")) {
                if (lookup(cmd) == null) {
                    continue;
                }
                try (RawClient ours = client(); RawClient theirs = new RawClient(real.port())) {
                    String expected = argumentShape(new RespValue(theirs.call("COMMAND", "DOCS", cmd)).parse());
                    String actual = argumentShape(new RespValue(ours.call("COMMAND", "DOCS", cmd)).parse());
                    assertEquals(expected, actual, cmd);
                }
            }
        }
    }

    private static Object lookup(String name) {
        String[] parts = name.split("\\|");
        var cmd = server.internals().commands().find(parts[0]);
        return cmd == null || parts.length == 1 ? cmd : cmd.subcommands().get(parts[1]);
    }

    /** The argument tree of a one-command DOCS reply (RESP2), without group names. */
    @SuppressWarnings("unchecked")
    private static String argumentShape(Object docsReply) {
        List<Object> outer = (List<Object>) docsReply;
        List<Object> fields = (List<Object>) outer.get(1);
        for (int i = 0; i < fields.size(); i += 2) {
            if (fields.get(i).equals("arguments")) {
                return shape((List<Object>) fields.get(i + 1));
            }
        }
        return "[]";
    }

    @SuppressWarnings("unchecked")
    private static String shape(List<Object> args) {
        StringBuilder sb = new StringBuilder("[");
        for (Object o : args) {
            List<Object> f = (List<Object>) o;
            java.util.Map<Object, Object> m = new java.util.HashMap<>();
            for (int i = 0; i < f.size(); i += 2) {
                m.put(f.get(i), f.get(i + 1));
            }
            String type = (String) m.get("type");
            boolean group = type.equals("oneof") || type.equals("block");
            sb.append(group ? "" : m.get("name") + ":").append(type);
            if (m.containsKey("token")) {
                sb.append(" token=").append(m.get("token"));
            }
            if (m.containsKey("flags")) {
                sb.append(" ").append(m.get("flags"));
            }
            if (m.containsKey("key_spec_index")) {
                sb.append(" ksi=").append(m.get("key_spec_index"));
            }
            if (group) {
                sb.append(shape((List<Object>) m.get("arguments")));
            }
            sb.append("; ");
        }
        return sb.append("]").toString();
    }

    /** Parses a RESP2 reply into strings, longs, lists and null. */
    private static final class RespValue {
        private final String s;
        private int p;

        RespValue(String s) {
            this.s = s;
        }

        Object parse() {
            int eol = s.indexOf("\r\n", p);
            char type = s.charAt(p);
            String body = s.substring(p + 1, eol);
            p = eol + 2;
            switch (type) {
                case '+', '-' -> {
                    return body;
                }
                case ':' -> {
                    return Long.parseLong(body);
                }
                case '$' -> {
                    int n = Integer.parseInt(body);
                    if (n < 0) {
                        return null;
                    }
                    String v = s.substring(p, p + n);
                    p += n + 2;
                    return v;
                }
                case '*' -> {
                    int n = Integer.parseInt(body);
                    List<Object> out = new java.util.ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        out.add(parse());
                    }
                    return out;
                }
                default -> throw new IllegalStateException("unexpected " + type);
            }
        }
    }

    @Test
    void everyCommand_hasInfoAndDocs() throws Exception {
        try (RawClient c = client()) {
            int count = server.internals().commands().size();
            assertTrue(c.call("COMMAND", "DOCS").startsWith("*" + 2 * count + "\r\n"));
            for (var cmd : server.internals().commands().all()) {
                assertTrue(c.call("COMMAND", "INFO", cmd.fullName()).startsWith("*1\r\n*10\r\n"), cmd.fullName());
                for (var sub : cmd.subcommands().values()) {
                    assertTrue(c.call("COMMAND", "DOCS", sub.fullName()).startsWith("*2\r\n$" + sub.fullName().length()), sub.fullName());
                }
            }
        }
    }

    /** Jedis's own parsers of COMMAND replies accept ours. */
    @Test
    void jedisParsesReplies() {
        try (redis.clients.jedis.Jedis j = new redis.clients.jedis.Jedis("127.0.0.1", server.port())) {
            assertEquals(server.internals().commands().size(), j.commandCount());
            var info = j.commandInfo("get", "command").get("get");
            assertEquals(2, info.getArity());
            assertEquals(List.of("@read", "@string", "@fast"), info.getAclCategories());
            assertEquals(7, j.commandInfo("command").get("command").getSubcommands().size());
            assertEquals("string", j.commandDocs("get").get("get").getGroup());
            assertEquals(List.of("a"), j.commandGetKeys("get", "a"));
            assertEquals("a", j.commandGetKeysAndFlags("set", "a", "b").get(0).getKey());
            assertTrue(j.command().containsKey("set"));
        }
    }

    /** Replies that must be identical to a real redis-server's, byte for byte. */
    @Test
    void sameBytesAsRealRedis() throws Exception {
        try (RealRedis real = RealRedis.start()) {
            assumeTrue(real != null, "redis-server not installed: comparison with real Redis skipped");
            String[][] requests = {
                {"COMMAND", "INFO", "get"},
                {"COMMAND", "INFO", "get", "nosuch"},
                {"COMMAND", "INFO", "hello", "ping", "echo", "select", "quit", "reset", "auth"},
                {"COMMAND", "GETKEYS", "get", "k"},
                {"COMMAND", "GETKEYSANDFLAGS", "get", "k"},
                {"COMMAND", "GETKEYS", "nosuch", "k"},
                {"COMMAND", "GETKEYS", "ping", "k"},
                {"COMMAND", "GETKEYS", "get", "a", "b"},
                {"COMMAND", "LIST", "FILTERBY", "MODULE", "x"},
                {"COMMAND", "LIST", "bad"},
                {"COMMAND", "DOCS", "nosuch"},
                {"COMMAND", "HELP"},
            };
            for (int proto = 2; proto <= 3; proto++) {
                try (RawClient ours = client(); RawClient theirs = new RawClient(real.port())) {
                    ours.call("HELLO", Integer.toString(proto));
                    theirs.call("HELLO", Integer.toString(proto));
                    for (String[] r : requests) {
                        assertEquals(theirs.call(r), ours.call(r), String.join(" ", r) + " (RESP" + proto + ")");
                    }
                }
            }
        }
    }
}
