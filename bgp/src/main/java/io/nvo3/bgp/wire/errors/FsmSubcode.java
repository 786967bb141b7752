package io.nvo3.bgp.wire.errors;

import java.util.Optional;

/** Finite State Machine Error subcodes, RFC 6608. */
public enum FsmSubcode implements Subcode {
    UNEXPECTED_MESSAGE_IN_OPENSENT(1),
    UNEXPECTED_MESSAGE_IN_OPENCONFIRM(2),
    UNEXPECTED_MESSAGE_IN_ESTABLISHED(3);

    private final int code;

    FsmSubcode(int code) {
        this.code = code;
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.FSM_ERROR;
    }

    @Override
    public int code() {
        return code;
    }

    public static Optional<FsmSubcode> of(int code) {
        for (FsmSubcode s : values()) {
            if (s.code == code) return Optional.of(s);
        }
        return Optional.empty();
    }
}
