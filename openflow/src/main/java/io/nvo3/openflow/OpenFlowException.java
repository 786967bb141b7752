package io.nvo3.openflow;

/**
 * Corrupt input: carries the OFPT_ERROR type and code that should be sent back to the peer.
 */
public final class OpenFlowException extends RuntimeException {
    private final int errorType;
    private final int errorCode;

    public OpenFlowException(int errorType, int errorCode, String message) {
        super(ErrorCodes.name(errorType, errorCode) + ": " + message);
        this.errorType = errorType;
        this.errorCode = errorCode;
    }

    public int errorType() {
        return errorType;
    }

    public int errorCode() {
        return errorCode;
    }

    /** Readable "OFPET_X/OFPXXC_Y" name of the error to send. */
    public String errorName() {
        return ErrorCodes.name(errorType, errorCode);
    }

    public static OpenFlowException badLen(String message) {
        return new OpenFlowException(ErrorCodes.OFPET_BAD_REQUEST, ErrorCodes.OFPBRC_BAD_LEN, message);
    }
}
