package io.nvo3.bgp.fsm;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.ErrorCode;
import io.nvo3.bgp.wire.errors.Subcode;
import java.util.Objects;

/** A NOTIFICATION's content (RFC 4271 §4.5), sent or received. */
public record Notification(int code, int subcode, Bytes data) {
    public Notification {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("NOTIFICATION code/subcode are one octet each");
        }
        Objects.requireNonNull(data);
    }

    public static Notification of(Subcode subcode) {
        return new Notification(subcode.errorCode().code(), subcode.code(), Bytes.EMPTY);
    }

    public static Notification of(Subcode subcode, Bytes data) {
        return new Notification(subcode.errorCode().code(), subcode.code(), data);
    }

    public static Notification of(BgpNotificationException e) {
        return new Notification(e.code(), e.subcode(), e.data());
    }

    /** RFC 4271 §6.5: "the Error Subcode ... MUST be set to zero" for Hold Timer Expired. */
    public static Notification holdTimerExpired() {
        return new Notification(ErrorCode.HOLD_TIMER_EXPIRED.code(), 0, Bytes.EMPTY);
    }

    @Override
    public String toString() {
        String name = ErrorCode.of(code).map(c -> c.name() + "/" + c.subcodeName(subcode)).orElse(code + "/" + subcode);
        return name + (data.length() == 0 ? "" : " data " + data);
    }
}
