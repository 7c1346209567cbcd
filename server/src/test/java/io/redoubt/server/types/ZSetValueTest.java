package io.redoubt.server.types;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ZSetValue against a TreeSet model under random operations, in both encodings and across conversions. */
class ZSetValueTest {
    private record Entry(String member, double score) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Double.compare(score, o.score);
            return c != 0 ? c : Arrays.compareUnsigned(bytes(member), bytes(o.member));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 128, 100_000})
    void randomOperations_matchASortedModel(int listpackEntries) {
        EncodingLimits limits = new EncodingLimits();
        limits.zsetMaxListpackEntries = listpackEntries;
        ZSetValue z = ZSetValue.empty(limits);
        TreeSet<Entry> model = new TreeSet<>();
        Map<String, Double> scores = new HashMap<>();
        Random rnd = new Random(listpackEntries);
        for (int step = 0; step < 20_000; step++) {
            String m = "m" + rnd.nextInt(400);
            int op = rnd.nextInt(10);
            if (op < 6) {
                double s = rnd.nextInt(50) / 2.0;
                Double old = scores.put(m, s);
                if (old != null) {
                    model.remove(new Entry(m, old));
                }
                model.add(new Entry(m, s));
                z.add(bytes(m), s);
            } else if (op < 8) {
                Double old = scores.remove(m);
                if (old != null) {
                    model.remove(new Entry(m, old));
                }
                assertEquals(old != null, z.remove(bytes(m)));
            } else if (op == 8 && !model.isEmpty()) {
                int from = rnd.nextInt(model.size());
                int to = Math.min(model.size() - 1, from + rnd.nextInt(5));
                List<Entry> all = new ArrayList<>(model);
                for (int i = from; i <= to; i++) {
                    model.remove(all.get(i));
                    scores.remove(all.get(i).member);
                }
                z.removeRange(from, to);
            } else {
                double s = rnd.nextInt(50) / 2.0;
                long below = model.stream().filter(e -> e.score < s).count();
                long belowOrEqual = model.stream().filter(e -> e.score <= s).count();
                assertEquals(below, z.countScoreBelow(s, false));
                assertEquals(belowOrEqual, z.countScoreBelow(s, true));
            }
            assertEquals(model.size(), z.size());
            if (step % 500 == 0) {
                checkSame(model, z);
            }
        }
        checkSame(model, z);
        checkSame(model, z.copy());
    }

    private static void checkSame(TreeSet<Entry> model, ZSetValue z) {
        List<Entry> expected = new ArrayList<>(model);
        List<Entry> actual = new ArrayList<>();
        z.forEachAscending((m, s) -> actual.add(new Entry(new String(m, StandardCharsets.UTF_8), s)));
        assertEquals(expected, actual);
        for (int i = 0; i < expected.size(); i += 7) {
            Entry e = expected.get(i);
            assertEquals(i, z.rank(bytes(e.member)));
            assertEquals(e.score, z.score(bytes(e.member)));
            ZSetValue.Cursor c = z.cursor(i, i % 2 == 0);
            assertEquals(e.member, new String(c.member(), StandardCharsets.UTF_8));
        }
        List<Entry> descending = new ArrayList<>();
        for (ZSetValue.Cursor c = z.cursor(z.size() - 1, true); c.valid(); c.next()) {
            descending.add(new Entry(new String(c.member(), StandardCharsets.UTF_8), c.score()));
        }
        assertEquals(expected.reversed(), descending);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 128})
    void scan_returnsEveryMemberPresentThroughoutWhileTheSetChanges(int listpackEntries) {
        EncodingLimits limits = new EncodingLimits();
        limits.zsetMaxListpackEntries = listpackEntries;
        ZSetValue z = ZSetValue.empty(limits);
        for (int i = 0; i < 100; i++) {
            z.add(bytes("keep" + i), i);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int round = 0;
        do {
            cursor = z.scan(cursor, (m, s) -> seen.add(new String(m, StandardCharsets.UTF_8)));
            // Growth and shrinking between steps: the table doubles and halves under the cursor.
            for (int i = 0; i < 40; i++) {
                z.add(bytes("tmp" + round + "-" + i), i);
            }
            if (round % 3 == 2) {
                for (int r = round - 2; r <= round; r++) {
                    for (int i = 0; i < 40; i++) {
                        z.remove(bytes("tmp" + r + "-" + i));
                    }
                }
            }
            round++;
        } while (cursor != 0);
        for (int i = 0; i < 100; i++) {
            assertTrue(seen.contains("keep" + i), "keep" + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 128})
    void lexCounts_followUnsignedByteOrder(int listpackEntries) {
        EncodingLimits limits = new EncodingLimits();
        limits.zsetMaxListpackEntries = listpackEntries;
        ZSetValue z = ZSetValue.empty(limits);
        byte[][] members = {{'a'}, {'b'}, {(byte) 0xC3, (byte) 0xA9}, {'b', 'a'}};
        for (byte[] m : members) {
            z.add(m, 0);
        }
        assertEquals(1, z.countLexBelow(new byte[] {'b'}, false));
        assertEquals(2, z.countLexBelow(new byte[] {'b'}, true));
        assertEquals(3, z.countLexBelow(new byte[] {(byte) 0x80}, false), "0xC3 sorts after ASCII");
    }
}
