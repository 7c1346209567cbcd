package io.redoubt.server.commands;

import io.redoubt.store.Database;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every bitmap command and option over a socket, with Redis 7.2's replies and error texts. */
class BitCommandsIT extends StringsTestSupport {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String SYNTAX = "ERR syntax error";
    private static final String BIT_OFFSET = "ERR bit offset is not an integer or out of range";
    private static final String BAD_TYPE =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    // ------------------------------------------------------------------ SETBIT / GETBIT

    @Test
    void setbit_getbit() {
        assertReply(0L, "SETBIT", "b", "7", "1");
        assertReply("\u0001", "GET", "b");
        assertReply(1L, "SETBIT", "b", "7", "1");
        assertReply(1L, "SETBIT", "b", "7", "0");
        assertReply(0L, "SETBIT", "b", "0", "1");
        assertReply("\u0080", "GET", "b");
        assertReply(0L, "SETBIT", "b", "100", "1");
        assertReply(13L, "STRLEN", "b");
        assertReply(1L, "GETBIT", "b", "100");
        assertReply(0L, "GETBIT", "b", "99");
        assertReply(0L, "GETBIT", "b", "1000");
        assertReply(0L, "GETBIT", "missing", "5");
        assertReply(0L, "GETBIT", "b", "4294967295");
        cmd("SET", "s", "1");
        // "1" is 0x31: bits 2, 3 and 7 are set.
        assertReply(1L, "GETBIT", "s", "2");
        assertReply(0L, "GETBIT", "s", "1");
        assertReply(1L, "GETBIT", "s", "7");
    }

    @Test
    void setbit_extendingWithZeroBitCountsAsAChange() {
        long before = dirty();
        assertReply(0L, "SETBIT", "b", "15", "0");
        assertReply("\0\0", "GET", "b");
        assertEquals(before + 1, dirty());
        assertReply(0L, "SETBIT", "b", "15", "0");
        assertEquals(before + 1, dirty());
    }

    @Test
    void setbit_keepsTtl() {
        cmd("SET", "b", "x", "PXAT", "4102444800000");
        cmd("SETBIT", "b", "100", "1");
        assertEquals(4102444800000L, expireAt("b"));
    }

    @Test
    void setbit_getbit_errors() {
        assertError(BIT_OFFSET, "SETBIT", "b", "-1", "1");
        assertError(BIT_OFFSET, "SETBIT", "b", "abc", "1");
        assertError(BIT_OFFSET, "SETBIT", "b", "4294967296", "1");
        assertError(BIT_OFFSET, "SETBIT", "b", "1.5", "1");
        assertError("ERR bit is not an integer or out of range", "SETBIT", "b", "1", "2");
        assertError("ERR bit is not an integer or out of range", "SETBIT", "b", "1", "-1");
        assertError("ERR bit is not an integer or out of range", "SETBIT", "b", "1", "x");
        assertError(BIT_OFFSET, "SETBIT", "b", "x", "x");
        assertError(BIT_OFFSET, "GETBIT", "b", "-1");
        assertError(BIT_OFFSET, "GETBIT", "b", "4294967296");
        assertFalse(exists("b"));
        putHash("h");
        assertError(WRONGTYPE, "SETBIT", "h", "1", "1");
        assertError(WRONGTYPE, "GETBIT", "h", "1");
    }

    // ------------------------------------------------------------------ BITCOUNT

    @Test
    void bitcount_byteAndBitRanges() {
        cmd("SET", "s", "foobar");
        assertReply(26L, "BITCOUNT", "s");
        assertReply(4L, "BITCOUNT", "s", "0", "0");
        assertReply(6L, "BITCOUNT", "s", "1", "1");
        assertReply(6L, "BITCOUNT", "s", "1", "1", "BYTE");
        assertReply(17L, "BITCOUNT", "s", "5", "30", "BIT");
        assertReply(26L, "BITCOUNT", "s", "0", "-1", "bit");
        assertReply(2L, "BITCOUNT", "s", "-5", "-1", "BIT");
        assertReply(0L, "BITCOUNT", "s", "-1", "-5");
        assertReply(26L, "BITCOUNT", "s", "-100", "100");
        assertReply(0L, "BITCOUNT", "s", "100", "200");
        assertReply(0L, "BITCOUNT", "s", "3", "1", "BIT");
        assertReply(26L, "BITCOUNT", "s", "0", "9223372036854775807", "BIT");
        assertReply(26L, "BITCOUNT", "s", "-9223372036854775808", "-1", "BIT");
        assertReply(1L, "BITCOUNT", "s", "1", "1", "BIT");
        cmd("SET", "e", "");
        assertReply(0L, "BITCOUNT", "e");
        assertReply(0L, "BITCOUNT", "e", "0", "-1", "BIT");
    }

