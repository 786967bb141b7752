package io.nvo3.bgp.wire.errors;

import java.util.Optional;

/** OPEN Message Error subcodes, RFC 4271 §6.2, RFC 5492, RFC 9072. */
public enum OpenSubcode implements Subcode {
    UNSUPPORTED_VERSION_NUMBER(1),
    BAD_PEER_AS(2),
    BAD_BGP_IDENTIFIER(3),
    UNSUPPORTED_OPTIONAL_PARAMETER(4),
    UNACCEPTABLE_HOLD_TIME(6),
    UNSUPPORTED_CAPABILITY(7),
    ROLE_MISMATCH(11);

    private final int code;

    OpenSubcode(int code) {
        this.code = code;
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.OPEN_MESSAGE_ERROR;
    }

    @Override
    public int code() {
        return code;
    }

    public static Optional<OpenSubcode> of(int code) {
        for (OpenSubcode s : values()) {
            if (s.code == code) return Optional.of(s);
        }
        return Optional.empty();
    }
}
