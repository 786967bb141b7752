package io.nvo3.bgp.wire.errors;

import io.nvo3.bgp.wire.Bytes;

/**
 * Corrupt input: the session must send a NOTIFICATION with this code, subcode and data, then
 * close (RFC 4271 §6). The message says what was wrong in a few words.
 */
public final class BgpNotificationException extends Exception {
    private final int code;
    private final int subcode;
    private final Bytes data;

    public BgpNotificationException(int code, int subcode, Bytes data, String message) {
        super(message, null, false, false);
        this.code = code;
        this.subcode = subcode;
        this.data = data;
    }

    public BgpNotificationException(Subcode subcode, Bytes data, String message) {
        this(subcode.errorCode().code(), subcode.code(), data, message);
    }

    public BgpNotificationException(Subcode subcode, String message) {
        this(subcode, Bytes.EMPTY, message);
    }

    public int code() {
        return code;
    }

    public int subcode() {
        return subcode;
    }

    public Bytes data() {
        return data;
    }

    @Override
    public String toString() {
        String name = ErrorCode.of(code).map(c -> c.name() + "/" + c.subcodeName(subcode)).orElse(code + "/" + subcode);
        return "BgpNotificationException[" + name + ", data=" + data + "]: " + getMessage();
    }
}
