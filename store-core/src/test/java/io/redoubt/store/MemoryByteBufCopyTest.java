package io.redoubt.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Copies between pages and ByteBufs of every kind, short (word by word) and long (NIO transfer). */
class MemoryByteBufCopyTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7, 8, 9, 16, 23, Memory.WORD_COPY_MAX - 1, Memory.WORD_COPY_MAX, Memory.WORD_COPY_MAX + 1, 5000})
    void writeThenRead_roundTripsAtAnyOffset(int length) {
        byte[] data = new byte[length + 5];
        new Random(length).nextBytes(data);
        ByteBuf[] sources = {
                ByteBufAllocator.DEFAULT.directBuffer(data.length).writeBytes(data),
                Unpooled.directBuffer(data.length).writeBytes(data),
                Unpooled.buffer(data.length).writeBytes(data),
        };
        Memory memory = new Memory();
        for (ByteBuf src : sources) {
            long ref = memory.allocate(Math.max(1, length));
            memory.write(ref, src, 5, length);
            for (ByteBuf dst : new ByteBuf[] {ByteBufAllocator.DEFAULT.directBuffer(4), Unpooled.buffer(4)}) {
                dst.writeByte('x');
                memory.read(ref, dst, length);
                byte[] got = new byte[length];
                dst.getBytes(1, got);
                byte[] want = java.util.Arrays.copyOfRange(data, 5, 5 + length);
                assertArrayEquals(want, got, src + " -> " + dst);
                dst.release();
            }
            src.release();
        }
    }
}
