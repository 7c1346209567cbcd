package io.redoubt.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.redoubt.store.Database.NO_EXPIRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SCAN's promise: every key present for the whole scan is returned, however the table is resized. */
class ScanTest {
    private final OffHeapDatabase db = new OffHeapDatabase();

    @AfterEach
    void release() {
        db.release();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private HashIndex index() {
        return IndexChecks.field(db, "table", HashIndex.class);
    }

    @Test
    void reserve_sizesAnEmptyIndexSoFillingItNeverRehashes() {
        db.reserve(100_000);
        assertEquals(131_072, index().tableSize(0));
        for (int i = 0; i < 100_000; i++) {
            db.putString(("key:" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII), new byte[]{1}, Database.NO_EXPIRY);
            if (index().isRehashing()) {
                throw new AssertionError("rehash after " + i + " keys");
            }
        }
        db.reserve(10_000_000); // not empty: a hint only
        assertEquals(131_072, index().tableSize(0));
    }

    @Test
    void scan_emptyDatabaseCompletesAtOnce() {
        assertEquals(0, db.scan(0, ref -> {
            throw new AssertionError();
        }));
    }

    @Test
    void scan_stableTableVisitsEveryKeyOnce() {
        for (int i = 0; i < 10_000; i++) {
            db.putString(b("k" + i), b("v"), NO_EXPIRY);
        }
        while (db.rehash(1000)) {
            // settle
        }
        Map<ByteBuffer, Integer> seen = new HashMap<>();
        long cursor = 0;
        do {
            cursor = db.scan(cursor, ref -> seen.merge(ByteBuffer.wrap(db.key(ref)), 1, Integer::sum));
        } while (cursor != 0);
        assertEquals(10_000, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1));
    }

    @Test
    void scan_duringGrowthRehash() {
        checkUnderResize(1, true);
    }

    @Test
    void scan_duringShrinkRehash() {
        checkUnderResize(2, false);
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 4, 5, 6, 7, 8})
    void scan_randomResizesBetweenCalls(long seed) {
        checkUnderResize(seed, new Random(seed).nextBoolean());
    }

    /**
     * Scans while, between calls, thousands of transient keys come and go (so the table doubles or halves,
     * sometimes several times) and rehash steps run, leaving the table mid-rehash at many cursor values.
     */
    private void checkUnderResize(long seed, boolean grow) {
        Random random = new Random(seed);
        int stable = 2000;
        for (int i = 0; i < stable; i++) {
            db.putString(b("stable:" + i), b("v"), NO_EXPIRY);
        }
        List<byte[]> transients = new ArrayList<>();
        if (!grow) {
            for (int i = 0; i < 100_000; i++) {
                byte[] key = b("t:" + i);
                db.putString(key, b("v"), NO_EXPIRY);
                transients.add(key);
            }
        }
        Set<ByteBuffer> seen = new HashSet<>();
        int transientId = 1_000_000;
        boolean sawRehash = false;
        long cursor = 0;
        int calls = 0;
        do {
            cursor = db.scan(cursor, ref -> seen.add(ByteBuffer.wrap(db.key(ref))));
            calls++;
            int churn = random.nextInt(300);
            for (int i = 0; i < churn; i++) {
                if (grow ? random.nextInt(10) < 8 : transients.isEmpty() || random.nextInt(10) < 1) {
                    byte[] key = b("t:" + transientId++);
                    db.putString(key, b("v"), NO_EXPIRY);
                    transients.add(key);
                } else if (!transients.isEmpty()) {
                    byte[] key = transients.remove(random.nextInt(transients.size()));
                    db.delete(db.find(key));
                }
            }
            sawRehash |= index().isRehashing();
            if (random.nextInt(4) == 0) {
                db.rehash(random.nextInt(50));
            }
            if (grow && calls % 500 == 0 && transients.size() > 50_000) {
                grow = false;
            }
        } while (cursor != 0);
        for (int i = 0; i < stable; i++) {
            assertTrue(seen.contains(ByteBuffer.wrap(b("stable:" + i))), "stable:" + i + " seen");
        }
        assertTrue(sawRehash, "the scan ran across a rehash");
        IndexChecks.checkStructure(db);
    }
}
