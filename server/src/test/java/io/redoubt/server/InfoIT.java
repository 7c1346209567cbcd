package io.redoubt.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfoIT {
    private RedoubtServer server;
    private Jedis jedis;

    @BeforeEach
    void start() throws IOException {
        server = RedoubtServer.builder().port(0).set("save", "").start();
        jedis = new Jedis(server.host(), server.port());
    }

    @AfterEach
    void stop() {
        jedis.close();
        server.close();
    }

    /** Sections in order, each a map of its fields in order; fails on any line that is not "name:value". */
    private static Map<String, Map<String, String>> parse(String info) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : info.split("\r\n", -1)) {
            if (line.startsWith("# ")) {
                current = new LinkedHashMap<>();
                sections.put(line.substring(2), current);
            } else if (!line.isEmpty()) {
                int colon = line.indexOf(':');
                assertTrue(colon > 0 && current != null, "not a field line: " + line);
                current.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return sections;
    }

    private static Map<String, String> fields(String info) {
        Map<String, String> all = new LinkedHashMap<>();
        parse(info).values().forEach(all::putAll);
        return all;
    }

    @Test
    void default_hasRedisSectionsInOrder() {
        Map<String, Map<String, String>> s = parse(jedis.info());
        assertEquals(List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules",
                "Errorstats", "Cluster", "Keyspace"), new ArrayList<>(s.keySet()));
        assertTrue(jedis.info().endsWith("\r\n"));
    }

    @Test
    void everything_addsCommandAndLatencyStats() {
        Map<String, Map<String, String>> s = parse(jedis.info("everything"));
        assertEquals(List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules",
                "Commandstats", "Errorstats", "Latencystats", "Cluster", "Keyspace"), new ArrayList<>(s.keySet()));
        assertEquals(s.keySet(), parse(jedis.info("all")).keySet());
    }

    @Test
    void sections_selectedByNameAnyCase() {
        assertEquals(List.of("Memory"), new ArrayList<>(parse(jedis.info("MEMORY")).keySet()));
        String two = new String((byte[]) raw("INFO", "cpu", "server"), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(List.of("Server", "CPU"), new ArrayList<>(parse(two).keySet()));
        assertEquals("", jedis.info("nosuchsection"));
    }

    @Test
    void fields_presentAndParseable() {
        jedis.set("k", "v", redis.clients.jedis.params.SetParams.setParams().px(100_000));
        Map<String, String> f = fields(jedis.info("everything"));
        for (String name : List.of("uptime_in_seconds", "process_id", "tcp_port", "connected_clients", "maxclients",
                "used_memory", "used_memory_rss", "used_memory_peak", "used_memory_dataset", "maxmemory",
                "rdb_changes_since_last_save", "rdb_last_save_time", "total_connections_received",
                "total_commands_processed", "instantaneous_ops_per_sec", "keyspace_hits", "keyspace_misses",
                "total_error_replies", "master_repl_offset", "allocator_allocated", "total_system_memory")) {
            Long.parseLong(f.get(name));
        }
        for (String name : List.of("mem_fragmentation_ratio", "used_cpu_sys", "used_cpu_user", "used_cpu_user_main_thread",
                "instantaneous_input_kbps", "allocator_frag_ratio")) {
            Double.parseDouble(f.get(name));
        }
        assertEquals("7.2.4", f.get("redis_version"));
        assertEquals("standalone", f.get("redis_mode"));
        assertEquals("master", f.get("role"));
        assertEquals("noeviction", f.get("maxmemory_policy"));
        assertEquals("0", f.get("loading"));
        assertEquals("0", f.get("rdb_bgsave_in_progress"));
        assertEquals(Integer.toString(server.port()), f.get("tcp_port"));
        assertEquals(MemoryFiguresHuman.of(Long.parseLong(f.get("used_memory"))), f.get("used_memory_human"));
        assertTrue(Long.parseLong(f.get("used_memory_rss")) > 0);
        assertTrue(f.get("db0").matches("keys=1,expires=1,avg_ttl=\\d+"), f.get("db0"));
        assertTrue(Long.parseLong(f.get("db0").replaceAll(".*avg_ttl=", "")) > 90_000);
        assertTrue(f.get("listener0").startsWith("name=tcp,bind="), f.get("listener0"));
    }

    private Object raw(String command, String... args) {
        return jedis.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode(command), args);
    }

    @Test
    void commandstats_countCallsFailuresAndRejections() {
        jedis.set("n", "x");
        jedis.get("n");
        jedis.get("n");
        assertThrows(JedisDataException.class, () -> raw("SET", "n", "x", "BOGUS"));
        assertThrows(JedisDataException.class, () -> raw("GET"));
        raw("CLIENT", "GETNAME");
        Map<String, String> f = fields(jedis.info("commandstats"));
        assertTrue(f.get("cmdstat_get").matches("calls=2,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=1,failed_calls=0"),
                f.get("cmdstat_get"));
        assertTrue(f.get("cmdstat_set").startsWith("calls=2,"), f.get("cmdstat_set"));
        assertTrue(f.get("cmdstat_set").endsWith(",rejected_calls=0,failed_calls=1"), f.get("cmdstat_set"));
        assertTrue(f.get("cmdstat_client|getname").startsWith("calls=1,"), f.toString());
    }

    @Test
    void errorstats_countByCode() {
        assertThrows(JedisDataException.class, () -> raw("SET", "n", "x", "BOGUS"));
        assertThrows(JedisDataException.class, () -> raw("HELLO", "4"));
        assertThrows(JedisDataException.class, () -> raw("HELLO", "9"));
        Map<String, String> f = fields(jedis.info("errorstats"));
        assertEquals("count=1", f.get("errorstat_ERR"));
        assertEquals("count=2", f.get("errorstat_NOPROTO"));
        assertEquals("3", fields(jedis.info("stats")).get("total_error_replies"));
    }

    @Test
    void latencystats_percentilesFromConfig() {
        jedis.set("k", "v");
        Map<String, String> f = fields(jedis.info("latencystats"));
        assertTrue(f.get("latency_percentiles_usec_set").matches("p50=\\d+\\.\\d{3},p99=\\d+\\.\\d{3},p99\\.9=\\d+\\.\\d{3}"),
                f.get("latency_percentiles_usec_set"));
        server.call(() -> {
            server.internals().config().set("latency-tracking-info-percentiles", "50 99.99");
            return null;
        });
        f = fields(jedis.info("latencystats"));
        assertTrue(f.get("latency_percentiles_usec_set").matches("p50=\\d+\\.\\d{3},p99\\.99=\\d+\\.\\d{3}"),
                f.get("latency_percentiles_usec_set"));
    }

    @Test
    void stats_countConnectionsAndCommands() {
        long before = Long.parseLong(fields(jedis.info("stats")).get("total_commands_processed"));
        jedis.ping();
        jedis.ping();
        long after = Long.parseLong(fields(jedis.info("stats")).get("total_commands_processed"));
        assertEquals(before + 3, after);
        assertEquals("1", fields(jedis.info("clients")).get("connected_clients"));
        assertEquals("0", fields(jedis.info("persistence")).get("rdb_changes_since_last_save"));
        jedis.set("a", "1");
        assertEquals("1", fields(jedis.info("persistence")).get("rdb_changes_since_last_save"));
    }

    /** Redis's bytesToHuman, restated for the check. */
    private static final class MemoryFiguresHuman {
        static String of(long n) {
            if (n < 1024) {
                return n + "B";
            }
            String[] units = {"K", "M", "G", "T", "P"};
            double d = n;
            int u = -1;
            while (d >= 1024 && u < units.length - 1) {
                d /= 1024;
                u++;
            }
            return String.format(java.util.Locale.ROOT, "%.2f%s", d, units[u]);
        }
    }
}
