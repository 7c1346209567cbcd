package io.redoubt.server.persist.rdb;

import io.redoubt.server.RedoubtServer;
import io.redoubt.server.persist.Dataset;
import io.redoubt.server.persist.Keyspace;
import io.redoubt.server.testutil.ProcessRun;
import io.redoubt.server.testutil.Programs;
import io.redoubt.server.testutil.RealRedis;
import io.redoubt.server.types.CollectionValue;
import io.redoubt.store.Database;
import io.redoubt.store.SnapshotTraversal;
import io.redoubt.store.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every type and encoding (the shared {@link Dataset}) crossing between Redoubt and a real redis-server: RDB
 * files both ways (written and read by this package directly, independent of SAVE and loading at start) and
 * DUMP payloads both ways through RESTORE. Keyspaces are compared key by key, TTLs included.
 */
class RdbTypesInteropIT {
    private static final int[] DBS = {0, 1, 7, 15};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "rdbcompression {0}, rdbchecksum {1}")
    @CsvSource({"true, true", "false, true", "true, false"})
    void redisLoadsOurFile(boolean compression, boolean checksum) throws Exception {
        Path redisServer = Programs.require("redis-server", "redis-server");
        long base = Dataset.expireBase();
        try (RedoubtServer ours = RedoubtServer.builder().port(0).set("save", "").set("appendonly", "no").start()) {
            try (Jedis j = new Jedis(ours.host(), ours.port(), 60_000)) {
                Dataset.write(j, 3, base);
            }
            Keyspace expected = Keyspace.read(ours.host(), ours.port());
            byte[] rdb = ours.call(() -> writeKeyspace(ours, compression, checksum));
            Path file = dir.resolve("ours.rdb");
            Files.write(file, rdb);
            Programs.find("redis-check-rdb").ifPresent(check -> {
                try {
                    ProcessRun run = ProcessRun.run(List.of(check.toString(), file.toString()), null, 60);
                    assertEquals(0, run.exitCode(), run.toString());
                    assertTrue(run.stdout().contains("RDB looks OK"), run.toString());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (RealRedis r = RealRedis.start(redisServer, "--dir", dir.toString(), "--dbfilename", "ours.rdb")) {
                Keyspace.assertSame(expected, Keyspace.read(r.host(), r.port()), "redis-server loading our RDB");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"defaults, yes", "large encodings, yes", "no compression, no"})
    void weLoadRedisFile(String name, String compression) throws Exception {
        Path redisServer = Programs.require("redis-server", "redis-server");
        List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--dbfilename", "theirs.rdb",
                "--rdbcompression", compression));
        if (name.equals("large encodings")) {
            args.addAll(List.of("--list-max-listpack-size", "4", "--hash-max-listpack-entries", "0",
                    "--set-max-intset-entries", "0", "--zset-max-listpack-entries", "0"));
        }
        long base = Dataset.expireBase();
        Keyspace expected;
        try (RealRedis r = RealRedis.start(redisServer, args.toArray(String[]::new))) {
            try (Jedis j = new Jedis(r.host(), r.port(), 60_000)) {
                Dataset.write(j, 4, base);
                assertEquals("OK", j.save());
            }
            expected = Keyspace.read(r.host(), r.port());
        }
        byte[] rdb = Files.readAllBytes(dir.resolve("theirs.rdb"));
        try (RedoubtServer ours = RedoubtServer.builder().port(0).set("save", "").set("appendonly", "no").start()) {
            RdbTestFiles.Collected c = RdbTestFiles.read(rdb, ours.internals().encodingLimits());
            assertTrue(c.ended);
            ours.call(() -> {
                for (RdbTestFiles.Entry e : c.entries) {
                    Database db = ours.internals().keyspace().db(e.db());
                    if (e.type() == ValueType.STRING) {
                        db.putString(e.key(), (byte[]) e.value(), e.expireAt());
                    } else {
                        db.putObject(e.key(), e.type(), e.value(), e.expireAt());
                    }
                }
                return null;
            });
            Keyspace.assertSame(expected, Keyspace.read(ours.host(), ours.port()), "Redoubt reading Redis's RDB");
        }
    }

    @Test
    void redisDumps_restoreIntoRedoubt() throws Exception {
        Path redisServer = Programs.require("redis-server", "redis-server");
        long base = Dataset.expireBase();
        try (RealRedis r = RealRedis.start(redisServer);
             RedoubtServer ours = RedoubtServer.builder().port(0).set("save", "").set("appendonly", "no").start()) {
            try (Jedis j = new Jedis(r.host(), r.port(), 60_000)) {
                Dataset.write(j, 5, base);
            }
            copyByDumpRestore(r.host(), r.port(), ours.host(), ours.port());
            Keyspace.assertSame(Keyspace.read(r.host(), r.port()), Keyspace.read(ours.host(), ours.port()),
                    "Redis's DUMP payloads restored into Redoubt");
        }
    }

    @Test
    void redoubtDumps_restoreIntoRedis() throws Exception {
        Path redisServer = Programs.require("redis-server", "redis-server");
        long base = Dataset.expireBase();
        try (RealRedis r = RealRedis.start(redisServer);
             RedoubtServer ours = RedoubtServer.builder().port(0).set("save", "").set("appendonly", "no").start()) {
            try (Jedis j = new Jedis(ours.host(), ours.port(), 60_000)) {
                Dataset.write(j, 6, base);
            }
            copyByDumpRestore(ours.host(), ours.port(), r.host(), r.port());
            Keyspace.assertSame(Keyspace.read(ours.host(), ours.port()), Keyspace.read(r.host(), r.port()),
                    "Redoubt's DUMP payloads restored into Redis");
        }
    }

    /** DUMPs every key of {@link #DBS} on one server and RESTOREs it (with its absolute expiry) on the other. */
    private static void copyByDumpRestore(String fromHost, int fromPort, String toHost, int toPort) {
        try (Jedis from = new Jedis(fromHost, fromPort, 60_000); Jedis to = new Jedis(toHost, toPort, 60_000)) {
            for (int db : DBS) {
                from.select(db);
                to.select(db);
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<byte[]> page = from.scan(cursor.getBytes(StandardCharsets.US_ASCII), new ScanParams().count(200));
                    cursor = page.getCursor();
                    for (byte[] key : page.getResult()) {
                        byte[] payload = from.dump(key);
                        long expireAt = from.pexpireTime(key);
                        Object reply = to.sendCommand(Protocol.Command.RESTORE, key,
                                Long.toString(Math.max(0, expireAt)).getBytes(StandardCharsets.US_ASCII), payload,
                                "ABSTTL".getBytes(StandardCharsets.US_ASCII));
                        assertEquals("OK", new String((byte[]) reply, StandardCharsets.US_ASCII));
                    }
                } while (!cursor.equals("0"));
            }
        }
    }

    /** An RDB image of the whole keyspace, taken on the keyspace thread as a snapshot would. */
    static byte[] writeKeyspace(RedoubtServer server, boolean compression, boolean checksum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter w = new RdbWriter(RdbSink.of(out)).compression(compression).checksum(checksum)
                .listNodeFill(server.internals().encodingLimits().listMaxListpackSize);
        w.header(RdbFormat.WRITE_VERSION);
        w.aux("redis-ver", "7.0.15");
        w.aux("redis-bits", "64");
        var keyspace = server.internals().keyspace();
        for (int i = 0; i < keyspace.count(); i++) {
            Database db = keyspace.db(i);
            if (db.size() == 0) {
                continue;
            }
            w.selectDb(i);
            w.resizeDb(db.size(), db.volatileSize());
            try (SnapshotTraversal t = db.beginSnapshot(CollectionValue.SNAPSHOT_COPY)) {
                IOException[] failure = new IOException[1];
                boolean more;
                do {
                    more = t.step(500, e -> {
                        try {
                            w.entry(e);
                        } catch (IOException ex) {
                            failure[0] = ex;
                        }
                    });
                    if (failure[0] != null) {
                        throw failure[0];
                    }
                } while (more);
            }
        }
        w.end();
        return out.toByteArray();
    }
}
