package io.redoubt.server.config;

/** A configuration value or file that cannot be accepted; the message says what and where. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
