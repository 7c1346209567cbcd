package io.redoubt.server.commands;

import io.redoubt.server.RedoubtServer;
import io.redoubt.store.Database;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.GetExParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every string command and option over a socket, with Redis 7.2's replies and error texts. */
class StringCommandsIT extends StringsTestSupport {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String NOT_FLOAT = "ERR value is not a valid float";
    private static final String SYNTAX = "ERR syntax error";
    private static final String TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    // ------------------------------------------------------------------ GET / SET

    @Test
    void set_options() {
        assertReply("OK", "SET", "k", "v");
        assertReply(null, "SET", "k", "v2", "NX");
        assertReply("OK", "SET", "k", "v2", "XX");
        assertReply(null, "SET", "absent", "v", "XX");
        assertReply("v2", "SET", "k", "v3", "GET");
        assertReply(null, "SET", "other", "x", "GET");
        assertReply("v3", "SET", "k", "v4", "NX", "GET");
        assertReply("v3", "GET", "k");
        assertError(SYNTAX, "SET", "k", "v", "NX", "XX");
        assertError(SYNTAX, "SET", "k", "v", "EX", "10", "PX", "10");
        assertError(SYNTAX, "SET", "k", "v", "KEEPTTL", "EX", "10");
        assertError(SYNTAX, "SET", "k", "v", "EX");
        assertError(NOT_INTEGER, "SET", "k", "v", "EX", "1.5");
        assertError("ERR invalid expire time in 'set' command", "SET", "k", "v", "EX", "0");
        assertError("ERR invalid expire time in 'set' command", "SET", "k", "v", "EX", "9223372036854775807");
    }

    @Test
    void set_sameExpiryOptionTwice_lastWins() {
        assertReply("OK", "SET", "k", "v", "EX", "10", "EX", "100");
        long ttl = expireAt("k") - System.currentTimeMillis();
        assertTrue(ttl > 50_000 && ttl <= 100_000, "ttl " + ttl);
        assertReply("v", "SET", "k", "v", "NX", "NX", "GET", "GET", "KEEPTTL", "KEEPTTL");
        assertError(SYNTAX, "SET", "k", "v", "NX", "XX");
    }

    @Test
    void set_keepTtlAndPlainSetClearsTtl() {
        cmd("SET", "k", "v", "PXAT", "4102444800000");
        assertEquals(4102444800000L, expireAt("k"));
        cmd("SET", "k", "v2", "KEEPTTL");
        assertEquals(4102444800000L, expireAt("k"));
        cmd("SET", "k", "v3");
        assertEquals(Database.NO_EXPIRY, expireAt("k"));
    }

    @Test
    void get_wrongType() {
        putHash("h");
        assertError(WRONGTYPE, "GET", "h");
        assertError(WRONGTYPE, "SET", "h", "v", "GET");
        assertReply("OK", "SET", "h", "v");
        assertReply("v", "GET", "h");
    }

    @Test
    void set_binarySafeValuesAndKeys() {
        byte[] key = {0, 1, (byte) 0xff, '\r', '\n'};
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        jedis.set(key, value);
        assertArrayEquals(value, jedis.get(key));
        assertArrayEquals(new byte[0], jedis.getrange(key, 300, 400));
        assertEquals(3, jedis.append(new byte[] {0}, new byte[] {0, 0, 0}));
        assertArrayEquals(new byte[] {0, 0, 0}, jedis.get(new byte[] {0}));
    }

    // ------------------------------------------------------------------ GETEX

    @Test
    void getex_setsAndRemovesExpiry() {
        cmd("SET", "k", "v");
        assertReply("v", "GETEX", "k");
        assertEquals(Database.NO_EXPIRY, expireAt("k"));
        long before = System.currentTimeMillis();
        assertReply("v", "GETEX", "k", "EX", "100");
        assertTrue(expireAt("k") >= before + 100_000 && expireAt("k") <= System.currentTimeMillis() + 100_000);
        assertReply("v", "GETEX", "k", "PX", "5000");
        assertTrue(expireAt("k") <= System.currentTimeMillis() + 5000);
        assertReply("v", "GETEX", "k", "EXAT", "4102444800");
        assertEquals(4102444800000L, expireAt("k"));
        assertReply("v", "GETEX", "k", "PXAT", "4102444800123");
        assertEquals(4102444800123L, expireAt("k"));
        assertReply("v", "GETEX", "k", "PERSIST");
        assertEquals(Database.NO_EXPIRY, expireAt("k"));
        assertEquals("v", jedis.getEx("k", GetExParams.getExParams().ex(10)));
        assertReply("v", "getex", "k", "persist", "persist");
        assertEquals(Database.NO_EXPIRY, expireAt("k"));
    }

