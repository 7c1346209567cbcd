package io.redoubt.server.types;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashValueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void randomOperations_agreeWithAMap_inBothEncodings() {
        for (long limit : new long[] {4, 128, 100_000}) {
            EncodingLimits limits = new EncodingLimits();
            limits.hashMaxListpackEntries = limit;
            HashValue h = HashValue.empty(limits);
            Map<String, String> model = new LinkedHashMap<>();
            Random random = new Random(limit);
            for (int op = 0; op < 20_000; op++) {
                String f = "f" + random.nextInt(300);
                if (random.nextInt(3) == 0) {
                    assertEquals(model.remove(f) != null, h.remove(b(f)));
                } else {
                    String v = "v" + op;
                    assertEquals(model.put(f, v) == null, h.put(b(f), b(v)));
                }
                if (op % 997 == 0) {
                    HashValue copy = h.copy();
                    assertEquals(model.size(), copy.size());
                    model.forEach((k, v) -> assertArrayEquals(b(v), copy.get(b(k))));
                }
            }
            assertEquals(model.size(), h.size());
            for (int i = 0; i < 300; i++) {
                String f = "f" + i;
                byte[] found = h.get(b(f));
                assertEquals(model.get(f), found == null ? null : new String(found, StandardCharsets.UTF_8));
                assertEquals(h.find(b(f)), h.find(Unpooled.wrappedBuffer(b("xx" + f)), 2, f.length()));
            }
            assertEquals(limit < 300 ? "hashtable" : "listpack", h.encoding());
        }
    }

    @Test
    void listpack_keepsInsertionOrderAcrossDeletes() {
        HashValue h = HashValue.empty(new EncodingLimits());
        h.put(b("a"), b("1"));
        h.put(b("b"), b("2"));
        h.put(b("c"), b("3"));
        h.remove(b("a"));
        h.put(b("a"), b("4"));
        List<String> order = new ArrayList<>();
        h.forEach((f, v) -> order.add(new String(f, StandardCharsets.UTF_8) + "=" + new String(v, StandardCharsets.UTF_8)));
        assertEquals(List.of("b=2", "c=3", "a=4"), order);
        assertTrue(h.memoryUsage() > 0);
    }
}
