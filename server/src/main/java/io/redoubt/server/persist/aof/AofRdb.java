package io.redoubt.server.persist.aof;

import io.netty.buffer.ByteBuf;
import io.redoubt.server.RedoubtServer;
import io.redoubt.server.Server;
import io.redoubt.server.persist.rdb.RdbFormatException;
import io.redoubt.server.persist.rdb.RdbReader;
import io.redoubt.server.persist.rdb.RdbSink;
import io.redoubt.server.persist.rdb.RdbVisitor;
import io.redoubt.server.persist.rdb.RdbWriter;
import io.redoubt.store.Database;
import io.redoubt.store.ValueType;

import java.io.IOException;
import java.io.InputStream;

/**
 * The RDB side of the log: the RDB base of {@code aof-use-rdb-preamble yes} (Redis's layout: header, aux fields
 * ending with {@code aof-base 1}, then per database SELECTDB/RESIZEDB and its keys, EOF and CRC-64), and loading
 * such a base — or the RDB preamble of a pre-7 single-file AOF — into the keyspace.
 */
final class AofRdb {
    /** Redis 7.0's RDB version: every Redis 7 loads it. */
    static final int RDB_VERSION = 10;

    private AofRdb() {
    }

    static boolean available() {
        return true;
    }

    static RdbWriter writer(Server server, RdbSink sink) {
        return new RdbWriter(sink)
                .compression(server.config().getBool("rdbcompression"))
                .checksum(server.config().getBool("rdbchecksum"))
                .listNodeFill(server.config().getInt("list-max-listpack-size"));
    }

    /** Header and aux fields of an AOF base, as Redis's rdbSaveInfoAuxFields with aof-base. */
    static void begin(RdbWriter w, Server server) throws IOException {
        w.header(RDB_VERSION);
        w.aux("redis-ver", RedoubtServer.VERSION);
        w.aux("redis-bits", "64");
        w.aux("ctime", Long.toString(System.currentTimeMillis() / 1000));
        w.aux("used-mem", Long.toString(server.usedMemory()));
        w.aux("aof-base", "1");
    }

    /** An RDB base of an empty data set. */
    static void writeEmpty(ByteBuf out, Server server) throws IOException {
        RdbWriter w = writer(server, chunk -> {
            out.writeBytes(chunk);
            chunk.release();
        });
        begin(w, server);
        w.end();
    }

    /** What follows the RDB part of a file (the RESP tail of an old-style preamble AOF) and where it starts. */
    record Tail(InputStream rest, long offset) {
    }

    /**
     * Loads an RDB base into the keyspace; keys already expired are dropped, as Redis does when it loads as a master.
     *
     * @throws AofException naming the file and the offset of the damage
     */
    static Tail load(Server server, InputStream in, long length, String source) throws AofException, IOException {
        RdbReader reader = new RdbReader(server.encodingLimits());
        long now = System.currentTimeMillis();
        long[] counts = new long[2];
        RdbVisitor visitor = new RdbVisitor() {
            @Override
            public void entry(int db, byte[] key, int type, Object value, long expireAtMs, int lruIdleSecs, int lfuFreq) {
                if (db < 0 || db >= server.keyspace().count()) {
                    throw new IllegalStateException("database " + db + " is beyond 'databases' (" + server.keyspace().count() + ")");
                }
                if (expireAtMs != Database.NO_EXPIRY && expireAtMs < now) {
                    counts[1]++;
                    return;
                }
                Database d = server.keyspace().db(db);
                if (type == ValueType.STRING) {
                    d.putString(key, (byte[]) value, expireAtMs);
                } else {
                    d.putObject(key, type, value, expireAtMs);
                }
                counts[0]++;
            }

            @Override
            public void warning(String message) {
                server.log().warning(source + ": " + message);
            }
        };
        try {
            reader.read(in, length, source, visitor);
        } catch (RdbFormatException e) {
            server.log().warning("Error reading the RDB base file " + source + ", AOF loading aborted");
            throw new AofException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new AofException(source + ": " + e.getMessage() + " at offset " + reader.offset(), e);
        }
        server.log().notice("Done loading RDB, keys loaded: " + counts[0] + ", keys expired: " + counts[1] + ".");
        return new Tail(reader.remainder(), reader.offset());
    }
}
