package io.redoubt.server.persist;

import io.netty.buffer.ByteBuf;
import io.redoubt.server.RedoubtServer;
import io.redoubt.server.Server;
import io.redoubt.server.persist.rdb.RdbSink;
import io.redoubt.server.persist.rdb.RdbWriter;
import io.redoubt.store.Database;
import io.redoubt.store.SnapshotEntry;

import java.io.IOException;

/**
 * What a dump file holds around the entries, as Redis writes it: the header (RDB version 10, which Redis
 * 7.0 and later load), the aux fields Redis writes (redis-ver, redis-bits, ctime, used-mem, aof-base),
 * SELECTDB and RESIZEDB before each database, and the end mark with its checksum.
 */
final class RdbImage {
    /** Redis 7.0's RDB version: the newest every Redis 7 loads. */
    static final int RDB_VERSION = 10;

    private RdbImage() {
    }

    static RdbWriter begin(RdbSink sink, Server server) throws IOException {
        RdbWriter w = new RdbWriter(sink)
                .compression(server.config().getBool("rdbcompression"))
                .checksum(server.config().getBool("rdbchecksum"))
                .listNodeFill(server.config().getInt("list-max-listpack-size"))
                .accessClockFor(server);
        w.header(RDB_VERSION);
        w.aux("redis-ver", RedoubtServer.VERSION);
        w.aux("redis-bits", "64");
        w.aux("ctime", Long.toString(System.currentTimeMillis() / 1000));
        w.aux("used-mem", Long.toString(server.usedMemory()));
        w.aux("aof-base", "0");
        return w;
    }

    static void beginDatabase(RdbWriter w, int dbIndex, long size, long expires) throws IOException {
        w.selectDb(dbIndex);
        w.resizeDb(size, expires);
    }

    /** An indexed entry seen through the {@link SnapshotEntry} view, for SAVE (nothing changes meanwhile). */
    static final class LiveEntry implements SnapshotEntry {
        private Database db;
        private long ref;

        LiveEntry at(Database db, long ref) {
            this.db = db;
            this.ref = ref;
            return this;
        }

        @Override
        public int type() {
            return db.type(ref);
        }

        @Override
        public long expireAt() {
            return db.expireAt(ref);
        }

        @Override
        public int accessClock() {
            return db.accessClock(ref);
        }

        @Override
        public int keyLength() {
            return db.keyLength(ref);
        }

        @Override
        public void copyKey(ByteBuf dst) {
            db.copyKey(ref, dst);
        }

        @Override
        public byte[] key() {
            return db.key(ref);
        }

        @Override
        public int valueLength() {
            return db.type(ref) == io.redoubt.store.ValueType.STRING ? db.valueLength(ref) : 0;
        }

        @Override
        public void copyValue(int from, ByteBuf dst, int length) {
            db.copyValue(ref, from, dst, length);
        }

        @Override
        public void copyValue(int from, byte[] dst, int dstIndex, int length) {
            db.copyValue(ref, from, dst, dstIndex, length);
        }

        @Override
        public Object object() {
            return db.type(ref) == io.redoubt.store.ValueType.STRING ? null : db.object(ref);
        }
    }
}
