package io.redoubt.resp;

/**
 * A request that breaks the protocol. The message is the reply Redis gives (without the leading
 * {@code -ERR }); the connection is closed after it is sent.
 */
public final class RespProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RespProtocolException(String message) {
        super(message, null, false, false);
    }
}
