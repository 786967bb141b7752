package io.nvo3.bgp.wire.errors;

import java.util.Optional;

/** Message Header Error subcodes, RFC 4271 §6.1. */
public enum HeaderSubcode implements Subcode {
    CONNECTION_NOT_SYNCHRONIZED(1),
    BAD_MESSAGE_LENGTH(2),
    BAD_MESSAGE_TYPE(3);

    private final int code;

    HeaderSubcode(int code) {
        this.code = code;
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.MESSAGE_HEADER_ERROR;
    }

    @Override
    public int code() {
        return code;
    }

    public static Optional<HeaderSubcode> of(int code) {
        for (HeaderSubcode s : values()) {
            if (s.code == code) return Optional.of(s);
        }
        return Optional.empty();
    }
}
