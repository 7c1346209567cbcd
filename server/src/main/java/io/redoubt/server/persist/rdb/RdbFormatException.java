package io.redoubt.server.persist.rdb;

/**
 * A malformed, truncated or unsupported RDB input. The message names the source (a file name, or
 * "DUMP payload") and the byte offset where reading failed: {@code "<source>: <what> at offset <n>"}.
 */
public final class RdbFormatException extends Exception {
    private final String source;
    private final long offset;

    public RdbFormatException(String source, long offset, String what) {
        super(source + ": " + what + " at offset " + offset);
        this.source = source;
        this.offset = offset;
    }

    public RdbFormatException(String source, long offset, String what, Throwable cause) {
        super(source + ": " + what + " at offset " + offset, cause);
        this.source = source;
        this.offset = offset;
    }

    /** The file name or "DUMP payload". */
    public String source() {
        return source;
    }

    /** Byte offset in the input where the problem was found. */
    public long offset() {
        return offset;
    }
}
