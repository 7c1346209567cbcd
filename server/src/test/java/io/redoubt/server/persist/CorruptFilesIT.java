package io.redoubt.server.persist;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged file at start: the server exits with a non-zero status and a message naming the file and the
 * byte offset, and leaves the file as it was, rather than start empty and later save over the data (save
 * points are configured in every case, so a server that started would overwrite it). A torn last command
 * in the log (what a crash leaves) is cut when {@code aof-load-truncated} allows it.
 */
class CorruptFilesIT {

    @Test
    void truncatedRdb_refusesToStartAndKeepsTheFile() throws Exception {
        try (ServerProcess server = ServerProcess.redoubt("--save", "900 1", "--appendonly", "no")) {
            Path dump = savedDump(server);
            byte[] whole = Files.readAllBytes(dump);
            byte[] cut = Arrays.copyOf(whole, whole.length * 3 / 5);
            Files.write(dump, cut);
            assertRefusedToStart(server, "dump.rdb");
            assertArrayEquals(cut, Files.readAllBytes(dump), "the truncated dump.rdb was changed");
        }
    }

    @Test
    void corruptRdb_refusesToStartAndKeepsTheFile() throws Exception {
        try (ServerProcess server = ServerProcess.redoubt("--save", "900 1", "--appendonly", "no")) {
            Path dump = savedDump(server);
            byte[] bytes = Files.readAllBytes(dump);
            // Inside the 1 MB random string: only the checksum can tell.
            bytes[bytes.length / 2] ^= 0x5a;
            Files.write(dump, bytes);
            assertRefusedToStart(server, "dump.rdb");
            assertArrayEquals(bytes, Files.readAllBytes(dump), "the corrupt dump.rdb was changed");
        }
    }

    @Test
    void tornLastAofCommand_isCutWithAofLoadTruncated_andRefusedWithout() throws Exception {
        try (ServerProcess server = ServerProcess.redoubt("--save", "", "--appendonly", "yes", "--appendfsync", "always")) {
            Keyspace before = writeKeys(server);
            server.kill();
            Path incr = lastIncrFile(server.dir());
            byte[] good = Files.readAllBytes(incr);
            byte[] torn = "*3\r\n$3\r\nSET\r\n$4\r\ntorn\r\n$5\r\nva".getBytes(StandardCharsets.US_ASCII);
            Files.write(incr, torn, StandardOpenOption.APPEND);
            byte[] tornFile = Files.readAllBytes(incr);

            assertRefusedToStart(server, incr.getFileName().toString(), "--aof-load-truncated", "no");
            assertArrayEquals(tornFile, Files.readAllBytes(incr), "the AOF was changed by a server that refused it");

            server.start("--aof-load-truncated", "yes");
            Keyspace.assertSame(before, Keyspace.read(server.host(), server.port()), "after cutting the torn command");
            try (Jedis j = new Jedis(server.host(), server.port())) {
                j.set("after", "restart");
            }
            server.kill();
            server.start();
            try (Jedis j = new Jedis(server.host(), server.port())) {
                assertEquals("restart", j.get("after"), "a write after the cut tail survives the next restart");
                assertEquals(before.size() + 1, j.dbSize());
            }
            assertTrue(Files.size(incr) >= good.length);
        }
    }

    @Test
    void corruptAofInTheMiddle_refusesToStartAndKeepsTheFile() throws Exception {
        try (ServerProcess server = ServerProcess.redoubt("--save", "", "--appendonly", "yes", "--appendfsync", "always")) {
            writeKeys(server);
            server.kill();
            Path incr = lastIncrFile(server.dir());
            byte[] bytes = Files.readAllBytes(incr);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            // A command's '*' marker in the middle of the file turned into garbage.
            int at = text.indexOf("*3\r\n", bytes.length / 2);
            assertTrue(at > 0);
            bytes[at] = '!';
            Files.write(incr, bytes);
            assertRefusedToStart(server, incr.getFileName().toString(), "--aof-load-truncated", "yes");
            assertArrayEquals(bytes, Files.readAllBytes(incr), "the corrupt AOF was changed");
        }
    }

    @Test
    void aofFileMissingFromManifest_refusesToStart() throws Exception {
        try (ServerProcess server = ServerProcess.redoubt("--save", "", "--appendonly", "yes", "--appendfsync", "always")) {
            writeKeys(server);
            server.kill();
            Path incr = lastIncrFile(server.dir());
            Files.delete(incr);
            assertRefusedToStart(server, incr.getFileName().toString(), false);
        }
    }

    private static Path savedDump(ServerProcess server) throws IOException {
        server.start();
        try (Jedis j = new Jedis(server.host(), server.port(), 60_000)) {
            Dataset.write(j, 5, Dataset.expireBase());
            assertEquals("OK", j.save());
        }
        server.kill();
        return server.dir().resolve("dump.rdb");
    }

    private static Keyspace writeKeys(ServerProcess server) throws IOException {
        server.start();
        try (Jedis j = new Jedis(server.host(), server.port(), 60_000)) {
            for (int i = 0; i < 500; i++) {
                j.set("key:" + i, "value:" + i);
                j.rpush("list", Integer.toString(i));
            }
        }
        return Keyspace.read(server.host(), server.port());
    }

    /** The last incremental file the manifest names. */
    private static Path lastIncrFile(Path dir) throws IOException {
        Path aofDir = dir.resolve("appendonlydir");
        List<String> lines = Files.readAllLines(aofDir.resolve("appendonly.aof.manifest"));
        String name = null;
        for (String line : lines) {
            String[] f = line.trim().split(" ");
            if (f.length >= 6 && f[0].equals("file") && f[5].equals("i")) {
                name = f[1];
            }
        }
        assertTrue(name != null, "no incremental file in the manifest: " + lines);
        return aofDir.resolve(name);
    }

    /**
     * Starts the server expecting it to exit non-zero by itself; Redoubt must name the file and an offset
     * (Redis names the file only, so the offset is not asked of it when the tests run against Redis).
     */
    private static void assertRefusedToStart(ServerProcess server, String fileName, String... extra) throws IOException {
        assertRefusedToStart(server, fileName, true, extra);
    }

    /** As above; a missing file has no offset to name ({@code withOffset} false). */
    private static void assertRefusedToStart(ServerProcess server, String fileName, boolean withOffset, String... extra)
            throws IOException {
        int status = server.startExpectingExit(60, extra);
        String out = server.output();
        assertNotEquals(-1, status, "the server did not exit on a damaged " + fileName + "; its output:\n" + out);
        assertNotEquals(0, status, "exit status 0 on a damaged " + fileName + "; its output:\n" + out);
        assertTrue(out.contains(fileName), "the error does not name " + fileName + ":\n" + out);
        if (withOffset && server.kind() == ServerProcess.Kind.REDOUBT) {
            assertTrue(out.toLowerCase(java.util.Locale.ROOT).contains("offset"), "the error names no offset:\n" + out);
        }
    }
}