    @Test
    void getex_timeInThePastDeletesTheKey() {
        cmd("SET", "k", "v");
        assertReply("v", "GETEX", "k", "EXAT", "1");
        assertFalse(exists("k"));
        cmd("SET", "k", "v");
        assertReply("v", "GETEX", "k", "PXAT", "1000");
        assertReply(null, "GET", "k");
    }

    @Test
    void getex_errors() {
        cmd("SET", "k", "v");
        assertError(SYNTAX, "GETEX", "k", "EX", "10", "PX", "10");
        assertError(SYNTAX, "GETEX", "k", "PERSIST", "EX", "10");
        assertError(SYNTAX, "GETEX", "k", "EX", "10", "PERSIST");
        assertError(SYNTAX, "GETEX", "k", "EX");
        assertError(SYNTAX, "GETEX", "k", "KEEPTTL");
        assertError(SYNTAX, "GETEX", "k", "NX");
        assertError(NOT_INTEGER, "GETEX", "k", "EX", "ten");
        assertError("ERR invalid expire time in 'getex' command", "GETEX", "k", "EX", "0");
        assertError("ERR invalid expire time in 'getex' command", "GETEX", "k", "PX", "-1");
        assertError("ERR invalid expire time in 'getex' command", "GETEX", "k", "EX", "9223372036854775807");
        assertError("ERR invalid expire time in 'getex' command", "GETEX", "k", "PX", "9223372036854775807");
        // The expiry of a missing key is never validated: the reply is null.
        assertReply(null, "GETEX", "missing", "EX", "0");
        assertError(SYNTAX, "GETEX", "missing", "FOO");
        putHash("h");
        assertError(WRONGTYPE, "GETEX", "h");
        assertError(WRONGTYPE, "GETEX", "h", "EX", "0");
        assertEquals(Database.NO_EXPIRY, expireAt("k"));
    }

    // ------------------------------------------------------------------ GETDEL / GETSET / SETNX / SETEX / PSETEX

    @Test
    void getdel() {
        cmd("SET", "k", "v");
        long dirty = dirty();
        assertReply("v", "GETDEL", "k");
        assertFalse(exists("k"));
        assertEquals(dirty + 1, dirty());
        assertReply(null, "GETDEL", "k");
        assertEquals(dirty + 1, dirty());
        putHash("h");
        assertError(WRONGTYPE, "GETDEL", "h");
        assertTrue(exists("h"));
    }

    @Test
    void getset_returnsOldValueAndClearsTtl() {
        assertReply(null, "GETSET", "k", "v1");
        cmd("SET", "k", "v1", "EX", "100");
        assertReply("v1", "GETSET", "k", "v2");
        assertReply("v2", "GET", "k");
        assertEquals(Database.NO_EXPIRY, expireAt("k"));
        putHash("h");
        assertError(WRONGTYPE, "GETSET", "h", "x");
    }

    @Test
    void setnx() {
        assertReply(1L, "SETNX", "k", "v");
        assertReply(0L, "SETNX", "k", "w");
        assertReply("v", "GET", "k");
        putHash("h");
        assertReply(0L, "SETNX", "h", "w");
    }

    @Test
    void setex_psetex() {
        long before = System.currentTimeMillis();
        assertReply("OK", "SETEX", "k", "100", "v");
        assertReply("v", "GET", "k");
        assertTrue(expireAt("k") >= before + 100_000);
        assertReply("OK", "PSETEX", "p", "1500", "w");
        assertTrue(expireAt("p") <= System.currentTimeMillis() + 1500);
        putHash("h");
        assertReply("OK", "SETEX", "h", "10", "now a string");
        assertReply("now a string", "GET", "h");
        assertError("ERR invalid expire time in 'setex' command", "SETEX", "k", "0", "v");
        assertError("ERR invalid expire time in 'setex' command", "SETEX", "k", "-10", "v");
        assertError("ERR invalid expire time in 'setex' command", "SETEX", "k", "9223372036854775807", "v");
        assertError("ERR invalid expire time in 'psetex' command", "PSETEX", "k", "0", "v");
        assertError("ERR invalid expire time in 'psetex' command", "PSETEX", "k", "9223372036854775807", "v");
        assertError(NOT_INTEGER, "SETEX", "k", "1.5", "v");
        assertError("ERR wrong number of arguments for 'setex' command", "SETEX", "k", "10");
    }