    @Test
    void bitcount_largeValueMatchesAReferenceCount() {
        byte[] value = new byte[100_003];
        new Random(7).nextBytes(value);
        jedis.set("big".getBytes(), value);
        long expected = 0;
        for (byte b : value) {
            expected += Integer.bitCount(b & 0xff);
        }
        assertEquals(expected, jedis.bitcount("big"));
        long middle = 0;
        for (int i = 17; i <= 90_001; i++) {
            middle += Integer.bitCount(value[i] & 0xff);
        }
        assertReply(middle, "BITCOUNT", "big", "17", "90001");
    }

    @Test
    void bitcount_errors() {
        cmd("SET", "s", "foobar");
        assertError(SYNTAX, "BITCOUNT", "s", "0");
        assertError(SYNTAX, "BITCOUNT", "s", "0", "1", "FOO");
        assertError(SYNTAX, "BITCOUNT", "s", "0", "1", "BIT", "X");
        assertError(NOT_INTEGER, "BITCOUNT", "s", "a", "b");
        // As Redis 7.2: a missing key answers 0 before the arguments are parsed, and an empty negative
        // range answers 0 before the unit is read.
        assertReply(0L, "BITCOUNT", "missing", "a", "b");
        assertReply(0L, "BITCOUNT", "missing", "1");
        assertReply(0L, "BITCOUNT", "s", "-1", "-5", "FOO");
        putHash("h");
        assertError(WRONGTYPE, "BITCOUNT", "h");
    }

    // ------------------------------------------------------------------ BITPOS

    @Test
    void bitpos_findsFirstBit() {
        cmd("SET", "p", "\u00ff\u00f0\u0000");
        assertReply(12L, "BITPOS", "p", "0");
        assertReply(0L, "BITPOS", "p", "1");
        assertReply(16L, "BITPOS", "p", "0", "2");
        assertReply(-1L, "BITPOS", "p", "1", "2");
        assertReply(1L, "BITPOS", "p", "1", "1", "-1", "BIT");
        assertReply(12L, "BITPOS", "p", "0", "7", "15", "BIT");
        assertReply(-1L, "BITPOS", "p", "0", "0", "11", "BIT");
        assertReply(12L, "BITPOS", "p", "0", "0", "12", "BIT");
        assertReply(-1L, "BITPOS", "missing", "1");
        assertReply(0L, "BITPOS", "missing", "0");
        assertReply(0L, "BITPOS", "missing", "0", "x");
    }

    @Test
    void bitpos_allOnes_zeroPaddingOnlyWithoutEnd() {
        cmd("SET", "ff", "\u00ff\u00ff\u00ff");
        assertReply(24L, "BITPOS", "ff", "0");
        assertReply(24L, "BITPOS", "ff", "0", "0");
        assertReply(24L, "BITPOS", "ff", "0", "1");
        assertReply(-1L, "BITPOS", "ff", "0", "0", "-1");
        assertReply(-1L, "BITPOS", "ff", "0", "0", "-1", "BIT");
        assertReply(-1L, "BITPOS", "ff", "0", "3", "5", "BIT");
        assertReply(8L, "BITPOS", "ff", "1", "1");
        assertReply(5L, "BITPOS", "ff", "1", "5", "10", "BIT");
        cmd("SET", "e", "");
        assertReply(-1L, "BITPOS", "e", "0");
        assertReply(-1L, "BITPOS", "e", "1");
    }

