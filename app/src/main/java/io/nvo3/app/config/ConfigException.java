package io.nvo3.app.config;

/** A configuration or start-up problem the operator must fix; its message is printed as one line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