    // ------------------------------------------------------------------ MSET / MSETNX / MGET

    @Test
    void mset_mget() {
        assertReply("OK", "MSET", "a", "1", "b", "2", "a", "3");
        assertReply(List.of("3", "2"), "MGET", "a", "b");
        putHash("h");
        assertReply(Arrays.asList("3", null, null, "2"), "MGET", "a", "h", "missing", "b");
        assertError("ERR wrong number of arguments for 'mset' command", "MSET", "a", "1", "b");
        assertError("ERR wrong number of arguments for 'mset' command", "MSET", "a");
        cmd("SET", "t", "v", "EX", "100");
        cmd("MSET", "t", "w");
        assertEquals(Database.NO_EXPIRY, expireAt("t"));
    }

    @Test
    void msetnx_allOrNothing() {
        cmd("SET", "a", "1");
        assertReply(0L, "MSETNX", "x", "1", "a", "2");
        assertFalse(exists("x"));
        assertReply(1L, "MSETNX", "x", "1", "y", "2");
        assertReply(List.of("1", "2"), "MGET", "x", "y");
        assertReply(1L, "MSETNX", "z", "1", "z", "2");
        assertReply("2", "GET", "z");
        assertError("ERR wrong number of arguments for 'msetnx' command", "MSETNX", "q", "1", "r");
        putHash("h");
        assertReply(0L, "MSETNX", "h", "1");
    }

    // ------------------------------------------------------------------ APPEND / STRLEN / GETRANGE / SETRANGE

    @Test
    void append_strlen() {
        assertReply(5L, "APPEND", "k", "hello");
        assertReply(11L, "APPEND", "k", " world");
        assertReply("hello world", "GET", "k");
        assertReply(11L, "STRLEN", "k");
        assertReply(11L, "APPEND", "k", "");
        assertReply(0L, "APPEND", "empty", "");
        assertTrue(exists("empty"));
        assertReply(0L, "STRLEN", "missing");
        cmd("SET", "n", "12");
        assertReply(4L, "APPEND", "n", "34");
        assertReply(1235L, "INCR", "n");
        putHash("h");
        assertError(WRONGTYPE, "APPEND", "h", "x");
        assertError(WRONGTYPE, "STRLEN", "h");
    }

