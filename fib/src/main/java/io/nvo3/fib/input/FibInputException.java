package io.nvo3.fib.input;

/** A FIB input that cannot be computed: names the offending field. Nothing was changed. */
public final class FibInputException extends IllegalArgumentException {
    private final String field;

    public FibInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The input field at fault, e.g. {@code tenantSystem.location.ofport}. */
    public String field() {
        return field;
    }
}
