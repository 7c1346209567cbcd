package io.redoubt.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static io.redoubt.store.Database.NO_EXPIRY;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hot path allocates nothing: find, put (from byte[] and from a direct ByteBuf), type, expiry, value copies, delete. */
class AllocationTest {

    @Test
    void hotPath_allocatesNothingPerOperation() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        OffHeapDatabase db = new OffHeapDatabase();
        int keys = 4096;
        byte[][] key = new byte[keys][];
        ByteBuf keyBuf = Unpooled.directBuffer(64);
        for (int i = 0; i < keys; i++) {
            key[i] = ("key:" + i + ":padding").getBytes();
        }
        byte[] value = new byte[32];
        byte[] out = new byte[32];
        ByteBuf dst = Unpooled.directBuffer(128);
        // What the server passes: key and value as slices of a direct receive buffer (Netty's pooled buffers
        // sit on UnpooledDirectByteBuf when Netty does not use Unsafe, as on JDK 24+). Here C2 may scalar-
        // replace that buffer's per-call duplicate; in the server it did not (see Memory.write).
        ByteBuf request = new UnpooledDirectByteBuf(UnpooledByteBufAllocator.DEFAULT, 128, 128);
        long sink = 0;
        long allocated = 0;
        for (int round = 0; round < 30; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++) {
                byte[] k = key[i & (keys - 1)];
                long ref = db.putString(k, value, (i & 3) == 0 ? 1000 + i : NO_EXPIRY);
                request.clear().writeBytes(k).writeBytes(value);
                ref = db.putString(request, 0, k.length, request, k.length, value.length, (i & 3) == 0 ? 1000 + i : NO_EXPIRY);
                ref = db.find(k);
                keyBuf.clear().writeBytes(k);
                ref = db.find(keyBuf, 0, k.length);
                sink += db.type(ref) + db.expireAt(ref) + db.accessClock(ref);
                db.copyValue(ref, 0, out, 0, 32);
                dst.clear();
                db.copyValue(ref, 0, dst, 32);
                db.copyKey(ref, dst);
                db.setValueBytes(ref, 0, value, 0, 8);
                if ((i & 7) == 0) {
                    db.delete(ref);
                }
                sink += db.randomEntry();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        // After warm-up, 160 000 operations must not have allocated (a little slack for the MXBean itself).
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes in the last round, sink " + sink);
        db.release();
    }
}
