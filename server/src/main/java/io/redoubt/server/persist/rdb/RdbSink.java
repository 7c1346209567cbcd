package io.redoubt.server.persist.rdb;

import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where an {@link RdbWriter} sends its bytes, a chunk at a time (a file, an AOF base, a replica socket, a
 * queue to a writing thread). The sink takes ownership of each chunk: it must {@code release()} it once
 * consumed, and may keep it (hand it to another thread) until then.
 */
@FunctionalInterface
public interface RdbSink {
    void write(ByteBuf chunk) throws IOException;

    /** A sink writing each chunk to {@code out} and releasing it; the stream is neither flushed nor closed. */
    static RdbSink of(OutputStream out) {
        return chunk -> {
            try {
                chunk.readBytes(out, chunk.readableBytes());
            } finally {
                chunk.release();
            }
        };
    }
}
