package io.redoubt.server.util;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * x87 extended arithmetic and {@code %.17Lf} text, checked against what Redis 7 on x86-64 stored for
 * {@code SET k a; INCRBYFLOAT k b} (the expected texts were produced by a real redis-server).
 */
class LongDoubleTest {
    private static final String[][] REDIS_RESULTS = {
        {"0", "0.1", "0.1"},
        {"0.1", "0.2", "0.3"},
        {"1", "1.1", "2.1"},
        {"17179869184", "-1.1", "17179869182.90000000037252903"},
        {"1e20", "0.1", "100000000000000000000"},
        {"-1", "0.99999999999999999", "-0.00000000000000001"},
        {"3.814697265625e-6", "0", "0.00000381469726562"},
        {"123456789.123456789123456789", "0", "123456789.12345678912242875"},
        {"1.7976931348623157e308", "1.7976931348623157e308",
            "359538626972463139991842093548208868096772893888658356970628841530353257046248792709403737216774171128857586838851041378617416726"
                + "902272110715794556052955234146997955372576789671236326588091188869859074894581254961338834769297758245552436667197907705664206565"
                + "009503223382416235440319971852753604933726679072768"},
        {"1e308", "1e308",
            "199999999999999999993371759311691291321120199694831134415594095989843469737676123744200253843777078640893494450108026446304269499"
                + "187921167194841628860392837535918200039206381557326219209014213335878306791577877829121087126122536729803237260434173178506889763"
                + "247582601711514636284849020905456510092687857156096"},
        {"0x1.8p1", "0x.8", "3.5"},
        {"5.0e3", "2.0e2", "5200"},
        {"10.5", "0.25", "10.75"},
        {"-0", "-0", "0"},
        {"3.6e-4951", "3.6e-4951", "0"},
        {"0.000000000000000005", "0", "0"},
        {"0.000000000000000015", "0", "0.00000000000000002"},
        {"0.000000000000000025", "0", "0.00000000000000002"},
        {"2.5e-17", "1e-17", "0.00000000000000004"},
        {"-7.25e-3", "1.23456789e-10", "-0.00724999987654321"},
        {"12345678901234567890.5", "0", "12345678901234567890"},
        {"9223372036854775807", "1", "9223372036854775808"},
        {"1e19", "-0.5", "10000000000000000000"},
        {"3.0e-5", "0", "0.00003"},
        {"1.5", "-1.4999999999999999999", "0"},
        {"99.99", "0.01", "100"},
    };

    @Test
    void add_matchesRedis() {
        for (String[] c : REDIS_RESULTS) {
            LongDouble sum = parse(c[0]).add(parse(c[1]));
            assertEquals(c[2], sum.toHumanString(), () -> c[0] + " + " + c[1]);
        }
    }

    @Test
    void add_overflowIsInfinite() {
        assertFalse(parse("1.18e4932").add(parse("1e4931")).isFinite());
        assertFalse(parse("inf").add(parse("1")).isFinite());
        assertFalse(parse("inf").add(parse("-inf")).isFinite());
    }

    @Test
    void parse_acceptsWhatStrtoldAccepts() {
        for (String s : new String[] {"1", "-1", "+1", ".5", "5.", "1e5", "1E+5", "1e-5", "0x10", "0X1A", "0x1.8P1", "0x.8",
            "inf", "-Infinity", "INF", "0e99999999999", "1e4932", "3.6e-4951", "00012"}) {
            assertNotNull(parse(s), s);
        }
    }

    @Test
    void parse_refusesWhatRedisRefuses() {
        for (String s : new String[] {"", " 1", "1 ", "\t1", "abc", "nan", "-nan", "1e", "1e+", "0x", "0x1p", ".", "-", "+",
            "infinit", "infinityy", "1.5x", "1e5000", "1e-5000", "1.2e4932", "1e-4952", "1..2", "--1", "1_000"}) {
            assertNull(LongDouble.parse(s.getBytes(StandardCharsets.ISO_8859_1)), "'" + s + "'");
        }
        assertNull(LongDouble.parse(("1" + "0".repeat(LongDouble.MAX_CHARS)).getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static LongDouble parse(String s) {
        LongDouble v = LongDouble.parse(s.getBytes(StandardCharsets.ISO_8859_1));
        assertNotNull(v, s);
        return v;
    }
}
