package io.nvo3.bgp.wire;

/**
 * A field does not fit in the bytes that frame it (underflow, bad length, value out of range).
 * Thrown by {@link WireReader} and the element codecs; every public decode entry point catches it
 * and maps it to the BGP error its position calls for (NOTIFICATION code/subcode or an RFC 7606
 * action), so callers of {@code BgpCodec} never see it.
 */
public final class WireFormatException extends RuntimeException {
    public WireFormatException(String message) {
        super(message, null, false, false);
    }
}
