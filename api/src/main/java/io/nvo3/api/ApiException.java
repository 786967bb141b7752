package io.nvo3.api;

/**
 * An HTTP error answered as Neutron does:
 * {@code {"NeutronError": {"type": type, "message": message, "detail": ""}}}.
 * {@code field} names the attribute at fault (for the log), or is null.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String field;

    public ApiException(int status, String type, String field, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }

    /** Neutron's attribute validation failure: 400 HTTPBadRequest "Invalid input for F. Reason: R." */
    public static ApiException invalid(String field, String reason) {
        return new ApiException(400, "HTTPBadRequest", field, "Invalid input for " + field + ". Reason: " + reason + ".");
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "HTTPBadRequest", field, message);
    }

    public static ApiException notFound(String type, String message) {
        return new ApiException(404, type, null, message);
    }

    /** Neutron's policy refusal: 403 PolicyNotAuthorized "(rule:R) is disallowed by policy". */
    public static ApiException policy(String rule) {
        return new ApiException(403, "PolicyNotAuthorized", null, "(rule:" + rule + ") is disallowed by policy");
    }
}
