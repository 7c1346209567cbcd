package io.redoubt.store;

import io.netty.buffer.ByteBuf;

/** One entry as a {@link SnapshotTraversal} sees it; a reused view, valid during {@code Sink.accept} only. */
public interface SnapshotEntry {
    int type();

    /** Absolute unix time in ms, or {@link Database#NO_EXPIRY}. */
    long expireAt();

    int accessClock();

    int keyLength();

    void copyKey(ByteBuf dst);

    byte[] key();

    int valueLength();

    void copyValue(int from, ByteBuf dst, int length);

    void copyValue(int from, byte[] dst, int dstIndex, int length);

    /** The on-heap value of a non-string entry (as the {@link ObjectSnapshotHook} preserved it). */
    Object object();
}
