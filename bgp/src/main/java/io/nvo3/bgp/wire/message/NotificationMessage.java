package io.nvo3.bgp.wire.message;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.ErrorCode;
import io.nvo3.bgp.wire.errors.Subcode;
import java.util.Objects;
import java.util.Optional;

/** RFC 4271 §4.5: Error code, Error subcode, Data. Unassigned codes are kept as numbers. */
public record NotificationMessage(int code, int subcode, Bytes data) implements BgpMessage {
    public NotificationMessage {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("NOTIFICATION code/subcode out of range");
        }
        Objects.requireNonNull(data);
    }

    public static NotificationMessage of(Subcode subcode, Bytes data) {
        return new NotificationMessage(subcode.errorCode().code(), subcode.code(), data);
    }

    public static NotificationMessage of(BgpNotificationException e) {
        return new NotificationMessage(e.code(), e.subcode(), e.data());
    }

    public Optional<ErrorCode> errorCode() {
        return ErrorCode.of(code);
    }

    public int type() {
        return NOTIFICATION;
    }

    @Override
    public String toString() {
        return "NOTIFICATION " + errorCode().map(c -> c.name() + "/" + c.subcodeName(subcode)).orElse(code + "/" + subcode)
                + (data.length() == 0 ? "" : " data " + data);
    }
}
