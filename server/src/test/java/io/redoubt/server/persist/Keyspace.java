package io.redoubt.server.persist;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A whole server's keyspace read through its commands (SCAN, TYPE, the type's read command, PEXPIRETIME),
 * database by database, so that two servers (Redoubt and Redis, or one server before and after a restart)
 * can be compared key by key whatever wrote or loaded their files.
 *
 * <p>Bytes are kept as ISO-8859-1 strings: lossless for any byte, comparable, and printable in a diff.
 * Expiries are compared as absolute Unix times in milliseconds (PEXPIRETIME), which a file round trip must
 * keep exactly, where PTTL would drift with the clock.
 */
public final class Keyspace {
    /** One key's type, value and absolute expiry (-1 for none). */
    public record Entry(String type, Object value, long expireAtMs) {
    }

    private final Map<Integer, Map<String, Entry>> dbs;

    private Keyspace(Map<Integer, Map<String, Entry>> dbs) {
        this.dbs = dbs;
    }

    public Map<Integer, Map<String, Entry>> dbs() {
        return dbs;
    }

    public long size() {
        return dbs.values().stream().mapToLong(Map::size).sum();
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads every database of the server on {@code port}. */
    public static Keyspace read(String host, int port) {
        try (Jedis j = new Jedis(host, port, 30_000)) {
            int databases = Integer.parseInt(j.configGet("databases").get("databases"));
            Map<Integer, Map<String, Entry>> dbs = new TreeMap<>();
            for (int db = 0; db < databases; db++) {
                j.select(db);
                if (j.dbSize() == 0) {
                    continue;
                }
                dbs.put(db, readDb(j));
            }
            j.select(0);
            return new Keyspace(dbs);
        }
    }

    private static Map<String, Entry> readDb(Jedis j) {
        Map<String, Entry> out = new TreeMap<>();
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(500);
        do {
            ScanResult<byte[]> page = j.scan(cursor, params);
            cursor = page.getCursorAsBytes();
            List<byte[]> keys = page.getResult();
            if (keys.isEmpty()) {
                continue;
            }
            Pipeline p = j.pipelined();
            List<Response<String>> types = new ArrayList<>(keys.size());
            List<Response<Long>> expiries = new ArrayList<>(keys.size());
            for (byte[] k : keys) {
                types.add(p.type(k));
                expiries.add(p.pexpireTime(k));
            }
            p.sync();
            p = j.pipelined();
            List<Response<?>> values = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                byte[] k = keys.get(i);
                values.add(switch (types.get(i).get()) {
                    case "string" -> p.get(k);
                    case "list" -> p.lrange(k, 0, -1);
                    case "hash" -> p.hgetAll(k);
                    case "set" -> p.smembers(k);
                    case "zset" -> p.zrangeWithScores(k, 0, -1);
                    // Expired or deleted between SCAN and TYPE: nothing to read.
                    case "none" -> null;
                    default -> throw new IllegalStateException("type " + types.get(i).get() + " is not compared yet");
                });
            }
            p.sync();
            for (int i = 0; i < keys.size(); i++) {
                Response<?> r = values.get(i);
                if (r == null) {
                    continue;
                }
                String type = types.get(i).get();
                out.put(s(keys.get(i)), new Entry(type, normalise(type, r.get()), expiries.get(i).get()));
            }
        } while (!Objects.equals(s(cursor), "0"));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object normalise(String type, Object v) {
        switch (type) {
            case "string":
                return s((byte[]) v);
            case "list": {
                List<String> l = new ArrayList<>();
                for (byte[] e : (List<byte[]>) v) {
                    l.add(s(e));
                }
                return l;
            }
            case "hash": {
                Map<String, String> m = new TreeMap<>();
                for (var e : ((Map<byte[], byte[]>) v).entrySet()) {
                    m.put(s(e.getKey()), s(e.getValue()));
                }
                return m;
            }
            case "set": {
                Set<String> m = new TreeSet<>();
                for (byte[] e : (Set<byte[]>) v) {
                    m.add(s(e));
                }
                return m;
            }
            case "zset": {
                // Score order, and member order within a score: the same on any server holding the same set.
                List<String> l = new ArrayList<>();
                for (Tuple t : (List<Tuple>) v) {
                    l.add(s(t.getBinaryElement()) + " @ " + Double.toString(t.getScore()));
                }
                return l;
            }
            default:
                throw new IllegalStateException(type);
        }
    }

    /** Fails with the first differences (at most 20) when the two keyspaces differ. */
    public static void assertSame(Keyspace expected, Keyspace actual, String what) {
        List<String> diffs = diff(expected, actual, 20);
        if (!diffs.isEmpty()) {
            fail(what + ": keyspaces differ (expected " + expected.size() + " keys, got " + actual.size() + "):\n  "
                    + String.join("\n  ", diffs));
        }
    }

    public static List<String> diff(Keyspace expected, Keyspace actual, int max) {
        List<String> diffs = new ArrayList<>();
        Set<Integer> allDbs = new TreeSet<>(expected.dbs.keySet());
        allDbs.addAll(actual.dbs.keySet());
        for (int db : allDbs) {
            Map<String, Entry> e = expected.dbs.getOrDefault(db, Map.of());
            Map<String, Entry> a = actual.dbs.getOrDefault(db, Map.of());
            Set<String> keys = new TreeSet<>(e.keySet());
            keys.addAll(a.keySet());
            for (String k : keys) {
                Entry x = e.get(k);
                Entry y = a.get(k);
                if (Objects.equals(x, y)) {
                    continue;
                }
                String where = "db" + db + " " + printable(k) + ": ";
                if (x == null) {
                    diffs.add(where + "unexpected key (" + y.type() + ")");
                } else if (y == null) {
                    diffs.add(where + "missing (" + x.type() + ")");
                } else if (!x.type().equals(y.type())) {
                    diffs.add(where + "type " + y.type() + " instead of " + x.type());
                } else if (x.expireAtMs() != y.expireAtMs()) {
                    diffs.add(where + "expires at " + y.expireAtMs() + " instead of " + x.expireAtMs());
                } else {
                    diffs.add(where + "value differs: " + abbreviate(y.value()) + " instead of " + abbreviate(x.value()));
                }
                if (diffs.size() >= max) {
                    return diffs;
                }
            }
        }
        return diffs;
    }

    private static String abbreviate(Object v) {
        String s = printable(String.valueOf(v));
        return s.length() > 200 ? s.substring(0, 200) + "… (" + s.length() + " chars)" : s;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 400; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\x%02x", (int) c));
            }
        }
        return b.toString();
    }
}
