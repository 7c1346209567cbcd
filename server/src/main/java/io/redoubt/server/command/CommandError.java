package io.redoubt.server.command;

/**
 * A command's error reply, thrown from anywhere inside a handler; the dispatcher writes the message as the
 * reply. No stack trace is captured: errors are part of normal operation.
 */
public final class CommandError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final CommandError NOT_INTEGER = new CommandError("ERR value is not an integer or out of range");
    public static final CommandError NOT_FLOAT = new CommandError("ERR value is not a valid float");
    public static final CommandError SYNTAX = new CommandError("ERR syntax error");
    public static final CommandError WRONGTYPE =
            new CommandError("WRONGTYPE Operation against a key holding the wrong kind of value");
    public static final CommandError NO_SUCH_KEY = new CommandError("ERR no such key");
    public static final CommandError OUT_OF_RANGE = new CommandError("ERR index out of range");
    public static final CommandError DB_INDEX = new CommandError("ERR DB index is out of range");
    public static final CommandError OVERFLOW = new CommandError("ERR increment or decrement would overflow");
    public static final CommandError STRING_TOO_LONG = new CommandError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");

    public CommandError(String message) {
        super(message, null, false, false);
    }
}
