package io.nvo3.bgp.wire.errors;

import java.util.Optional;

/** Cease subcodes, RFC 4486 and RFC 8203. */
public enum CeaseSubcode implements Subcode {
    MAXIMUM_NUMBER_OF_PREFIXES_REACHED(1),
    ADMINISTRATIVE_SHUTDOWN(2),
    PEER_DECONFIGURED(3),
    ADMINISTRATIVE_RESET(4),
    CONNECTION_REJECTED(5),
    OTHER_CONFIGURATION_CHANGE(6),
    CONNECTION_COLLISION_RESOLUTION(7),
    OUT_OF_RESOURCES(8),
    HARD_RESET(9);

    private final int code;

    CeaseSubcode(int code) {
        this.code = code;
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.CEASE;
    }

    @Override
    public int code() {
        return code;
    }

    public static Optional<CeaseSubcode> of(int code) {
        for (CeaseSubcode s : values()) {
            if (s.code == code) return Optional.of(s);
        }
        return Optional.empty();
    }
}
