package io.nvo3.controller.model;

/**
 * A refused model operation. {@link #type()} is the Neutron exception name the API puts in
 * {@code NeutronError.type} (e.g. {@code IpAddressInUse}); {@link #field()} names the
 * attribute at fault, or is null.
 */
public abstract sealed class ModelException extends RuntimeException
        permits ModelException.NotFound, ModelException.Conflict, ModelException.BadRequest,
        ModelException.Unavailable {
    private final String type;
    private final String field;

    ModelException(String type, String field, String message) {
        super(message);
        this.type = type;
        this.field = field;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }

    /** The resource does not exist (HTTP 404). */
    public static final class NotFound extends ModelException {
        public NotFound(String type, String message) {
            super(type, null, message);
        }
    }

    /** The request clashes with the current state (HTTP 409). */
    public static final class Conflict extends ModelException {
        public Conflict(String type, String field, String message) {
            super(type, field, message);
        }
    }

    /** The request is invalid in itself (HTTP 400). */
    public static final class BadRequest extends ModelException {
        public BadRequest(String type, String field, String message) {
            super(type, field, message);
        }
    }

    /** A pool the operation needs is exhausted (HTTP 503, as Neutron's NoNetworkAvailable). */
    public static final class Unavailable extends ModelException {
        public Unavailable(String type, String message) {
            super(type, null, message);
        }
    }

    static BadRequest invalid(String field, String reason) {
        return new BadRequest("InvalidInput", field, "Invalid input for " + field + ". Reason: " + reason + ".");
    }
}
