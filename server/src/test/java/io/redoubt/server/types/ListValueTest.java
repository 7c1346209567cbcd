package io.redoubt.server.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** List encodings as Redis 7.2 converts them (cases from unit/type/list's encoding tests). */
class ListValueTest {

    private static ListValue list(int listMaxListpackSize, String... elements) {
        EncodingLimits limits = new EncodingLimits();
        limits.listMaxListpackSize = listMaxListpackSize;
        ListValue l = ListValue.empty(limits);
        for (String e : elements) {
            l.addLast(e.getBytes(StandardCharsets.US_ASCII));
        }
        return l;
    }

    @Test
    void entryCountZero_countsAsOne() {
        ListValue l = list(0, "a");
        assertEquals("listpack", l.encoding());
        l.addLast(new byte[] {'b'});
        assertEquals("quicklist", l.encoding());
    }

    @Test
    void entryCount_stillLimitsANodeTo8KB() {
        ListValue l = list(128, "a", "b");
        l.addLast(new byte[8200]);
        assertEquals("quicklist", l.encoding(), "SIZE_SAFETY_LIMIT");
        l.removeLast();
        assertEquals("listpack", l.encoding(), "back under half the count and 8 KB");
    }

    @Test
    void lset_countsTheNewValueAsAnAddedElement() {
        ListValue l = list(3, "a", "b", "c");
        assertEquals("listpack", l.encoding());
        l.set(0, "hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals("quicklist", l.encoding(), "Redis's lsetCommand checks size + 1 before replacing");
    }

    @Test
    void sizeClassBelowMinus5_actsAsMinus5() {
        ListValue l = list(-6, "x".repeat(60000));
        assertEquals("listpack", l.encoding());
        l.addLast(new byte[5536]);
        assertEquals("quicklist", l.encoding());
    }
}
