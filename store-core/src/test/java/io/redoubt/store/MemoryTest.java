package io.redoubt.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryTest {

    @Test
    void sizeClass_coversEverySizeWithBoundedWaste() {
        int previous = 0;
        for (int c = 1; c < Memory.CLASS_COUNT; c++) {
            int size = Memory.classSize(c);
            assertTrue(size > previous, "class sizes increase");
            assertEquals(0, size % 8, "8-byte aligned");
            previous = size;
        }
        assertEquals(Memory.MAX_CLASS_SIZE, Memory.classSize(Memory.CLASS_COUNT - 1));
        for (int size = 1; size <= Memory.MAX_CLASS_SIZE; size++) {
            int c = Memory.sizeClass(size);
            int block = Memory.classSize(c);
            assertTrue(block >= size, "block holds the request: " + size);
            assertTrue(c == 1 || Memory.classSize(c - 1) < size, "smallest class: " + size);
            assertTrue(size <= Memory.SMALL_STEP_LIMIT ? block - size < 8 : block - size <= size / 8, "waste " + size);
        }
    }

    @Test
    void allocate_blocksDoNotOverlapAndFreedBlocksAreReused() {
        Memory m = new Memory();
        long a = m.allocate(80);
        long b = m.allocate(80);
        assertNotEquals(Database.NONE, a);
        assertNotEquals(a, b);
        m.putLong(a, 1);
        m.putLong(b, 2);
        assertEquals(1, m.getLong(a));
        m.free(a);
        assertEquals(a, m.allocate(77), "same class reuses the freed block");
        assertEquals(160, m.usedBytes());
    }

    @Test
    void free_everythingReturnsUsedToZeroAndReleasesPages() {
        Memory m = new Memory();
        Random random = new Random(1);
        List<Long> refs = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            refs.add(m.allocate(16 + random.nextInt(2000)));
        }
        long reserved = m.reservedBytes();
        assertTrue(reserved >= m.usedBytes());
        Set<Long> unique = new HashSet<>(refs);
        assertEquals(refs.size(), unique.size());
        for (long ref : refs) {
            m.free(ref);
        }
        assertEquals(0, m.usedBytes());
        assertEquals(0, m.blockCount());
        assertTrue(m.reservedBytes() <= (long) Memory.CLASS_COUNT << 20, "at most one spare page per class");
        m.trim();
        assertEquals(0, m.reservedBytes());
        assertEquals(0, m.pageCount());
        assertNotEquals(Database.NONE, m.allocate(100), "usable after trim");
    }

    @Test
    void allocateLarge_getsOwnPageAndReturnsIt() {
        Memory m = new Memory();
        long ref = m.allocate(Memory.MAX_CLASS_SIZE + 1);
        assertEquals(Memory.MAX_CLASS_SIZE + 8, m.blockSize(ref));
        m.putByte(ref + Memory.MAX_CLASS_SIZE, (byte) 7);
        assertEquals(7, m.getByte(ref + Memory.MAX_CLASS_SIZE));
        m.free(ref);
        assertEquals(0, m.usedBytes());
        assertEquals(0, m.reservedBytes());
    }

    @Test
    void zero_clearsAnyLength() {
        Memory m = new Memory();
        long ref = m.allocate(20_000);
        for (int i = 0; i < 20_000; i++) {
            m.putByte(ref + i, (byte) -1);
        }
        m.zero(ref + 3, 19_990);
        assertEquals(-1, m.getByte(ref + 2));
        for (int i = 3; i < 19_993; i++) {
            assertEquals(0, m.getByte(ref + i));
        }
        assertEquals(-1, m.getByte(ref + 19_993));
    }

    @Test
    void writeFromByteBuf_copiesEveryLengthAndOffsetExactly() {
        Memory m = new Memory();
        Random random = new Random(3);
        byte[] source = new byte[2000];
        random.nextBytes(source);
        for (ByteBuf src : new ByteBuf[] {Unpooled.directBuffer(2000), Unpooled.buffer(2000)}) {
            src.writeBytes(source);
            for (int length : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 511, 512, 513, 1999}) {
                int srcIndex = length == 1999 ? 1 : random.nextInt(2000 - length);
                long ref = m.allocate(length + 16);
                m.zero(ref, length + 16);
                m.write(ref + 3, src, srcIndex, length);
                assertEquals(0, m.getByte(ref + 2));
                for (int i = 0; i < length; i++) {
                    assertEquals(source[srcIndex + i], m.getByte(ref + 3 + i), "length " + length + " byte " + i);
                }
                assertEquals(0, m.getByte(ref + 3 + length));
                m.free(ref);
            }
            src.release();
        }
    }
}