    @Test
    void bitpos_longRunsAcrossWords() {
        char[] zeros = new char[19];
        zeros[18] = 1;
        cmd("SET", "z", new String(zeros));
        assertReply(151L, "BITPOS", "z", "1");
        assertReply(0L, "BITPOS", "z", "0");
        assertReply(151L, "BITPOS", "z", "1", "3");
        assertReply(151L, "BITPOS", "z", "1", "-1", "-1", "BIT");
        assertReply(-1L, "BITPOS", "z", "1", "9", "150", "BIT");
        assertReply(151L, "BITPOS", "z", "1", "9", "151", "BIT");
        char[] ones = new char[19];
        Arrays.fill(ones, (char) 0xff);
        ones[18] = 0xfe;
        cmd("SET", "o", new String(ones));
        assertReply(151L, "BITPOS", "o", "0");
        assertReply(151L, "BITPOS", "o", "0", "2", "-1");
        assertReply(-1L, "BITPOS", "o", "0", "1", "150", "BIT");
        assertReply(151L, "BITPOS", "o", "0", "1", "151", "BIT");
        byte[] big = new byte[50_000];
        Arrays.fill(big, (byte) 0xff);
        big[41_234] = (byte) 0xfb;
        jedis.set("big".getBytes(), big);
        assertReply(41_234L * 8 + 5, "BITPOS", "big", "0");
        assertReply(400_000L, "BITPOS", "big", "0", "41235");
        assertReply(-1L, "BITPOS", "big", "0", "41235", "-1");
    }

    @Test
    void bitpos_errors() {
        cmd("SET", "p", "abc");
        assertError("ERR The bit argument must be 1 or 0.", "BITPOS", "p", "2");
        assertError("ERR The bit argument must be 1 or 0.", "BITPOS", "missing", "-1");
        assertError(NOT_INTEGER, "BITPOS", "p", "x");
        assertError(NOT_INTEGER, "BITPOS", "p", "1", "a");
        assertError(NOT_INTEGER, "BITPOS", "p", "1", "0", "a");
        assertError(SYNTAX, "BITPOS", "p", "1", "0", "-1", "FOO");
        assertError(SYNTAX, "BITPOS", "p", "1", "0", "-1", "BIT", "extra");
        putHash("h");
        assertError(WRONGTYPE, "BITPOS", "h", "1");
    }

    // ------------------------------------------------------------------ BITOP

    @Test
    void bitop_operations() {
        cmd("SET", "x1", "\u000f\u00f0");
        cmd("SET", "x2", "\u00f0\u000f\u00aa");
        assertReply(3L, "BITOP", "AND", "d", "x1", "x2");
        assertReply("\0\0\0", "GET", "d");
        assertReply(3L, "BITOP", "OR", "d", "x1", "x2");
        assertReply("\u00ff\u00ff\u00aa", "GET", "d");
        assertReply(3L, "BITOP", "xor", "d", "x1", "x2");
        assertReply("\u00ff\u00ff\u00aa", "GET", "d");
        assertReply(2L, "BITOP", "NOT", "d", "x1");
        assertReply("\u00f0\u000f", "GET", "d");
        assertReply(3L, "BITOP", "OR", "d", "x1", "x1", "x2", "missing");
        assertReply(2L, "BITOP", "AND", "x1", "x1", "x1");
        assertReply("\u000f\u00f0", "GET", "x1");
    }

    @Test
    void bitop_emptyResultDeletesDestinationAndClearsTtl() {
        cmd("SET", "d", "old", "EX", "100");
        assertReply(0L, "BITOP", "AND", "d", "missing1", "missing2");
        assertFalse(exists("d"));
        cmd("SET", "e", "");
        assertReply(0L, "BITOP", "OR", "d", "e");
        cmd("SET", "d", "old", "EX", "100");
        cmd("SET", "s", "ab");
        assertReply(2L, "BITOP", "OR", "d", "s");
        assertEquals(Database.NO_EXPIRY, expireAt("d"));
    }

