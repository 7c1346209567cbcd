package io.redoubt.server.persist.rdb;

import io.redoubt.server.types.EncodingLimits;
import io.redoubt.store.Database;
import io.redoubt.store.SnapshotTraversal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Writes databases as RDB bytes with {@link RdbWriter}, and reads RDB bytes back into a list of entries. */
final class RdbTestFiles {
    private RdbTestFiles() {
    }

    /** One key read back. */
    record Entry(int db, byte[] key, int type, Object value, long expireAt, int idle, int freq) {
        String keyString() {
            return new String(key, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** Everything a read produced. */
    static final class Collected implements RdbVisitor {
        final List<Entry> entries = new ArrayList<>();
        final List<String> aux = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<Integer> selected = new ArrayList<>();
        int version;
        boolean ended;

        @Override
        public void header(int version) {
            this.version = version;
        }

        @Override
        public void aux(String key, String value) {
            aux.add(key + "=" + value);
        }

        @Override
        public void selectDb(int db) {
            selected.add(db);
        }

        @Override
        public void entry(int db, byte[] key, int type, Object value, long expireAtMs, int lruIdleSecs, int lfuFreq) {
            entries.add(new Entry(db, key, type, value, expireAtMs, lruIdleSecs, lfuFreq));
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }

        @Override
        public void end() {
            ended = true;
        }

        Entry get(int db, String key) {
            for (Entry e : entries) {
                if (e.db == db && e.keyString().equals(key)) {
                    return e;
                }
            }
            return null;
        }
    }

    /** An RDB image of {@code dbs} (index = database number; null or empty ones skipped). */
    static byte[] write(Database[] dbs, boolean compression, boolean checksum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter w = new RdbWriter(RdbSink.of(out)).compression(compression).checksum(checksum);
        w.header(RdbFormat.WRITE_VERSION);
        w.aux("redis-ver", "7.0.15");
        w.aux("redis-bits", "64");
        w.aux("ctime", Long.toString(System.currentTimeMillis() / 1000));
        w.aux("used-mem", "1000000");
        w.aux("aof-base", "0");
        for (int i = 0; i < dbs.length; i++) {
            Database db = dbs[i];
            if (db == null || db.size() == 0) {
                continue;
            }
            w.selectDb(i);
            w.resizeDb(db.size(), db.volatileSize());
            try (SnapshotTraversal t = db.beginSnapshot()) {
                IOException[] failure = new IOException[1];
                while (t.step(100, e -> {
                    try {
                        w.entry(e);
                    } catch (IOException ex) {
                        failure[0] = ex;
                    }
                })) {
                    if (failure[0] != null) {
                        throw failure[0];
                    }
                }
            }
        }
        w.end();
        return out.toByteArray();
    }

    static Collected read(byte[] rdb, EncodingLimits limits) throws IOException, RdbFormatException {
        Collected c = new Collected();
        new RdbReader(limits).read(new ByteArrayInputStream(rdb), rdb.length, "test.rdb", c);
        return c;
    }
}
