package io.redoubt.server.persist.aof;

/** An append-only log that cannot be loaded or written; the message names the file and, when known, the offset. */
public final class AofException extends Exception {
    public AofException(String message) {
        super(message);
    }

    public AofException(String message, Throwable cause) {
        super(message, cause);
    }
}
