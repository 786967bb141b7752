package io.nvo3.model;

/** A value that does not parse or validate; {@link #field()} names the attribute it came from when known. */
public final class InvalidValueException extends IllegalArgumentException {
    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The same error attributed to {@code otherField}. */
    public InvalidValueException forField(String otherField) {
        return new InvalidValueException(otherField, getMessage());
    }
}
