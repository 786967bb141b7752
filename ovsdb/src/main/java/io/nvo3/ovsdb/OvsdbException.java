package io.nvo3.ovsdb;

/** Base of every error this library reports. */
public abstract sealed class OvsdbException extends RuntimeException
        permits OvsdbException.Malformed, OvsdbException.RpcError, OvsdbException.Timeout, OvsdbException.Closed,
        OvsdbException.TransactFailed {

    private static final long serialVersionUID = 1L;

    OvsdbException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A message that is not valid JSON, not JSON-RPC 1.0 as RFC 7047 §4 uses it, or not the OVSDB shape the
     * method requires. On a stream it closes that connection only.
     */
    public static final class Malformed extends OvsdbException {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message, null);
        }

        public Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The peer answered a request with a non-null "error" (RFC 7047 §4: "error: An error object if an error
     * occurred"), e.g. {@code "unknown database"} or {@code "unknown method"}.
     */
    public static final class RpcError extends OvsdbException {
        private static final long serialVersionUID = 1L;
        private final transient OvsdbError error;

        public RpcError(String method, OvsdbError error) {
            super(method + " failed: " + error, null);
            this.error = error;
        }

        public OvsdbError error() {
            return error;
        }
    }

    /** No reply within the request timeout. */
    public static final class Timeout extends OvsdbException {
        private static final long serialVersionUID = 1L;

        public Timeout(String message) {
            super(message, null);
        }
    }

    /** The connection closed before the reply arrived. */
    public static final class Closed extends OvsdbException {
        private static final long serialVersionUID = 1L;

        public Closed(String message) {
            super(message, null);
        }
    }

    /** Thrown by {@link TransactResult#orThrow()} when an operation or the commit failed. */
    public static final class TransactFailed extends OvsdbException {
        private static final long serialVersionUID = 1L;
        private final transient TransactResult result;

        public TransactFailed(TransactResult result) {
            super("transaction failed: " + result.error().map(Object::toString).orElse("?"), null);
            this.result = result;
        }

        public TransactResult result() {
            return result;
        }
    }
}
