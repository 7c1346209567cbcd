package io.redoubt.server.config;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest {
    @TempDir
    Path tmp;

    private ServerConfig load(String text) throws IOException, ConfigException {
        Path f = tmp.resolve("redis.conf");
        Files.writeString(f, text);
        ServerConfig c = new ServerConfig();
        ConfigFile.load(f, c);
        return c;
    }

    @Test
    void split_quotesAndEscapes() {
        assertEquals(List.of("set", "a b", "c"), ConfigFile.split("set \"a b\" c"));
        assertEquals(List.of("x\n\t\"\\A"), ConfigFile.split("\"x\\n\\t\\\"\\\\\\x41\""));
        assertEquals(List.of("it's", "raw \\n"), ConfigFile.split("'it\\'s' 'raw \\n'"));
        assertEquals(List.of(""), ConfigFile.split("\"\""));
        assertEquals(List.of(), ConfigFile.split("   "));
    }

    @Test
    void split_unbalancedQuotes() {
        assertNull(ConfigFile.split("requirepass \"abc"));
        assertNull(ConfigFile.split("requirepass 'abc"));
        assertNull(ConfigFile.split("requirepass \"abc\"def"));
    }

    @Test
    void load_unbalancedQuotes_namesFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("port 7000\nrequirepass \"abc\n"));
        assertTrue(e.getMessage().contains("redis.conf, at line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("Unbalanced quotes in configuration line"), e.getMessage());
    }

    @Test
    void load_unknownDirective_namesFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("# comment\n\nport 7000\nno-such-thing yes\n"));
        assertTrue(e.getMessage().contains("redis.conf, at line 4"), e.getMessage());
        assertTrue(e.getMessage().contains(">>> 'no-such-thing yes'"), e.getMessage());
        assertTrue(e.getMessage().contains("Bad directive or wrong number of arguments"), e.getMessage());
    }

    @Test
    void load_badValue_givesRedisReason() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("port abc\n"));
        assertTrue(e.getMessage().endsWith("argument couldn't be parsed into an integer"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("port 1 2\n"));
        assertTrue(e.getMessage().endsWith("wrong number of arguments"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("loglevel loud\n"));
        assertTrue(e.getMessage().endsWith("argument(s) must be one of the following: debug, verbose, notice, warning, nothing"), e.getMessage());
    }

    @Test
    void save_accumulatesOverLines() throws Exception {
        ServerConfig c = load("save 900 1\nsave 300 10\nsave 60 10000\n");
        assertEquals("900 1 300 10 60 10000", c.get("save"));
    }

    @Test
    void save_emptyDisablesThenLaterLinesAdd() throws Exception {
        assertEquals("", load("save 900 1\nsave \"\"\n").get("save"));
        assertEquals("60 5", load("save 900 1\nsave \"\"\nsave 60 5\n").get("save"));
        assertEquals("3600 1 300 100 60 10000", load("port 7000\n").get("save"));
    }

    @Test
    void save_commandLineAddsToFile_asRedisDoes() throws Exception {
        ServerConfig c = load("save 900 1\n");
        ConfigFile.loadText(ConfigFile.argumentsToText(List.of("--save", "60", "5")), "command line", c);
        assertEquals("900 1 60 5", c.get("save"));
        ConfigFile.loadText(ConfigFile.argumentsToText(List.of("--save", "")), "command line", c);
        assertEquals("", c.get("save"));
    }

    @Test
    void save_invalid() {
        assertThrows(ConfigException.class, () -> load("save 900\n"));
        assertThrows(ConfigException.class, () -> load("save 0 1\n"));
        assertThrows(ConfigException.class, () -> load("save x 1\n"));
    }

    @Test
    void units_inFilesAndSet() throws Exception {
        ServerConfig c = load("maxmemory 1gb\nproto-max-bulk-len 100mb\nclient-query-buffer-limit 2GB\nrepl-backlog-size 1k\n");
        assertEquals("1073741824", c.get("maxmemory"));
        assertEquals("104857600", c.get("proto-max-bulk-len"));
        assertEquals("2147483648", c.get("client-query-buffer-limit"));
        assertEquals("1000", c.get("repl-backlog-size"));
        c.set("maxmemory", "10mb");
        assertEquals(10L * 1024 * 1024, c.getLong("maxmemory"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.set("maxmemory", "10xb"));
        assertEquals("argument must be a memory value", e.getMessage());
        e = assertThrows(ConfigException.class, () -> c.set("maxmemory", "-1"));
        assertEquals("argument must be a memory value", e.getMessage());
        e = assertThrows(ConfigException.class, () -> c.set("proto-max-bulk-len", "1000"));
        assertEquals("argument must be between 1048576 and 9223372036854775807 inclusive", e.getMessage());
    }

    @Test
    void percent_forMaxmemoryClients() throws Exception {
        ServerConfig c = load("maxmemory-clients 10%\n");
        assertEquals("10%", c.get("maxmemory-clients"));
        assertEquals(-10, c.getLong("maxmemory-clients"));
        c.set("maxmemory-clients", "1mb");
        assertEquals("1048576", c.get("maxmemory-clients"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.set("maxmemory-clients", "200%"));
        assertEquals("percentage argument must be less or equal to 100", e.getMessage());
        e = assertThrows(ConfigException.class, () -> c.set("maxmemory-clients", "x"));
        assertEquals("argument must be a memory or percent value", e.getMessage());
    }

    @Test
    void numbers_strictAsRedis() throws Exception {
        ServerConfig c = new ServerConfig();
        assertThrows(ConfigException.class, () -> c.set("timeout", "007"));
        assertThrows(ConfigException.class, () -> c.set("timeout", "+5"));
        assertThrows(ConfigException.class, () -> c.set("timeout", " 5"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.set("timeout", "-1"));
        assertEquals("argument must be between 0 and 2147483647 inclusive", e.getMessage());
        c.set("hz", "1000");
        assertEquals("500", c.get("hz"));
        c.set("unixsocketperm", "700");
        assertEquals("700", c.get("unixsocketperm"));
    }

    @Test
    void enumsAndBools_caseInsensitive() throws Exception {
        ServerConfig c = load("appendonly YES\nmaxmemory-policy ALLKEYS-LRU\noom-score-adj relative\nshutdown-on-sigterm nosave force\n");
        assertEquals("yes", c.get("appendonly"));
        assertEquals("allkeys-lru", c.get("maxmemory-policy"));
        assertEquals("yes", c.get("oom-score-adj"));
        assertEquals("nosave force", c.get("shutdown-on-sigterm"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.set("shutdown-on-sigint", "save nosave"));
        assertEquals("shutdown options SAVE and NOSAVE can't be used simultaneously", e.getMessage());
    }

    @Test
    void aliases_setTheRealDirective() throws Exception {
        ServerConfig c = load("slaveof 127.0.0.1 6380\nslave-read-only no\nhash-max-ziplist-entries 64\nlua-time-limit 100\n");
        assertEquals("127.0.0.1 6380", c.get("replicaof"));
        assertEquals("no", c.get("replica-read-only"));
        assertEquals("64", c.get("hash-max-listpack-entries"));
        assertEquals("100", c.get("busy-reply-threshold"));
        assertEquals("127.0.0.1 6380", c.get("slaveof"));
    }

    @Test
    void outputLimits_setOnlyNamedClasses() throws Exception {
        ServerConfig c = load("client-output-buffer-limit replica 512mb 128mb 120\n");
        assertEquals("normal 0 0 0 slave 536870912 134217728 120 pubsub 33554432 8388608 60", c.get("client-output-buffer-limit"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.set("client-output-buffer-limit", "master 1 1 1"));
        assertEquals("Invalid client class specified in buffer limit configuration.", e.getMessage());
    }

    @Test
    void keyspaceEvents_canonical() throws Exception {
        ServerConfig c = new ServerConfig();
        c.set("notify-keyspace-events", "Ex");
        assertEquals("xE", c.get("notify-keyspace-events"));
        c.set("notify-keyspace-events", "KA");
        assertEquals("AK", c.get("notify-keyspace-events"));
        c.set("notify-keyspace-events", "KEAn");
        assertEquals("AnKE", c.get("notify-keyspace-events"), "n kept (Redis shows AKE but keeps new-key events on)");
        c.set("notify-keyspace-events", "$lshzxeKE");
        assertEquals("$lshzxeKE", c.get("notify-keyspace-events"));
        assertThrows(ConfigException.class, () -> c.set("notify-keyspace-events", "Q"));
    }

    @Test
    void include_fileAndGlob() throws Exception {
        Path confd = Files.createDirectory(tmp.resolve("conf.d"));
        Files.writeString(confd.resolve("a.conf"), "maxclients 100\n");
        Files.writeString(confd.resolve("b.conf"), "maxclients 200\ntimeout 5\n");
        Files.writeString(tmp.resolve("extra.conf"), "hz 20\n");
        ServerConfig c = load("include " + tmp.resolve("extra.conf") + "\ninclude " + confd + "/*.conf\n"
                + "include " + tmp.resolve("empty.d") + "/*.conf\n");
        assertEquals("20", c.get("hz"));
        assertEquals("200", c.get("maxclients"));
        assertEquals("5", c.get("timeout"));
        ConfigException e = assertThrows(ConfigException.class, () -> load("include " + tmp.resolve("missing.conf") + "\n"));
        assertTrue(e.getMessage().contains("can't open config file"), e.getMessage());
    }

    @Test
    void include_errorNamesTheIncludedFile() throws Exception {
        Files.writeString(tmp.resolve("bad.conf"), "port 1\nbogus 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load("include " + tmp.resolve("bad.conf") + "\n"));
        assertTrue(e.getMessage().contains("bad.conf, at line 2"), e.getMessage());
    }

    @Test
    void specialLines_keptRawWithWarnings() throws Exception {
        ServerConfig c = load("rename-command FLUSHALL \"\"\nuser alice on >pw ~* +@all\nloadmodule /x/mod.so a b\n"
                + "sentinel monitor mymaster 127.0.0.1 6379 2\nlist-max-ziplist-entries 512\nmymod.opt 5\n");
        assertEquals(5, c.rawDirectives().size());
        assertEquals(List.of("sentinel", "monitor", "mymaster", "127.0.0.1", "6379", "2"), c.rawDirectives().get(3));
        assertEquals(4, c.warnings().size());
        assertThrows(ConfigException.class, () -> load("rename-command FLUSHALL\n"));
    }

    @Test
    void dir_checkedAndAbsolute() throws Exception {
        ServerConfig c = load("dir " + tmp + "\n");
        assertEquals(tmp.toAbsolutePath().normalize().toString(), c.get("dir"));
        assertEquals(tmp.resolve("dump.rdb"), c.resolve(c.get("dbfilename")));
        ConfigException e = assertThrows(ConfigException.class, () -> c.set("dir", tmp.resolve("nope").toString()));
        assertEquals("No such file or directory", e.getMessage());
        e = assertThrows(ConfigException.class, () -> c.set("dbfilename", "a/b.rdb"));
        assertEquals("dbfilename can't be a path, just a filename", e.getMessage());
    }

    @Test
    void typicalProductionFile_loads() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("data"));
        ServerConfig c = load("port 6380\ndaemonize yes\npidfile /var/run/redis_6380.pid\nlogfile /var/log/redis_6380.log\n"
                + "dir " + dir + "\nsave 900 1\nsave 300 10\nsave 60 10000\ndbfilename dump-6380.rdb\n"
                + "bind 127.0.0.1 ::1\nprotected-mode yes\nreplicaof 10.0.0.1 6379\nmasterauth \"s3cret\"\nrequirepass foobared\n");
        assertEquals("6380", c.get("port"));
        assertTrue(c.getBool("daemonize"));
        assertEquals("900 1 300 10 60 10000", c.get("save"));
        assertEquals("127.0.0.1 ::1", c.get("bind"));
        assertEquals("10.0.0.1 6379", c.get("replicaof"));
        assertEquals("s3cret", c.get("masterauth"));
        assertEquals("foobared", c.get("requirepass"));
    }

    @Test
    void debianRedisConf_loadsUnchanged() throws Exception {
        Path debian = Path.of("/etc/redis/redis.conf");
        Assumptions.assumeTrue(Files.isReadable(debian), "skipped: /etc/redis/redis.conf is not installed on this machine");
        ServerConfig c = new ServerConfig();
        ConfigFile.load(debian, c);
        assertNotNull(c.get("port"));
        assertEquals("notice", c.get("loglevel"));
    }

    @Test
    void argumentsToText_asRedisServer() {
        assertEquals("port 7000\nsave \"\"\nloglevel verbose",
                ConfigFile.argumentsToText(List.of("--port", "7000", "--save", "--loglevel", "verbose")));
        assertEquals("save 60 1000", ConfigFile.argumentsToText(List.of("--save", "60", "1000")));
        assertEquals("requirepass \"a b\"", ConfigFile.argumentsToText(List.of("--requirepass", "a b")));
        assertEquals("save \"\"", ConfigFile.argumentsToText(List.of("--save")));
        // An option given with its value in one argument, as "--port 7000".
        assertEquals("port 7000\nhz 20", ConfigFile.argumentsToText(List.of("--port 7000", "--hz", "20")));
    }

    @Test
    void commandLine_multiWordValueInOneArgument() throws Exception {
        ServerConfig c = new ServerConfig();
        ConfigFile.loadText(ConfigFile.argumentsToText(List.of("--save", "900 1 300 10", "--bind", "127.0.0.1 ::1")), "command line", c);
        assertEquals("900 1 300 10", c.get("save"));
        assertEquals("127.0.0.1 ::1", c.get("bind"));
    }

    @Test
    void configSet_atomicAndRedisErrors() throws Exception {
        ServerConfig c = new ServerConfig();
        ConfigException e = assertThrows(ConfigException.class, () -> c.configSet(List.of("timeout", "5", "maxmemory", "x"), false));
        assertEquals("CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value", e.getMessage());
        assertEquals("0", c.get("timeout"));
        e = assertThrows(ConfigException.class, () -> c.configSet(List.of("timeout", "5", "port", "1"), false));
        assertEquals("CONFIG SET failed (possibly related to argument 'port') - can't set immutable config", e.getMessage());
        e = assertThrows(ConfigException.class, () -> c.configSet(List.of("foo", "1"), false));
        assertEquals("Unknown option or number of arguments for CONFIG SET - 'foo'", e.getMessage());
        e = assertThrows(ConfigException.class, () -> c.configSet(List.of("hz", "1", "hz", "2"), false));
        assertEquals("CONFIG SET failed (possibly related to argument 'hz') - duplicate parameter", e.getMessage());
        e = assertThrows(ConfigException.class, () -> c.configSet(List.of("dir", "/tmp"), false));
        assertEquals("CONFIG SET failed (possibly related to argument 'dir') - can't set protected config", e.getMessage());
        c.configSet(List.of("timeout", "5", "save", "10 1 20 2"), false);
        assertEquals("5", c.get("timeout"));
        assertEquals("10 1 20 2", c.get("save"));
    }

    @Test
    void configSet_listenerRefusalRestoresEverything() throws Exception {
        ServerConfig c = new ServerConfig();
        c.onChange("maxclients", v -> {
            if (v.equals("13")) {
                throw new IllegalArgumentException("unlucky");
            }
        });
        ConfigException e = assertThrows(ConfigException.class, () -> c.configSet(List.of("timeout", "5", "maxclients", "13"), false));
        assertEquals("CONFIG SET failed (possibly related to argument 'maxclients') - unlucky", e.getMessage());
        assertEquals("0", c.get("timeout"));
        assertEquals("10000", c.get("maxclients"));
    }

    @Test
    void everyDefault_isValidForItsDirective() throws Exception {
        ServerConfig c = new ServerConfig();
        for (Directive d : c.directives()) {
            c.set(d.name(), d.defaultValue().isEmpty() && d.name().equals("replicaof") ? "no one" : d.defaultValue());
            assertEquals(d.defaultValue(), c.get(d.name()), d.name());
        }
        assertFalse(c.directives().iterator().next().name().isEmpty());
    }
}