    @Test
    void append_manySmallPieces_growsAmortised() {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            String piece = Integer.toString(i);
            expected.append(piece);
            assertEquals((long) expected.length(), cmd("APPEND", "k", piece));
        }
        assertReply(expected.toString(), "GET", "k");
    }

    @Test
    void append_keepsTtl() {
        cmd("SET", "k", "v", "PXAT", "4102444800000");
        cmd("APPEND", "k", "w");
        assertEquals(4102444800000L, expireAt("k"));
    }

    @Test
    void getrange_ranges() {
        cmd("SET", "k", "Hello World");
        String[][] cases = {
            {"0", "4", "Hello"}, {"-5", "-1", "World"}, {"0", "-1", "Hello World"}, {"-1", "-5", ""},
            {"5", "2", ""}, {"100", "200", ""}, {"-100", "100", "Hello World"}, {"0", "0", "H"},
            {"-100", "-50", "H"}, {"-100", "3", "Hell"}, {"6", "100", "World"}, {"10", "10", "d"},
            {"0", "9223372036854775807", "Hello World"}, {"-9223372036854775808", "-1", "Hello World"},
            {"-9223372036854775808", "9223372036854775807", "Hello World"}, {"-1", "-1", "d"},
        };
        for (String[] c : cases) {
            assertReply(c[2], "GETRANGE", "k", c[0], c[1]);
            assertReply(c[2], "SUBSTR", "k", c[0], c[1]);
        }
        assertReply("", "GETRANGE", "missing", "0", "-1");
        cmd("SET", "e", "");
        assertReply("", "GETRANGE", "e", "0", "-1");
        assertReply("", "GETRANGE", "e", "0", "0");
        cmd("SET", "n", "-12345");
        assertReply("-12", "GETRANGE", "n", "0", "2");
        assertError(NOT_INTEGER, "GETRANGE", "k", "a", "1");
        assertError(NOT_INTEGER, "GETRANGE", "missing", "0", "1.0");
        putHash("h");
        assertError(WRONGTYPE, "GETRANGE", "h", "0", "1");
    }

    @Test
    void setrange_overwritesAndPads() {
        assertReply(7L, "SETRANGE", "k", "5", "hi");
        assertReply("\0\0\0\0\0hi", "GET", "k");
        assertReply(7L, "SETRANGE", "k", "0", "HE");
        assertReply("HE\0\0\0hi", "GET", "k");
        assertReply(7L, "SETRANGE", "k", "1", "");
        assertReply(9L, "SETRANGE", "k", "6", "ere");
        assertReply("HE\0\0\0here", "GET", "k");
        assertReply(0L, "SETRANGE", "new", "10", "");
        assertFalse(exists("new"));
        assertReply(0L, "SETRANGE", "new", "536870912", "");
        cmd("SET", "n", "1234");
        assertReply(4L, "SETRANGE", "n", "1", "9");
        assertReply("1934", "GET", "n");
        assertError("ERR offset is out of range", "SETRANGE", "k", "-1", "x");
        assertError(NOT_INTEGER, "SETRANGE", "k", "abc", "x");
        assertError(TOO_LONG, "SETRANGE", "k", "536870912", "x");
        assertError(TOO_LONG, "SETRANGE", "big", "536870911", "xy");
        assertError(TOO_LONG, "SETRANGE", "big", "9223372036854775807", "x");
        assertError(TOO_LONG, "SETRANGE", "k", "9223372036854775807", "xy");
        assertFalse(exists("big"));
        putHash("h");
        assertError(WRONGTYPE, "SETRANGE", "h", "0", "x");
        assertError(WRONGTYPE, "SETRANGE", "h", "0", "");
    }

    @Test
    void protoMaxBulkLen_limitsGrowth() throws IOException {
        try (RedoubtServer small = RedoubtServer.builder().port(0).set("save", "").set("proto-max-bulk-len", "1mb").start();
             Jedis j = new Jedis(small.host(), small.port(), TIMEOUT_MS)) {
            j.setrange("k", 1024 * 1024 - 1, "x");
            assertEquals(1024 * 1024, j.strlen("k"));
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.append("k", "y"));
            assertEquals(TOO_LONG, e.getMessage());
            e = assertThrows(JedisDataException.class, () -> j.setrange("k2", 1024 * 1024, "x"));
            assertEquals(TOO_LONG, e.getMessage());
            e = assertThrows(JedisDataException.class, () -> j.setbit("k3", 8L * 1024 * 1024, true));
            assertEquals("ERR bit offset is not an integer or out of range", e.getMessage());
            assertEquals(false, j.setbit("k3", 8L * 1024 * 1024 - 1, true));
        }
    }

    // ------------------------------------------------------------------ INCR family

    @Test
    void incr_decr_by() {
        assertReply(1L, "INCR", "n");
        assertReply(2L, "INCR", "n");
        assertReply(12L, "INCRBY", "n", "10");
        assertReply(-88L, "INCRBY", "n", "-100");
        assertReply(-89L, "DECR", "n");
        assertReply(-94L, "DECRBY", "n", "5");
        assertReply(-89L, "DECRBY", "n", "-5");
        assertReply("-89", "GET", "n");
        assertReply(-1L, "DECR", "fresh");
        cmd("SET", "n", "99");
        assertReply(100L, "INCR", "n");
        assertReply("100", "GET", "n");
        assertReply(99L, "DECR", "n");
        assertReply("99", "GET", "n");
        cmd("SET", "n", "-1");
        assertReply(0L, "INCR", "n");
        assertReply("0", "GET", "n");
        assertReply(-10L, "DECRBY", "n", "10");
        assertReply("-10", "GET", "n");
    }

    @Test
    void incr_limitsAndOverflow() {
        cmd("SET", "n", "9223372036854775806");
        assertReply(9223372036854775807L, "INCR", "n");
        assertError("ERR increment or decrement would overflow", "INCR", "n");
        assertReply("9223372036854775807", "GET", "n");
        cmd("SET", "n", "-9223372036854775807");
        assertReply(-9223372036854775808L, "DECR", "n");
        assertReply("-9223372036854775808", "GET", "n");
        assertError("ERR increment or decrement would overflow", "DECR", "n");
        assertError("ERR increment or decrement would overflow", "INCRBY", "n", "-1");
        assertReply(-1L, "INCRBY", "n", "9223372036854775807");
        assertError("ERR decrement would overflow", "DECRBY", "n", "-9223372036854775808");
        assertError(NOT_INTEGER, "INCRBY", "n", "9223372036854775808");
        assertError(NOT_INTEGER, "INCRBY", "n", "1.5");
        assertError(NOT_INTEGER, "DECRBY", "n", "");
    }

    @Test
    void incr_refusesValuesThatAreNotStrictIntegers() {
        for (String v : new String[] {" 1", "1 ", "01", "+1", "-0", "1.5", "", "abc", "123456789012345678901", "9223372036854775808", "-"}) {
            cmd("SET", "n", v);
            assertError(NOT_INTEGER, "INCR", "n");
            assertReply(v, "GET", "n");
        }
        putHash("h");
        assertError(WRONGTYPE, "INCR", "h");
        assertError(WRONGTYPE, "DECRBY", "h", "1");
    }

    @Test
    void incr_keepsTtl() {
        cmd("SET", "n", "5", "PXAT", "4102444800000");
        cmd("INCRBY", "n", "1000000");
        assertEquals(4102444800000L, expireAt("n"));
        assertReply("1000005", "GET", "n");
    }

    @Test
    void incrbyfloat_formatsAsRedis() {
        assertReply("0.1", "INCRBYFLOAT", "f", "0.1");
        assertReply("0.3", "INCRBYFLOAT", "f", "0.2");
        assertReply("10.8", "INCRBYFLOAT", "f", "10.5");
        assertReply("0", "INCRBYFLOAT", "f", "-10.8");
        assertReply("100000000000000000000", "INCRBYFLOAT", "f", "1e20");
        // A 64-bit significand keeps about 19 digits: the 0.1 is lost, as in Redis.
        assertReply("100000000000000000000", "INCRBYFLOAT", "f", "0.1");
        assertReply("0", "INCRBYFLOAT", "f", "-1e20");
        assertReply("3000", "INCRBYFLOAT", "f", "3.0e3");
        assertReply("3016", "INCRBYFLOAT", "f", "0x10");
        assertReply("3016.125", "INCRBYFLOAT", "f", "0x1p-3");
        assertReply("3016.625", "INCRBYFLOAT", "f", ".5");
        assertReply("3021.625", "INCRBYFLOAT", "f", "5.");
        assertReply("3024.625", "INCRBYFLOAT", "f", "+3");
        cmd("SET", "f", "17179869184");
        assertReply("17179869182.90000000037252903", "INCRBYFLOAT", "f", "-1.1");
        cmd("SET", "f", "1");
        assertReply("2.1", "INCRBYFLOAT", "f", "1.1");
        cmd("SET", "f", "-1");
        assertReply("-0.00000000000000001", "INCRBYFLOAT", "f", "0.99999999999999999");
        assertReply("0", "INCRBYFLOAT", "z", "1e-20");
        assertReply("0", "INCRBYFLOAT", "nz", "-1e-20");
        assertReply("0.00000381469726562", "INCRBYFLOAT", "tie", "3.814697265625e-6");
        assertReply("123456789.12345678912242875", "INCRBYFLOAT", "long", "123456789.123456789123456789");
        String big = (String) cmd("INCRBYFLOAT", "huge", "1e400");
        assertEquals(401, big.length());
        assertTrue(big.startsWith("1000000000000000000"), big);
        assertReply("0", "INCRBYFLOAT", "huge", "-1e400");
    }

    @Test
    void incrbyfloat_errors() {
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "abc");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "nan");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", " 1");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "1 ");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "1e");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "0x");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "1e5000");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "1e-5000");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "infinit");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "");
        assertError("ERR increment would produce NaN or Infinity", "INCRBYFLOAT", "f", "inf");
        assertError("ERR increment would produce NaN or Infinity", "INCRBYFLOAT", "f", "-Infinity");
        assertFalse(exists("f"));
        cmd("SET", "f", "1.1e4932");
        assertError("ERR increment would produce NaN or Infinity", "INCRBYFLOAT", "f", "1e4932");
        cmd("SET", "f", "1.5 ");
        assertError(NOT_FLOAT, "INCRBYFLOAT", "f", "1");
        cmd("SET", "f", "inf");
        assertError("ERR increment would produce NaN or Infinity", "INCRBYFLOAT", "f", "1");
        putHash("h");
        assertError(WRONGTYPE, "INCRBYFLOAT", "h", "1");
    }

    @Test
    void incrbyfloat_keepsTtl() {
        cmd("SET", "f", "1.5", "PXAT", "4102444800000");
        assertReply("2", "INCRBYFLOAT", "f", "0.5");
        assertEquals(4102444800000L, expireAt("f"));
    }

    // ------------------------------------------------------------------ LCS

    @Test
    void lcs_allForms() {
        cmd("MSET", "k1", "ohmytext", "k2", "mynewtext");
        assertReply("mytext", "LCS", "k1", "k2");
        assertReply(6L, "LCS", "k1", "k2", "LEN");
        assertReply(List.of("matches", List.of(List.of(List.of(4L, 7L), List.of(5L, 8L)), List.of(List.of(2L, 3L), List.of(0L, 1L))),
                "len", 6L), "LCS", "k1", "k2", "IDX");
        assertReply(List.of("matches", List.of(List.of(List.of(4L, 7L), List.of(5L, 8L), 4L), List.of(List.of(2L, 3L), List.of(0L, 1L), 2L)),
                "len", 6L), "LCS", "k1", "k2", "IDX", "WITHMATCHLEN");
        assertReply(List.of("matches", List.of(List.of(List.of(4L, 7L), List.of(5L, 8L), 4L)), "len", 6L),
                "LCS", "k1", "k2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN");
        assertReply(List.of("matches", List.of(List.of(List.of(4L, 7L), List.of(5L, 8L)), List.of(List.of(2L, 3L), List.of(0L, 1L))),
                "len", 6L), "LCS", "k1", "k2", "idx", "minmatchlen", "-4");
        assertReply("", "LCS", "k1", "missing");
        assertReply(List.of("matches", List.of(), "len", 0L), "LCS", "missing", "missing2", "IDX");
        cmd("MSET", "a", "ACCGGTCGAGTGCGCGGAAGCCGGCCGAA", "b", "GTCGTTCGGAATGCCGTTGCTCTGTAAA");
        assertReply("GTCGTCGGAAGCCGGCCGAA", "LCS", "a", "b");
    }

    @Test
    void lcs_errors() {
        cmd("MSET", "k1", "a", "k2", "b");
        assertError("ERR If you want both the length and indexes, please just use IDX.", "LCS", "k1", "k2", "LEN", "IDX");
        assertError(SYNTAX, "LCS", "k1", "k2", "MINMATCHLEN");
        assertError(SYNTAX, "LCS", "k1", "k2", "FOO");
        assertError(NOT_INTEGER, "LCS", "k1", "k2", "MINMATCHLEN", "x");
        putHash("h");
        assertError("ERR The specified keys must contain string values", "LCS", "k1", "h");
        assertError("ERR The specified keys must contain string values", "LCS", "h", "missing", "FOO");
    }

    @Test
    void lcs_idxIsAMapInResp3() throws IOException {
        cmd("MSET", "k1", "ohmytext", "k2", "mynewtext");
        List<String> replies = raw(new String[] {"HELLO", "3"}, new String[] {"LCS", "k1", "k2", "IDX", "MINMATCHLEN", "4"});
        assertEquals("%2\r\n$7\r\nmatches\r\n*1\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n$3\r\nlen\r\n:6\r\n", replies.get(1));
        replies = raw(new String[] {"LCS", "k1", "k2", "IDX", "MINMATCHLEN", "4"});
        assertEquals("*4\r\n$7\r\nmatches\r\n*1\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n$3\r\nlen\r\n:6\r\n", replies.get(0));
    }

    @Test
    void nullRepliesInResp3() throws IOException {
        List<String> replies = raw(new String[] {"HELLO", "3"}, new String[] {"GETEX", "missing"},
                new String[] {"MGET", "missing", "missing"}, new String[] {"GETDEL", "missing"});
        assertEquals("_\r\n", replies.get(1));
        assertEquals("*2\r\n_\r\n_\r\n", replies.get(2));
        assertEquals("_\r\n", replies.get(3));
    }

    @Test
    void commandTable_arityAndFlags() {
        assertError("ERR wrong number of arguments for 'getdel' command", "GETDEL");
        assertError("ERR wrong number of arguments for 'mget' command", "MGET");
        assertError("ERR wrong number of arguments for 'lcs' command", "LCS", "a");
        assertError("ERR wrong number of arguments for 'incrbyfloat' command", "INCRBYFLOAT", "a");
        Object spec = server.call(() -> server.internals().commands().find("mset").keyStep());
        assertEquals(2, spec);
    }
}
