package io.nvo3.store;

import java.util.Objects;

/**
 * Why the store refused a request or could not open: a typed error with a {@link Code}
 * (named after the etcd/gRPC status a remote backend would return), never a bare crash.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Code {
        /** A bad request from the caller (empty key, duplicate key in a txn, too large). */
        INVALID_ARGUMENT,
        /** The store is closed or closing. */
        CLOSED,
        /** The data file is already open, by this process or another one. */
        LOCKED,
        /** The data file cannot be read as a store (corrupt, foreign or newer format). */
        CORRUPT,
        /** Reading or writing the data file failed. */
        IO
    }

    private final Code code;

    public StoreException(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public StoreException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Code code() {
        return code;
    }
}
