package io.redoubt.server.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Where Redis and Redoubt may legitimately reply differently, and how the test makes such replies comparable.
 * Every case says why the difference is legitimate. Errors are never normalised: their texts must match.
 */
final class Normalizers {
    private Normalizers() {
    }

    /**
     * A reply as the comparison should see it; {@code server} is the connection that produced it, {@code reference}
     * says whether that is the real Redis.
     */
    static RespValue normalise(List<byte[]> cmd, RespValue reply, RespClient server, boolean reference) throws IOException {
        if (reply instanceof RespValue.Error) {
            return reply;
        }
        String name = upper(cmd, 0);
        String sub = cmd.size() > 1 ? upper(cmd, 1) : "";
        switch (name) {
            // Server-specific text: versions, run ids, uptimes, memory figures, client ids and addresses.
            case "INFO", "HELLO", "LASTSAVE", "COMMAND":
                return new RespValue.Marker(name + " reply");
            // The clock of the moment the server answered.
            case "TIME":
                return new RespValue.Marker("time");
            // Keys come in hash-table order, which depends on each server's hash function.
            case "KEYS":
                return reply instanceof RespValue.Array a ? a.sorted() : reply;
            case "SCAN":
                return normaliseScan(cmd, reply);
            // Any key of the database is a right answer: check that it is one, on the server that gave it.
            case "RANDOMKEY":
                return normaliseRandomKey(reply, server);
            case "CLIENT":
                // Connection ids, addresses, ages and buffer sizes are per server; CLIENT GETNAME etc. compare.
                if (sub.equals("ID") || sub.equals("LIST") || sub.equals("INFO")) {
                    return new RespValue.Marker("client " + sub.toLowerCase(Locale.ROOT));
                }
                return reply;
            case "OBJECT":
                // Small lists are "quicklist" in Redis 7.0 (the redis-server Debian ships) and "listpack" in 7.2,
                // which Redoubt follows.
                if (sub.equals("ENCODING") && reply instanceof RespValue.Bulk b
                        && ("quicklist".equals(b.text()) || "listpack".equals(b.text()))) {
                    return new RespValue.Marker("a list encoding");
                }
                // Access clocks: IDLETIME counts seconds since the last access and FREQ is a probabilistic
                // counter that decays with time; only the reply's kind is comparable.
                if ((sub.equals("IDLETIME") || sub.equals("FREQ")) && reply instanceof RespValue.Int) {
                    return new RespValue.Marker("integer");
                }
                return reply;
            case "MEMORY":
                // Byte counts depend on each server's memory layout (allocator classes, entry headers).
                if (reply instanceof RespValue.Int) {
                    return new RespValue.Marker("integer");
                }
                return reply;
            case "DEBUG":
                return new RespValue.Marker("debug reply");
            default:
                return reply;
        }
    }

    /**
     * Replies compared with a tolerance rather than by equality: remaining and absolute expiry times, since each
     * server computes them from its own clock at a slightly different moment. Negative answers (-1 no expiry,
     * -2 no key) must be equal. Returns null when {@code cmd} has no tolerance rule.
     */
    static Boolean withinTolerance(List<byte[]> cmd, RespValue redis, RespValue redoubt) {
        String name = upper(cmd, 0);
        long tolerance = switch (name) {
            case "TTL", "EXPIRETIME" -> 2;
            case "PTTL", "PEXPIRETIME" -> 2_000;
            default -> -1;
        };
        if (tolerance < 0) {
            return null;
        }
        if (redis instanceof RespValue.Int a && redoubt instanceof RespValue.Int b) {
            if (a.value() < 0 || b.value() < 0) {
                return a.value() == b.value();
            }
            return Math.abs(a.value() - b.value()) <= tolerance;
        }
        return redis.equals(redoubt);
    }

    /**
     * SCAN's cursor values encode positions in each server's own table, and one call's batch of keys depends on
     * its hash order; what is comparable is whether the iteration ended (cursor 0) and, when it did in one
     * call, the set of keys. Full iterations are compared with {@link DiffSession}'s SCANALL. A call from a
     * cursor other than 0 starts at a server-specific position, so only its shape is compared.
     */
    private static RespValue normaliseScan(List<byte[]> cmd, RespValue reply) {
        if (!(reply instanceof RespValue.Array a) || a.items() == null || a.items().size() != 2) {
            return reply;
        }
        if (cmd.size() > 1 && !upper(cmd, 1).equals("0")) {
            return new RespValue.Marker("a batch from a server-specific cursor");
        }
        RespValue cursor = a.items().get(0);
        boolean finished = cursor instanceof RespValue.Bulk b && "0".equals(b.text());
        if (!finished) {
            return new RespValue.Array('*', List.of(new RespValue.Marker("cursor"), new RespValue.Marker("partial batch")));
        }
        return a.items().get(1) instanceof RespValue.Array keys ? new RespValue.Array('*', List.of(cursor, keys.sorted())) : reply;
    }

    private static RespValue normaliseRandomKey(RespValue reply, RespClient server) throws IOException {
        if (!(reply instanceof RespValue.Bulk b) || b.bytes() == null) {
            return reply;
        }
        RespValue exists = server.call(List.of("EXISTS".getBytes(StandardCharsets.US_ASCII), b.bytes()));
        return exists.equals(new RespValue.Int(1))
                ? new RespValue.Marker("an existing key")
                : new RespValue.Marker("RANDOMKEY returned " + b + ", which does not exist");
    }

    static String upper(List<byte[]> cmd, int i) {
        return new String(cmd.get(i), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
    }
}
