package io.redoubt.server.types;

import io.redoubt.server.config.ServerConfig;

/**
 * The thresholds at which small collections leave their compact encoding, from the configuration
 * (the same directives as Redis, kept current by CONFIG SET). Read by the data types on every write.
 */
public final class EncodingLimits {
    /** list-max-listpack-size: positive = entries per node, negative = node size class (-1 4 KB … -5 64 KB). */
    public volatile int listMaxListpackSize = -2;
    public volatile int listCompressDepth;
    public volatile long hashMaxListpackEntries = 512;
    public volatile long hashMaxListpackValue = 64;
    public volatile long setMaxIntsetEntries = 512;
    public volatile long setMaxListpackEntries = 128;
    public volatile long setMaxListpackValue = 64;
    public volatile long zsetMaxListpackEntries = 128;
    public volatile long zsetMaxListpackValue = 64;

    /** Limits that follow {@code config}. */
    public static EncodingLimits of(ServerConfig config) {
        EncodingLimits l = new EncodingLimits();
        config.onChange("list-max-listpack-size", v -> l.listMaxListpackSize = Integer.parseInt(v));
        config.onChange("list-compress-depth", v -> l.listCompressDepth = Integer.parseInt(v));
        config.onChange("hash-max-listpack-entries", v -> l.hashMaxListpackEntries = Long.parseLong(v));
        config.onChange("hash-max-listpack-value", v -> l.hashMaxListpackValue = Long.parseLong(v));
        config.onChange("set-max-intset-entries", v -> l.setMaxIntsetEntries = Long.parseLong(v));
        config.onChange("set-max-listpack-entries", v -> l.setMaxListpackEntries = Long.parseLong(v));
        config.onChange("set-max-listpack-value", v -> l.setMaxListpackValue = Long.parseLong(v));
        config.onChange("zset-max-listpack-entries", v -> l.zsetMaxListpackEntries = Long.parseLong(v));
        config.onChange("zset-max-listpack-value", v -> l.zsetMaxListpackValue = Long.parseLong(v));
        return l;
    }

    /** Largest listpack node of a list in bytes for a negative {@code list-max-listpack-size}. */
    public int listNodeBytes() {
        int fill = listMaxListpackSize;
        return switch (fill) {
            case -1 -> 4096;
            case -2 -> 8192;
            case -3 -> 16384;
            case -4 -> 32768;
            case -5 -> 65536;
            default -> fill < 0 ? 65536 : Integer.MAX_VALUE;
        };
    }
}
