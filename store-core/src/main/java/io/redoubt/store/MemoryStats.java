package io.redoubt.store;

/**
 * Memory figures of a database or a keyspace, for {@code INFO memory}.
 *
 * @param usedBytes     bytes in use: entry blocks (size-class rounding included), index, volatile table,
 *                      accounted on-heap objects; Redis's {@code used_memory}
 * @param reservedBytes bytes taken from the OS: allocator pages, index and volatile chunks, plus the
 *                      on-heap objects; the analogue of {@code used_memory_rss}
 * @param blockBytes    bytes of the allocator's live blocks only (keys, values and entry headers)
 * @param keys          number of keys
 */
public record MemoryStats(long usedBytes, long reservedBytes, long blockBytes, long keys) {

    /** Reserved over used, as {@code mem_fragmentation_ratio}; 1 when nothing is used. */
    public double fragmentationRatio() {
        return usedBytes == 0 ? 1.0 : (double) reservedBytes / usedBytes;
    }

    /** Reserved minus used, as {@code mem_fragmentation_bytes}. */
    public long fragmentationBytes() {
        return reservedBytes - usedBytes;
    }

    /** Used bytes per key (0 when empty). */
    public double bytesPerKey() {
        return keys == 0 ? 0 : (double) usedBytes / keys;
    }

    public MemoryStats plus(MemoryStats other) {
        return new MemoryStats(usedBytes + other.usedBytes, reservedBytes + other.reservedBytes,
                blockBytes + other.blockBytes, keys + other.keys);
    }

    public static final MemoryStats EMPTY = new MemoryStats(0, 0, 0, 0);
}
