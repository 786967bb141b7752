package io.nvo3.bgp.wire.errors;

import java.util.Optional;

/** UPDATE Message Error subcodes, RFC 4271 §6.3. */
public enum UpdateSubcode implements Subcode {
    MALFORMED_ATTRIBUTE_LIST(1),
    UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE(2),
    MISSING_WELL_KNOWN_ATTRIBUTE(3),
    ATTRIBUTE_FLAGS_ERROR(4),
    ATTRIBUTE_LENGTH_ERROR(5),
    INVALID_ORIGIN_ATTRIBUTE(6),
    INVALID_NEXT_HOP_ATTRIBUTE(8),
    OPTIONAL_ATTRIBUTE_ERROR(9),
    INVALID_NETWORK_FIELD(10),
    MALFORMED_AS_PATH(11);

    private final int code;

    UpdateSubcode(int code) {
        this.code = code;
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.UPDATE_MESSAGE_ERROR;
    }

    @Override
    public int code() {
        return code;
    }

    public static Optional<UpdateSubcode> of(int code) {
        for (UpdateSubcode s : values()) {
            if (s.code == code) return Optional.of(s);
        }
        return Optional.empty();
    }
}