    @Test
    void bitop_largeValuesMatchAReference() {
        Random r = new Random(11);
        byte[][] sources = {new byte[20_001], new byte[9_000], new byte[33]};
        for (byte[] s : sources) {
            r.nextBytes(s);
        }
        for (int i = 0; i < sources.length; i++) {
            jedis.set(("s" + i).getBytes(), sources[i]);
        }
        for (String op : new String[] {"AND", "OR", "XOR"}) {
            byte[] expected = sources[0].clone();
            for (int i = 1; i < sources.length; i++) {
                for (int j = 0; j < expected.length; j++) {
                    int b = j < sources[i].length ? sources[i][j] : 0;
                    expected[j] = (byte) (op.equals("AND") ? expected[j] & b : op.equals("OR") ? expected[j] | b : expected[j] ^ b);
                }
            }
            assertEquals(20_001L, jedis.bitop(redis.clients.jedis.args.BitOP.valueOf(op), "d", "s0", "s1", "s2"));
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, jedis.get("d".getBytes()), op);
        }
    }

    @Test
    void bitop_errors() {
        cmd("SET", "s", "a");
        assertError(SYNTAX, "BITOP", "NAND", "d", "s");
        assertError("ERR BITOP NOT must be called with a single source key.", "BITOP", "NOT", "d", "s", "s");
        assertError("ERR wrong number of arguments for 'bitop' command", "BITOP", "AND", "d");
        putHash("h");
        assertError(WRONGTYPE, "BITOP", "AND", "d", "s", "h");
        assertFalse(exists("d"));
        // The destination's type does not matter: it is replaced.
        assertReply(1L, "BITOP", "OR", "h", "s");
        assertReply("a", "GET", "h");
    }

    // ------------------------------------------------------------------ BITFIELD / BITFIELD_RO

    @Test
    void bitfield_getSetIncrby() {
        assertReply(List.of(0L, 100L, -56L, 200L), "BITFIELD", "bf", "SET", "i8", "0", "100", "GET", "i8", "0",
                "INCRBY", "i8", "0", "100", "GET", "u8", "0");
        assertReply(List.of(0L, 255L, -1L, 15L), "BITFIELD", "bf", "SET", "u8", "#1", "255", "GET", "u8", "8", "GET", "i4", "#2", "GET", "u4", "#3");
        assertReply(List.of(-1L), "BITFIELD", "bf", "GET", "i4", "#2");
        // The old 64 bits are 0xC8FF000000000000 as a signed number.
        assertReply(List.of(0xC8FF000000000000L, 9223372036854775807L, 1L), "BITFIELD", "bf", "SET", "i64", "0", "9223372036854775807",
                "GET", "i64", "0", "GET", "u1", "1");
        assertReply(List.of(9223372036854775807L), "BITFIELD", "bf", "GET", "u63", "1");
        assertReply(List.of(), "BITFIELD", "bf");
        assertReply(List.of(0L, 0L), "BITFIELD", "missing", "GET", "i8", "0", "GET", "u7", "100000");
        assertFalse(exists("missing"));
    }

    @Test
    void bitfield_overflowModes() {
        assertReply(Arrays.asList(127L, -128L, null, -128L), "BITFIELD", "bf", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "200",
                "INCRBY", "i8", "0", "-300", "OVERFLOW", "FAIL", "INCRBY", "i8", "0", "-1", "GET", "i8", "0");
        assertReply(List.of(172L), "BITFIELD", "bf", "OVERFLOW", "WRAP", "INCRBY", "u8", "0", "300");
        assertReply(List.of(255L, 0L, 0L), "BITFIELD", "bf", "OVERFLOW", "SAT", "INCRBY", "u8", "0", "300",
                "INCRBY", "u8", "0", "-300", "INCRBY", "u8", "0", "-1");
        assertReply(Arrays.asList(null, null), "BITFIELD", "bf", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "300", "INCRBY", "u8", "0", "-300");
        assertReply(List.of(0L, 255L), "BITFIELD", "bf", "SET", "u8", "100", "-1", "GET", "u8", "100");
        // A negative SET on an unsigned field is an overflow upwards: SAT gives the maximum.
        assertReply(List.of(255L, 255L), "BITFIELD", "bf", "OVERFLOW", "SAT", "SET", "u8", "100", "-1", "GET", "u8", "100");
        assertReply(Arrays.asList((Object) null), "BITFIELD", "bf", "OVERFLOW", "FAIL", "SET", "u8", "100", "-1");
        assertReply(List.of(255L, 0L, 127L), "BITFIELD", "bf", "OVERFLOW", "WRAP", "SET", "u8", "100", "256",
                "SET", "i8", "100", "-129", "SET", "i8", "100", "128");
        assertReply(List.of(128L, -1L, -128L), "BITFIELD", "bf", "OVERFLOW", "SAT", "SET", "u8", "100", "256",
                "SET", "i8", "100", "-129", "SET", "i8", "100", "128");
        assertReply(List.of(0L, -9223372036854775808L, -9223372036854775808L), "BITFIELD", "bf", "SET", "i64", "200", "9223372036854775807",
                "INCRBY", "i64", "200", "1", "OVERFLOW", "SAT", "INCRBY", "i64", "200", "-1");
        assertReply(List.of(1L, 0L, -1L, 15L), "BITFIELD", "w", "INCRBY", "i5", "100", "1", "INCRBY", "i5", "100", "-1",
                "INCRBY", "i5", "100", "-1", "OVERFLOW", "SAT", "INCRBY", "i5", "100", "100");
    }

    @Test
    void bitfield_growsTheStringToTheHighestWrittenBit() {
        assertReply(List.of(0L, 0L, 1L, 1L), "BITFIELD", "big", "SET", "u8", "#10", "1", "SET", "i16", "300", "-2",
                "INCRBY", "u3", "1000", "9", "GET", "u3", "1000");
        assertReply(126L, "STRLEN", "big");
        cmd("SET", "ttl", "x", "PXAT", "4102444800000");
        cmd("BITFIELD", "ttl", "SET", "u8", "64", "1");
        assertEquals(4102444800000L, expireAt("ttl"));
        assertReply(9L, "STRLEN", "ttl");
    }

    @Test
    void bitfield_errors() {
        for (String type : new String[] {"u64", "i65", "i0", "I8", "x8", "i", "i08", "", "u-1"}) {
            assertError(BAD_TYPE, "BITFIELD", "bf", "GET", type, "0");
        }
        for (String offset : new String[] {"-1", "#-1", "##1", "4294967296", "#536870912", "abc", "", "#"}) {
            assertError(BIT_OFFSET, "BITFIELD", "bf", "GET", "i8", offset);
        }
        assertReply(List.of(0L), "BITFIELD", "bf", "GET", "i8", "4294967295");
        assertError(SYNTAX, "BITFIELD", "bf", "SET", "i8", "0");
        assertError(NOT_INTEGER, "BITFIELD", "bf", "SET", "i8", "0", "x");
        assertError(NOT_INTEGER, "BITFIELD", "bf", "INCRBY", "i8", "0", "9223372036854775808");
        assertError("ERR Invalid OVERFLOW type specified", "BITFIELD", "bf", "OVERFLOW", "foo");
        assertError(SYNTAX, "BITFIELD", "bf", "OVERFLOW");
        assertError(SYNTAX, "BITFIELD", "bf", "FOO");
        assertError(SYNTAX, "BITFIELD", "bf", "GET", "i8");
        // One malformed operation fails the whole command before any runs.
        assertError(BAD_TYPE, "BITFIELD", "bf", "SET", "i8", "0", "1", "GET", "u64", "0");
        assertFalse(exists("bf"));
        putHash("h");
        assertError(WRONGTYPE, "BITFIELD", "h", "GET", "i8", "0");
        assertError(WRONGTYPE, "BITFIELD", "h", "SET", "i8", "0", "1");
    }

    @Test
    void bitfieldRo_onlyGet() {
        cmd("SET", "k", "\u00ff");
        assertReply(List.of(-1L, 127L), "BITFIELD_RO", "k", "GET", "i8", "0", "GET", "u7", "1");
        assertReply(List.of(0L), "BITFIELD_RO", "missing", "GET", "i8", "0");
        assertReply(List.of(), "BITFIELD_RO", "k");
        assertError("ERR BITFIELD_RO only supports the GET subcommand", "BITFIELD_RO", "k", "SET", "i8", "0", "1");
        assertError("ERR BITFIELD_RO only supports the GET subcommand", "BITFIELD_RO", "k", "INCRBY", "i8", "0", "1");
        assertError(SYNTAX, "BITFIELD_RO", "k", "OVERFLOW", "SAT", "GET", "i8", "0", "FOO");
        assertReply(List.of(-1L), "BITFIELD_RO", "k", "OVERFLOW", "SAT", "GET", "i8", "0");
        putHash("h");
        assertError(WRONGTYPE, "BITFIELD_RO", "h", "GET", "i8", "0");
    }

    @Test
    void bitfield_failedOverflowOnNewKeyStillCreatesIt() {
        // Redis pads the string before running the operations, even when FAIL then writes nothing.
        assertReply(Arrays.asList((Object) null), "BITFIELD", "n", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "300");
        assertReply("\0", "GET", "n");
    }
}
