package io.redoubt.server;

import io.redoubt.server.testutil.RawConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerCommandsIT {
    private RedoubtServer server;

    @BeforeEach
    void start() throws IOException {
        server = RedoubtServer.builder().port(0).set("save", "").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawConnection connect() throws IOException {
        return new RawConnection(server.host(), server.port());
    }

    private void config(String name, String value) {
        server.call(() -> {
            server.internals().config().set(name, value);
            return null;
        });
    }

    @Test
    void slowlog_logsEveryCommandAtThresholdZero() throws Exception {
        config("slowlog-log-slower-than", "0");
        try (RawConnection c = connect()) {
            c.call("CLIENT", "SETNAME", "logger");
            assertEquals("OK", c.call("SLOWLOG", "RESET"));
            c.call("SET", "k", "v");
            c.call("GET", "k");
            // SLOWLOG RESET itself is logged after it ran, as in Redis.
            assertEquals(3L, c.call("SLOWLOG", "LEN"));
            List<?> entries = (List<?>) c.call("SLOWLOG", "GET");
            assertEquals(4, entries.size());
            assertEquals(List.of("SLOWLOG", "LEN"), ((List<?>) entries.get(0)).get(3));
            assertEquals(List.of("SLOWLOG", "RESET"), ((List<?>) entries.get(3)).get(3));
            List<?> get = (List<?>) entries.get(1);
            assertEquals(6, get.size());
            assertTrue((Long) get.get(0) > 0);
            assertTrue(Math.abs((Long) get.get(1) - System.currentTimeMillis() / 1000) < 3600);
            assertTrue((Long) get.get(2) >= 0);
            assertEquals(List.of("GET", "k"), get.get(3));
            assertTrue(((String) get.get(4)).startsWith("127.0.0.1:"), (String) get.get(4));
            assertEquals("logger", get.get(5));
            assertEquals(1, ((List<?>) c.call("SLOWLOG", "GET", "1")).size());
            assertEquals(new RawConnection.Err("ERR count should be greater than or equal to -1"), c.call("SLOWLOG", "GET", "-2"));
        }
    }

    @Test
    void slowlog_ignoresCommandsFasterThanThreshold() throws Exception {
        config("slowlog-log-slower-than", "10000000");
        try (RawConnection c = connect()) {
            c.call("SET", "k", "v");
            assertEquals(0L, c.call("SLOWLOG", "LEN"));
        }
    }

    @Test
    void latencyHistogram_replyShape() throws Exception {
        try (RawConnection c = connect()) {
            c.call("SET", "k", "v");
            c.call("SET", "k", "w");
            c.call("GET", "k");
            List<?> all = (List<?>) c.call("LATENCY", "HISTOGRAM", "set", "nosuchcommand");
            assertEquals(2, all.size());
            assertEquals("set", all.get(0));
            List<?> hist = (List<?>) all.get(1);
            assertEquals("calls", hist.get(0));
            assertEquals(2L, hist.get(1));
            assertEquals("histogram_usec", hist.get(2));
            List<?> buckets = (List<?>) hist.get(3);
            assertTrue(buckets.size() >= 2 && buckets.size() % 2 == 0);
            long previousBound = 0;
            long previousCount = 0;
            for (int i = 0; i < buckets.size(); i += 2) {
                long bound = (Long) buckets.get(i);
                long count = (Long) buckets.get(i + 1);
                assertTrue(bound > previousBound && count > previousCount, buckets.toString());
                assertTrue(List.of(1L, 2L, 4L, 8L, 16L, 33L, 66L, 132L, 264L, 528L, 1056L, 2113L, 4227L, 8454L, 16908L,
                        33816L, 67633L, 135266L, 270532L, 541065L, 1082130L).contains(bound), "bucket " + bound);
                previousBound = bound;
                previousCount = count;
            }
            assertEquals(2L, previousCount);
            List<?> everything = (List<?>) c.call("LATENCY", "HISTOGRAM");
            assertTrue(everything.contains("get") && everything.contains("set"), everything.toString());
        }
    }

    @Test
    void latencyMonitor_recordsSlowCommandsAboveThreshold() throws Exception {
        // A threshold far above what a loaded machine adds to ordinary commands, below DEBUG SLEEP's 250 ms.
        config("latency-monitor-threshold", "200");
        try (RawConnection c = connect()) {
            assertEquals("OK", c.call("DEBUG", "SLEEP", "0.25"));
            List<?> latest = (List<?>) c.call("LATENCY", "LATEST");
            List<?> event = latest.stream().map(e -> (List<?>) e).filter(e -> e.get(0).equals("command")).findFirst().orElseThrow();
            assertTrue((Long) event.get(2) >= 250 && (Long) event.get(3) >= 250, event.toString());
            List<?> history = (List<?>) c.call("LATENCY", "HISTORY", "command");
            assertEquals(1, history.size());
            assertTrue(((String) c.call("LATENCY", "DOCTOR")).contains(". command: 1 latency spikes"));
            assertTrue(((String) c.call("LATENCY", "GRAPH", "command")).startsWith("command - high "));
            assertTrue((Long) c.call("LATENCY", "RESET", "command") == 1L);
            assertEquals(List.of(), c.call("LATENCY", "HISTORY", "command"));
            assertEquals(new RawConnection.Err("ERR No samples available for event 'nosuchevent'"), c.call("LATENCY", "GRAPH", "nosuchevent"));
        }
    }

    @Test
    void monitor_feedSeenBySecondConnection() throws Exception {
        try (RawConnection monitor = connect(); RawConnection c = connect()) {
            assertEquals("OK", monitor.call("MONITOR"));
            c.call("SET", "key with space", "va\"l");
            c.call("SELECT", "2");
            c.call("GET", "x");
            c.call("CLIENT", "LIST");
            Pattern line = Pattern.compile("\\d+\\.\\d{6} \\[(\\d+) 127\\.0\\.0\\.1:\\d+\\] (.*)");
            var m1 = line.matcher((String) monitor.read());
            assertTrue(m1.matches());
            assertEquals("0", m1.group(1));
            assertEquals("\"SET\" \"key with space\" \"va\\\"l\"", m1.group(2));
            var m2 = line.matcher((String) monitor.read());
            assertTrue(m2.matches());
            assertEquals("2", m2.group(1));
            assertEquals("\"SELECT\" \"2\"", m2.group(2));
            var m3 = line.matcher((String) monitor.read());
            assertTrue(m3.matches());
            assertEquals("2", m3.group(1));
            assertEquals("\"GET\" \"x\"", m3.group(2));
            // CLIENT LIST is an admin command: not fed, so nothing else arrives before this PING's line.
            c.call("PING");
            var m4 = line.matcher((String) monitor.read());
            assertTrue(m4.matches());
            assertEquals("\"PING\"", m4.group(2));
        }
    }

    @Test
    void debug_sleepPopulateObjectAndErrors() throws Exception {
        try (RawConnection c = connect()) {
            assertEquals("OK", c.call("DEBUG", "SLEEP", "0"));
            assertEquals("OK", c.call("SET", "key:1", "mine"));
            assertEquals("OK", c.call("DEBUG", "POPULATE", "3"));
            assertEquals("mine", c.call("GET", "key:1"));
            assertEquals("value:2", c.call("GET", "key:2"));
            assertEquals("OK", c.call("DEBUG", "POPULATE", "2", "p", "10"));
            assertEquals("value:1\0\0\0", c.call("GET", "p:1"));
            assertEquals("OK", c.call("DEBUG", "POPULATE", "1", "q", "3"));
            assertEquals("val", c.call("GET", "q:0"));
            String obj = (String) c.call("DEBUG", "OBJECT", "key:2");
            assertTrue(obj.matches("Value at:0x[0-9a-f]+ refcount:1 encoding:embstr serializedlength:7 lru:\\d+ lru_seconds_idle:\\d+"), obj);
            c.call("SET", "n", "12345");
            assertTrue(((String) c.call("DEBUG", "OBJECT", "n")).contains("encoding:int"));
            assertEquals(new RawConnection.Err("ERR no such key"), c.call("DEBUG", "OBJECT", "nokey"));
            assertEquals(new RawConnection.Err("ERR value is out of range, must be positive"), c.call("DEBUG", "POPULATE", "-1"));
            assertEquals(new RawConnection.Err("ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP."),
                    c.call("DEBUG", "foo"));
            assertEquals("OK", c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
            assertEquals(false, server.call(() -> server.internals().activeExpire()));
            assertEquals("OK", c.call("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
            assertEquals(true, server.call(() -> server.internals().activeExpire()));
        }
    }

    @Test
    void memory_usageStatsDoctorHelp() throws Exception {
        try (RawConnection c = connect()) {
            c.call("SET", "small", "x");
            c.call("SET", "big", "y".repeat(10_000));
            long small = (Long) c.call("MEMORY", "USAGE", "small");
            long big = (Long) c.call("MEMORY", "USAGE", "big", "SAMPLES", "0");
            assertTrue(small > 0 && big > 10_000 && big > small, small + " " + big);
            assertNull(c.call("MEMORY", "USAGE", "nokey"));
            assertEquals(new RawConnection.Err("ERR syntax error"), c.call("MEMORY", "USAGE", "small", "SAMPLES", "-1"));
            List<?> stats = (List<?>) c.call("MEMORY", "STATS");
            assertEquals("peak.allocated", stats.get(0));
            assertTrue(stats.contains("keys.count") && stats.contains("dataset.bytes") && stats.contains("db.0"));
            assertEquals(2L, stats.get(stats.indexOf("keys.count") + 1));
            assertTrue(((String) c.call("MEMORY", "DOCTOR")).startsWith("Hi Sam"));
            assertEquals("OK", c.call("MEMORY", "PURGE"));
            assertTrue(((String) c.call("MEMORY", "MALLOC-STATS")).contains("used:"));
            assertEquals("MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", ((List<?>) c.call("MEMORY", "HELP")).get(0));
        }
    }

    @Test
    void time_lastsaveRole() throws Exception {
        try (RawConnection c = connect()) {
            List<?> time = (List<?>) c.call("TIME");
            long seconds = Long.parseLong((String) time.get(0));
            long micros = Long.parseLong((String) time.get(1));
            assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 3600);
            assertTrue(micros >= 0 && micros < 1_000_000);
            long lastsave = (Long) c.call("LASTSAVE");
            assertTrue(lastsave <= seconds && lastsave > seconds - 3600);
            assertEquals(List.of("master", 0L, List.of()), c.call("ROLE"));
        }
    }

    @Test
    void shutdown_checksSyntaxAndStopsTheServer() throws Exception {
        try (RawConnection c = connect()) {
            assertEquals(new RawConnection.Err("ERR syntax error"), c.call("SHUTDOWN", "NOSAVE", "SAVE"));
            assertEquals(new RawConnection.Err("ERR syntax error"), c.call("SHUTDOWN", "ABORT", "NOW"));
            assertEquals(new RawConnection.Err("ERR No shutdown in progress."), c.call("SHUTDOWN", "ABORT"));
            c.send("SHUTDOWN", "NOSAVE");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!server.stopped() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(server.stopped(), "server not stopped");
            assertTrue(c.closedWithin(10_000), "connection not closed");
        }
        assertTrue(server.stopped());
    }
}
