package io.redoubt.server.persist.rdb;

/**
 * Receives what an {@link RdbReader} finds, in file order. Only {@link #entry} is required; the rest
 * default to doing nothing.
 */
public interface RdbVisitor {
    /** The version from the file's magic ("REDIS0010" → 10). */
    default void header(int version) {
    }

    /** An AUX field (redis-ver, redis-bits, ctime, used-mem, repl-id…); bytes decoded as ISO-8859-1. */
    default void aux(String key, String value) {
    }

    default void selectDb(int db) {
    }

    default void resizeDb(long size, long expiresSize) {
    }

    /**
     * One key.
     *
     * @param type a {@link io.redoubt.store.ValueType} code
     * @param value a {@code byte[]} for a string, else a {@code ListValue}, {@code HashValue},
     *              {@code SetValue} or {@code ZSetValue} built under the reader's encoding limits
     * @param expireAtMs absolute unix time in ms, or -1 ({@code Database.NO_EXPIRY}); keys already expired are
     *                   passed too, the caller decides (Redis drops them when loading as a master)
     * @param lruIdleSecs idle seconds from an IDLE opcode, or -1
     * @param lfuFreq LFU counter from a FREQ opcode, or -1
     */
    void entry(int db, byte[] key, int type, Object value, long expireAtMs, int lruIdleSecs, int lfuFreq);

    /** A function library (FUNCTION2 opcode): its source code. Functions are not supported; skipped by default. */
    default void functionRecord(byte[] code) {
    }

    /**
     * Something skipped (module aux data, an empty key, a function library), with its offset; the caller logs
     * it, naming the source.
     */
    default void warning(String message) {
    }

    /** The EOF opcode was reached and the checksum (when present) matched. */
    default void end() {
    }
}
