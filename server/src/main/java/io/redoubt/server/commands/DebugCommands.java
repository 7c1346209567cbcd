package io.redoubt.server.commands;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.redoubt.resp.CommandArgs;
import io.redoubt.server.Client;
import io.redoubt.server.Server;
import io.redoubt.server.command.Arguments;
import io.redoubt.server.command.CommandError;
import io.redoubt.server.command.CommandSpec;
import io.redoubt.server.command.CommandTable;
import io.redoubt.server.net.Reply;
import io.redoubt.store.Database;
import io.redoubt.store.MemoryStats;
import io.redoubt.store.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** DEBUG (the subset tests and tools use) and MEMORY (Redis's debug.c and object.c). */
public final class DebugCommands {
    private static final CommandError NOT_POSITIVE = new CommandError("ERR value is out of range, must be positive");

    private DebugCommands() {
    }

    static void register(CommandTable t) {
        t.add("debug", -2, "admin noscript loading stale protected", DebugCommands::debug).group("server")
                .doc("A container for debugging commands.", "Depends on subcommand.", "");

        CommandSpec memory = t.container("memory", "").group("server").since("4.0.0")
                .doc("A container for memory diagnostics commands.", "Depends on subcommand.", "");
        memory.sub("doctor", 2, "", DebugCommands::memoryDoctor)
                .doc("Outputs a memory problems report.", "O(1)", "");
        memory.sub("help", 2, "loading stale", DebugCommands::memoryHelp)
                .doc("Returns helpful text about the different subcommands.", "O(1)", "");
        memory.sub("malloc-stats", 2, "", DebugCommands::mallocStats)
                .doc("Returns the allocator statistics.", "Depends on how much memory is allocated, could be slow", "");
        memory.sub("purge", 2, "", DebugCommands::purge)
                .doc("Asks the allocator to release memory.", "Depends on how much memory is allocated, could be slow", "");
        memory.sub("stats", 2, "", DebugCommands::memoryStats)
                .doc("Returns details about memory usage.", "O(1)", "");
        memory.sub("usage", -3, "readonly", DebugCommands::usage).keys(2, 2, 1)
                .doc("Estimates the memory usage of a key.", "O(N) where N is the number of samples.", "key [SAMPLES count]");
    }

    // ------------------------------------------------------------------ DEBUG

    /* DEBUG subcommand [argument ...] */
    static void debug(Client c, CommandArgs a) {
        int n = a.count();
        if (a.is(1, "help") && n == 2) {
            HelpReply.reply(c, "DEBUG",
                    "OBJECT <key>",
                    "    Show low level info about `key` and associated value.",
                    "POPULATE <count> [<prefix>] [<size>]",
                    "    Create <count> string keys named key:<num>. If <prefix> is specified then",
                    "    it is used instead of the 'key' prefix. These are not propagated to",
                    "    replicas. Cluster slots are not respected so keys not belonging to the",
                    "    current node can be created in cluster mode.",
                    "LOADAOF",
                    "    Flush the AOF buffers on disk and reload the AOF in memory.",
                    "RELOAD [option ...]",
                    "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
                    "    * MERGE: conflicting keys will be loaded from RDB.",
                    "    * NOFLUSH: the existing database will not be removed before load, but",
                    "      conflicting keys will generate an exception and kill the server.",
                    "    * NOSAVE: the database will be loaded from an existing RDB file.",
                    "    Examples:",
                    "    * DEBUG RELOAD: verify that the server is able to persist, flush and reload",
                    "      the database.",
                    "    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an",
                    "      existing RDB file.",
                    "    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB",
                    "      file to the database.",
                    "SET-ACTIVE-EXPIRE <0|1>",
                    "    Setting it to 0 disables expiring keys in background when they are not",
                    "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
                    "    default.",
                    "SLEEP <seconds>",
                    "    Stop the server for <seconds>. Decimals allowed.");
        } else if (a.is(1, "sleep") && n == 3) {
            sleep(c, a);
        } else if (a.is(1, "set-active-expire") && n == 3) {
            // Redis reads the flag with atoi: anything but a non-zero number disables.
            c.server().activeExpire(atoi(a.string(2)) != 0);
            c.reply().ok();
        } else if (a.is(1, "populate") && n >= 3 && n <= 5) {
            populate(c, a);
        } else if (a.is(1, "object") && n == 3) {
            object(c, a);
        } else if (a.is(1, "loadaof") && n == 2) {
            try {
                c.server().aof().debugLoadAof();
            } catch (io.redoubt.server.persist.aof.AofException | java.io.IOException e) {
                throw new CommandError("ERR Error loading the AOF: " + e.getMessage());
            }
            c.reply().ok();
        } else if (a.is(1, "reload")) {
            io.redoubt.server.persist.SnapshotCommands.debugReload(c, a);
        } else {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                    + truncate(a.string(1)) + "'. Try DEBUG HELP.");
        }
    }

    /* DEBUG SLEEP seconds: stops the whole server, as Redis does; tests use it to simulate a slow command. */
    private static void sleep(Client c, CommandArgs a) {
        double seconds;
        try {
            seconds = Double.parseDouble(a.string(2));
        } catch (NumberFormatException e) {
            seconds = 0; // strtod's answer to a non-number
        }
        long micros = (long) (seconds * 1_000_000);
        if (micros > 0) {
            try {
                Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        c.reply().ok();
    }

    /* DEBUG POPULATE count [prefix] [size] */
    private static void populate(Client c, CommandArgs a) {
        long count = Arguments.longArg(a, 2);
        if (count < 0) {
            throw NOT_POSITIVE;
        }
        long size = 0;
        if (a.count() == 5) {
            size = Arguments.longArg(a, 4);
            if (size < 0) {
                throw NOT_POSITIVE;
            }
            if (size > Integer.MAX_VALUE - 64) {
                throw CommandError.STRING_TOO_LONG;
            }
        }
        String prefix = a.count() >= 4 ? a.string(3) : "key";
        Server server = c.server();
        Database db = c.db();
        for (long j = 0; j < count; j++) {
            byte[] key = (prefix + ":" + j).getBytes(StandardCharsets.UTF_8);
            if (server.lookup(db, c.dbIndex(), key) != Database.NONE) {
                continue;
            }
            byte[] text = ("value:" + j).getBytes(StandardCharsets.US_ASCII);
            byte[] value = text;
            if (size > 0) {
                // Redis pads with zero bytes (or cuts) to the size asked.
                value = new byte[(int) size];
                System.arraycopy(text, 0, value, 0, Math.min(text.length, value.length));
            }
            long ref = db.putString(key, value, Database.NO_EXPIRY);
            db.setAccessClock(ref, server.lruClock());
            ByteBuf k = Unpooled.wrappedBuffer(key);
            server.keyModified(c.dbIndex(), k, 0, key.length);
        }
        c.reply().ok();
    }

    /* DEBUG OBJECT key */
    private static void object(Client c, CommandArgs a) {
        Server server = c.server();
        Database db = c.db();
        long ref = db.find(a.buf(), a.offset(2), a.length(2));
        if (ref == Database.NONE) {
            throw CommandError.NO_SUCH_KEY;
        }
        int type = db.type(ref);
        long serialized = type == ValueType.STRING ? db.valueLength(ref) : db.entryMemory(ref);
        int clock = db.accessClock(ref) & 0xFFFFFF;
        long idle = ((server.lruClock() - clock) & 0xFFFFFF);
        c.reply().simple("Value at:0x" + Long.toHexString(ref) + " refcount:1 encoding:" + KeyCommands.encoding(db, ref)
                + " serializedlength:" + serialized + " lru:" + clock + " lru_seconds_idle:" + idle);
    }

    private static int atoi(String s) {
        int i = 0;
        int sign = 1;
        long v = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            sign = s.charAt(i) == '-' ? -1 : 1;
            i++;
        }
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return (int) (sign * v);
    }

    private static String truncate(String s) {
        return s.length() <= 128 ? s : s.substring(0, 128);
    }

    // ------------------------------------------------------------------ MEMORY

    /* MEMORY USAGE key [SAMPLES count] */
    static void usage(Client c, CommandArgs a) {
        for (int j = 3; j < a.count(); j++) {
            if (a.is(j, "samples") && j + 1 < a.count()) {
                long samples = Arguments.longArg(a, j + 1);
                if (samples < 0) {
                    throw CommandError.SYNTAX;
                }
                j++;
            } else {
                throw CommandError.SYNTAX;
            }
        }
        // Redis looks the key up without expiring it or touching its clock.
        Database db = c.db();
        long ref = db.find(a.buf(), a.offset(2), a.length(2));
        if (ref == Database.NONE) {
            c.reply().nullBulk();
            return;
        }
        // Collections are accounted as a whole by store-core, so sampling changes nothing.
        c.reply().integer(db.entryMemory(ref));
    }

    /* MEMORY STATS */
    static void memoryStats(Client c, CommandArgs a) {
        Server s = c.server();
        MemoryFigures m = MemoryFigures.of(s);
        MemoryStats alloc = m.allocator();
        int dbs = 0;
        for (int i = 0; i < s.keyspace().count(); i++) {
            if (s.keyspace().db(i).size() > 0) {
                dbs++;
            }
        }
        Reply r = c.reply();
        r.map(27 + dbs);
        pair(r, "peak.allocated", m.peak());
        pair(r, "total.allocated", m.used());
        pair(r, "startup.allocated", m.startup());
        pair(r, "replication.backlog", 0);
        pair(r, "clients.slaves", 0);
        pair(r, "clients.normal", m.clientsNormal());
        pair(r, "cluster.links", 0);
        pair(r, "aof.buffer", 0);
        pair(r, "lua.caches", 0);
        pair(r, "functions.caches", 0);
        for (int i = 0; i < s.keyspace().count(); i++) {
            Database db = s.keyspace().db(i);
            if (db.size() == 0) {
                continue;
            }
            r.bulk("db." + i);
            r.map(3);
            // The index's share of the keyspace: what is not entry blocks.
            long index = Math.max(0, db.memoryStats().usedBytes() - db.memoryStats().blockBytes());
            long volatileShare = db.size() == 0 ? 0 : index * db.volatileSize() / (db.size() + db.volatileSize());
            pair(r, "overhead.hashtable.main", index - volatileShare);
            pair(r, "overhead.hashtable.expires", volatileShare);
            pair(r, "overhead.hashtable.slot-to-keys", 0);
        }
        long keys = s.keyspace().keyCount();
        pair(r, "overhead.total", m.overhead());
        pair(r, "keys.count", keys);
        pair(r, "keys.bytes-per-key", keys == 0 ? 0 : (m.used() - m.startup()) / keys);
        pair(r, "dataset.bytes", m.dataset());
        r.bulk("dataset.percentage");
        r.dbl(m.datasetPercent());
        r.bulk("peak.percentage");
        r.dbl(m.peakPercent());
        pair(r, "allocator.allocated", alloc.blockBytes());
        pair(r, "allocator.active", alloc.reservedBytes());
        pair(r, "allocator.resident", alloc.reservedBytes());
        r.bulk("allocator-fragmentation.ratio");
        r.dbl(alloc.fragmentationRatio());
        pair(r, "allocator-fragmentation.bytes", alloc.fragmentationBytes());
        r.bulk("allocator-rss.ratio");
        r.dbl(1.0);
        pair(r, "allocator-rss.bytes", 0);
        r.bulk("rss-overhead.ratio");
        r.dbl(alloc.reservedBytes() == 0 ? 0 : (double) m.rss() / alloc.reservedBytes());
        pair(r, "rss-overhead.bytes", m.rss() - alloc.reservedBytes());
        r.bulk("fragmentation");
        r.dbl(m.fragmentation());
        pair(r, "fragmentation.bytes", m.rss() - m.used());
    }

    private static void pair(Reply r, String name, long value) {
        r.bulk(name);
        r.integer(value);
    }

    /*
     * MEMORY DOCTOR. The process's resident set includes the JVM (heap, JIT code), so the RSS-based checks
     * of Redis would always fire; the report judges store-core's own allocator figures instead.
     */
    static void memoryDoctor(Client c, CommandArgs a) {
        Server s = c.server();
        MemoryFigures m = MemoryFigures.of(s);
        MemoryStats alloc = m.allocator();
        boolean empty = m.used() < 5L * 1024 * 1024;
        boolean bigPeak = !empty && (double) m.peak() / m.used() > 1.5;
        boolean highAllocFrag = !empty && alloc.fragmentationRatio() > 1.1 && alloc.fragmentationBytes() > 10 << 20;
        int clients = Math.max(1, s.clients().size());
        boolean bigClientBuf = !empty && m.clientsNormal() / clients > 1024 * 200;
        StringBuilder sb = new StringBuilder();
        if (empty) {
            sb.append("Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n");
        } else if (!bigPeak && !highAllocFrag && !bigClientBuf) {
            sb.append("Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n");
        } else {
            sb.append("Sam, I detected a few issues in this Redis instance memory implants:\n\n");
            if (bigPeak) {
                sb.append(" * Peak memory: In the past this instance used more than 150% the memory that is currently using. The allocator is normally not able to release memory after a peak, so you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to the memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than expected, the memory will be used as soon as you fill the Redis instance with more data. If the memory peak was only occasional and you want to try to reclaim memory, please try the MEMORY PURGE command, otherwise the only other option is to shutdown and restart the instance.\n\n");
            }
            if (highAllocFrag) {
                sb.append(" * High allocator fragmentation: This instance has an allocator external fragmentation greater than 1.1. This problem is usually due either to a large peak memory (check if there is a peak memory entry above in the report) or may result from a workload that causes the allocator to fragment memory a lot. You can try enabling 'activedefrag' config option.\n\n");
            }
            if (bigClientBuf) {
                sb.append(" * Big client buffers: The clients output buffers in this instance are greater than 200K per client (on average). This may result from different causes, like Pub/Sub clients subscribed to channels bot not receiving data fast enough, so that data piles on the Redis instance output buffer, or clients sending commands with large replies or very large sequences of commands in the same pipeline. Please use the CLIENT LIST command in order to investigate the issue if it causes problems in your instance, or to understand better why certain clients are using a big amount of memory.\n\n");
            }
            sb.append("I'm here to keep you safe, Sam. I want to help you.\n");
        }
        c.reply().verbatim(sb.toString());
    }

    /* MEMORY MALLOC-STATS: store-core's slab figures instead of jemalloc's report. */
    static void mallocStats(Client c, CommandArgs a) {
        MemoryStats alloc = c.server().keyspace().memoryStats();
        String report = String.format(Locale.ROOT,
                "___ Begin redoubt slab allocator statistics ___%n"
                        + "used: %d%nreserved: %d%nblocks: %d%nkeys: %d%nfragmentation ratio: %.2f%nbytes per key: %.1f%n"
                        + "--- End redoubt slab allocator statistics ---%n",
                alloc.usedBytes(), alloc.reservedBytes(), alloc.blockBytes(), alloc.keys(),
                alloc.fragmentationRatio(), alloc.bytesPerKey());
        c.reply().verbatim(report.replace(System.lineSeparator(), "\n"));
    }

    /* MEMORY PURGE */
    static void purge(Client c, CommandArgs a) {
        for (int i = 0; i < c.server().keyspace().count(); i++) {
            c.server().keyspace().db(i).purgeMemory();
        }
        c.reply().ok();
    }

    /* MEMORY HELP */
    static void memoryHelp(Client c, CommandArgs a) {
        HelpReply.reply(c, "MEMORY",
                "DOCTOR",
                "    Return memory problems reports.",
                "MALLOC-STATS",
                "    Return internal statistics report from the memory allocator.",
                "PURGE",
                "    Attempt to purge dirty pages for reclamation by the allocator.",
                "STATS",
                "    Return information about the memory usage of the server.",
                "USAGE <key> [SAMPLES <count>]",
                "    Return memory in bytes used by <key> and its value. Nested values are",
                "    sampled up to <count> times (default: 5, 0 means sample all).");
    }
}
