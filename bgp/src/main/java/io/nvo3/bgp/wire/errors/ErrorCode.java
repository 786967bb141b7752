package io.nvo3.bgp.wire.errors;

import java.util.Optional;

/** NOTIFICATION error codes (RFC 4271 §4.5, RFC 6608 FSM, RFC 7313 ROUTE-REFRESH). */
public enum ErrorCode {
    MESSAGE_HEADER_ERROR(1),
    OPEN_MESSAGE_ERROR(2),
    UPDATE_MESSAGE_ERROR(3),
    HOLD_TIMER_EXPIRED(4),
    FSM_ERROR(5),
    CEASE(6),
    ROUTE_REFRESH_MESSAGE_ERROR(7);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ErrorCode> of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) return Optional.of(c);
        }
        return Optional.empty();
    }

    /** The name of a subcode under this code, or its number when unassigned. */
    public String subcodeName(int subcode) {
        Optional<String> name = switch (this) {
            case MESSAGE_HEADER_ERROR -> HeaderSubcode.of(subcode).map(Enum::name);
            case OPEN_MESSAGE_ERROR -> OpenSubcode.of(subcode).map(Enum::name);
            case UPDATE_MESSAGE_ERROR -> UpdateSubcode.of(subcode).map(Enum::name);
            case CEASE -> CeaseSubcode.of(subcode).map(Enum::name);
            case FSM_ERROR -> FsmSubcode.of(subcode).map(Enum::name);
            case ROUTE_REFRESH_MESSAGE_ERROR -> subcode == 1 ? Optional.of("INVALID_MESSAGE_LENGTH") : Optional.<String>empty();
            case HOLD_TIMER_EXPIRED -> Optional.<String>empty();
        };
        return name.orElse(subcode == 0 ? "UNSPECIFIC" : "subcode " + subcode);
    }
}
