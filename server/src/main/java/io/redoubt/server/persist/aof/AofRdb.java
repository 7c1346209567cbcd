package io.redoubt.server.persist.aof;

import io.netty.buffer.ByteBuf;
import io.redoubt.server.Server;
import io.redoubt.store.SnapshotEntry;

import java.io.InputStream;

/**
 * The bridge to the RDB format for RDB-preamble bases ({@code aof-use-rdb-preamble yes}): writing a base with
 * the RDB writer, and reading an RDB base into the keyspace at load.
 */
final class AofRdb {
    private AofRdb() {
    }

    /** True once the RDB writer and reader are part of the server. */
    static boolean available() {
        return false;
    }

    /** Writes an RDB image of nothing (header, aof-base aux field, EOF and checksum). */
    static void writeEmpty(ByteBuf out, Server server) {
        throw new UnsupportedOperationException("RDB writer not available");
    }

    static BaseWriter baseWriter(Server server) {
        throw new UnsupportedOperationException("RDB writer not available");
    }

    /** Loads an RDB base from {@code in} into the keyspace; the message of a failure names the file and offset. */
    static long load(Server server, InputStream in, String fileName) throws AofException {
        throw new AofException(fileName + ": the base is an RDB file, which this build cannot read yet");
    }

    /** Serialises a point-in-time image as an RDB base, chunk by chunk. */
    interface BaseWriter {
        void begin(ByteBuf out);

        void entry(ByteBuf out, int db, SnapshotEntry e);

        void end(ByteBuf out);
    }
}
