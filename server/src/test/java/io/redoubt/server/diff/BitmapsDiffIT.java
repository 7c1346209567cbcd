package io.redoubt.server.diff;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/** Bitmap commands (SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO) compared with a real Redis. */
class BitmapsDiffIT extends DiffTestBase {

    @Test
    void setbit_getbit() throws IOException {
        session.run("""
                SETBIT b 7 1
                SETBIT b 7 1
                SETBIT b 7 0
                SETBIT b 100 1
                GET b
                STRLEN b
                GETBIT b 100
                GETBIT b 101
                GETBIT b 100000
                GETBIT missing 0
                SETBIT b 0 2
                SETBIT b 0 -1
                SETBIT b -1 1
                SETBIT b abc 1
                SETBIT b 4294967296 1
                GETBIT b -1
                GETBIT b 4294967296
                SET s a
                SETBIT s 6 1
                GET s
                GETBIT s 1
                SETBIT b 0
                """);
    }

    @Test
    void bitcount() throws IOException {
        session.run("""
                SET s foobar
                BITCOUNT s
                BITCOUNT s 0 0
                BITCOUNT s 1 1
                BITCOUNT s 1 -2
                BITCOUNT s -2 -1
                BITCOUNT s 5 30
                BITCOUNT s 10 1
                BITCOUNT s 0 -100
                BITCOUNT s 0 0 BYTE
                BITCOUNT s 5 30 BIT
                BITCOUNT s 0 -1 BIT
                BITCOUNT s -5 -1 BIT
                BITCOUNT s 1 1 bit
                BITCOUNT s 0 0 FOO
                BITCOUNT s 0
                BITCOUNT s a b
                BITCOUNT missing
                BITCOUNT missing 0 -1 BIT
                BITCOUNT s 0 -1 BIT extra
                """);
    }

    @Test
    void bitpos() throws IOException {
        session.run("""
                SET s "\\xff\\xf0\\x00"
                BITPOS s 0
                BITPOS s 1
                BITPOS s 1 2
                BITPOS s 0 0 0
                BITPOS s 1 2 -1 BYTE
                BITPOS s 1 7 15 BIT
                BITPOS s 0 7 15 BIT
                BITPOS s 0 0 -1 BIT
                SET f "\\xff\\xff\\xff"
                BITPOS f 0
                BITPOS f 0 0
                BITPOS f 0 0 -1
                BITPOS f 1
                SET z "\\x00\\x00"
                BITPOS z 1
                BITPOS z 0
                BITPOS missing 0
                BITPOS missing 1
                BITPOS s 2
                BITPOS s 1 a
                BITPOS s 1 0 1 FOO
                BITPOS s 1 100 200
                BITPOS s 0 -100 -50
                BITPOS s
                """);
    }

    @Test
    void bitop() throws IOException {
        session.run("""
                SET a "\\x0f\\xf0"
                SET b "\\xff"
                BITOP AND d a b
                GET d
                BITOP OR d a b
                GET d
                BITOP XOR d a b
                GET d
                BITOP NOT d a
                GET d
                BITOP NOT d a b
                BITOP and d a missing
                GET d
                BITOP OR d missing1 missing2
                EXISTS d
                BITOP FOO d a
                BITOP AND d
                SET e ""
                BITOP OR d e
                EXISTS d
                BITOP XOR a a a
                GET a
                """);
    }

    @Test
    void bitfield() throws IOException {
        session.run("""
                BITFIELD bf SET i8 0 100 GET i8 0
                BITFIELD bf INCRBY i5 100 1 GET u4 0
                BITFIELD bf SET u8 0 255 GET u8 0
                BITFIELD bf INCRBY u8 0 10
                BITFIELD bf OVERFLOW SAT INCRBY u8 0 10
                BITFIELD bf OVERFLOW FAIL INCRBY u8 0 10
                BITFIELD bf OVERFLOW WRAP INCRBY i8 8 200
                BITFIELD bf OVERFLOW SAT INCRBY i8 8 -300
                BITFIELD bf OVERFLOW FAIL INCRBY i8 8 -300
                BITFIELD bf SET i16 #1 -1000 GET i16 #1 GET u16 #1
                BITFIELD bf GET u63 0
                BITFIELD bf GET i64 0
                BITFIELD bf SET i64 0 -1 GET i64 0
                BITFIELD bf GET u64 0
                BITFIELD bf GET i65 0
                BITFIELD bf GET u0 0
                BITFIELD bf GET x8 0
                BITFIELD bf GET u8 -1
                BITFIELD bf GET u8 abc
                BITFIELD bf SET u8 0 abc
                BITFIELD bf INCRBY u8 0 abc
                BITFIELD bf OVERFLOW FOO
                BITFIELD bf GET u8
                BITFIELD bf FOO
                BITFIELD bf
                BITFIELD missing GET u8 0
                BITFIELD missing2 INCRBY u2 100 1 OVERFLOW SAT INCRBY u2 102 1
                GET missing2
                BITFIELD_RO bf GET u8 0 GET i4 4
                BITFIELD_RO bf SET u8 0 1
                BITFIELD_RO bf INCRBY u8 0 1
                BITFIELD_RO bf
                BITFIELD_RO missing GET u8 0
                GET bf
                """);
    }
}
