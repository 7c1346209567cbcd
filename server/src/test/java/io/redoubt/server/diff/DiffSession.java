package io.redoubt.server.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Sends the same commands to a real Redis and to Redoubt, one connection each, and compares the replies after
 * {@link Normalizers}. Scripts are redis-cli-style lines; besides real commands they may use
 * {@code SCANALL [MATCH p] [COUNT n] [TYPE t]}, a full SCAN iteration whose sorted, de-duplicated keys are
 * compared (the cursors themselves are not comparable).
 */
final class DiffSession {
    private final RespClient redis;
    private final RespClient redoubt;

    DiffSession(RespClient redis, RespClient redoubt) {
        this.redis = redis;
        this.redoubt = redoubt;
    }

    /** A difference between the two servers' replies to one command. */
    record Mismatch(String where, List<byte[]> cmd, RespValue redis, RespValue redoubt) {
        @Override
        public String toString() {
            return where + ": " + CommandLine.show(cmd) + "\n      redis:   " + redis + "\n      redoubt: " + redoubt;
        }
    }

    /** Runs every line of {@code script} (blank lines and # comments skipped) and fails listing all differences. */
    void run(String script) throws IOException {
        List<Mismatch> mismatches = new ArrayList<>();
        String[] lines = script.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Mismatch m = compare("line " + (i + 1), CommandLine.split(line));
            if (m != null) {
                mismatches.add(m);
            }
        }
        if (!mismatches.isEmpty()) {
            StringBuilder s = new StringBuilder(mismatches.size() + " of the script's replies differ from Redis:\n");
            for (Mismatch m : mismatches) {
                s.append("  ").append(m).append('\n');
            }
            fail(s.toString());
        }
    }

    /** Sends {@code cmd} to both servers; returns the difference, or null when the replies agree. */
    Mismatch compare(String where, List<byte[]> cmd) throws IOException {
        if (Normalizers.upper(cmd, 0).equals("SCANALL")) {
            RespValue a = scanAll(redis, cmd);
            RespValue b = scanAll(redoubt, cmd);
            return a.equals(b) ? null : new Mismatch(where, cmd, a, b);
        }
        return judge(where, cmd, redis.call(cmd), redoubt.call(cmd));
    }

    /**
     * Sends {@code cmds} to each server in one write (pipelined), reads all replies, then compares them in order;
     * returns the first difference, or null. SCANALL is not allowed here.
     */
    Mismatch compareBatch(String where, List<List<byte[]>> cmds) throws IOException {
        redis.sendAll(cmds);
        List<RespValue> fromRedis = new ArrayList<>(cmds.size());
        for (int i = 0; i < cmds.size(); i++) {
            fromRedis.add(redis.read());
        }
        redoubt.sendAll(cmds);
        List<RespValue> fromRedoubt = new ArrayList<>(cmds.size());
        for (int i = 0; i < cmds.size(); i++) {
            fromRedoubt.add(redoubt.read());
        }
        for (int i = 0; i < cmds.size(); i++) {
            Mismatch m = judge(where + " (pipelined command " + (i + 1) + " of " + cmds.size() + ")", cmds.get(i),
                    fromRedis.get(i), fromRedoubt.get(i));
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private Mismatch judge(String where, List<byte[]> cmd, RespValue a, RespValue b) throws IOException {
        Boolean tolerated = Normalizers.withinTolerance(cmd, a, b);
        if (tolerated != null) {
            return tolerated ? null : new Mismatch(where, cmd, a, b);
        }
        RespValue na = Normalizers.normalise(cmd, a, redis, true);
        RespValue nb = Normalizers.normalise(cmd, b, redoubt, false);
        return na.equals(nb) ? null : new Mismatch(where, cmd, a.equals(na) ? a : na, b.equals(nb) ? b : nb);
    }

    /** Both servers' raw replies, for setup steps whose replies are checked elsewhere. */
    void both(String line) throws IOException {
        List<byte[]> cmd = CommandLine.split(line);
        redis.call(cmd);
        redoubt.call(cmd);
    }

    /** Repeats {@code line} on each server until its reply is {@code expected}, failing after {@code seconds}. */
    void await(String line, RespValue expected, int seconds) throws IOException {
        List<byte[]> cmd = CommandLine.split(line);
        for (RespClient server : List.of(redis, redoubt)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            RespValue last;
            while (!(last = server.call(cmd)).equals(expected)) {
                if (System.nanoTime() > deadline) {
                    fail((server == redis ? "redis" : "redoubt") + ": '" + line + "' still replies " + last
                            + " after " + seconds + " s, expected " + expected);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private static RespValue scanAll(RespClient server, List<byte[]> cmd) throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<byte[]> scan = new ArrayList<>();
            scan.add("SCAN".getBytes(StandardCharsets.US_ASCII));
            scan.add(cursor.getBytes(StandardCharsets.US_ASCII));
            scan.addAll(cmd.subList(1, cmd.size()));
            RespValue reply = server.call(scan);
            if (!(reply instanceof RespValue.Array a) || a.items() == null || a.items().size() != 2
                    || !(a.items().get(0) instanceof RespValue.Bulk next) || next.bytes() == null
                    || !(a.items().get(1) instanceof RespValue.Array batch) || batch.items() == null) {
                return reply;
            }
            cursor = next.text();
            for (RespValue k : batch.items()) {
                keys.add(k.toString());
            }
            if (++calls > 100_000) {
                return new RespValue.Marker("SCAN did not finish after 100000 calls");
            }
        } while (!cursor.equals("0"));
        List<RespValue> items = new ArrayList<>();
        for (String k : keys) {
            items.add(new RespValue.Simple(k));
        }
        return new RespValue.Array('*', items);
    }
}
