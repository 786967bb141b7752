package io.nvo3.bgp.wire.message;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.WireFormatException;
import io.nvo3.bgp.wire.WireReader;
import io.nvo3.bgp.wire.WireWriter;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.ErrorAction;
import io.nvo3.bgp.wire.errors.ErrorCode;
import io.nvo3.bgp.wire.errors.HeaderSubcode;
import java.util.Arrays;

/**
 * Whole BGP messages to and from byte arrays (header included). The session's channel adapter
 * uses {@link #frameLength} to cut the stream, then {@link #decode}; {@link #encode} for output.
 */
public final class BgpCodec {
    public static final int HEADER_LENGTH = 19;
    private static final int MARKER_LENGTH = 16;

    private BgpCodec() {
    }

    /**
     * The length of the message starting at {@code off}, or -1 when fewer than 19 octets are
     * available (incomplete: consume nothing). The message is complete once {@code available >= result}.
     *
     * @throws BgpNotificationException for a bad marker or length (the stream cannot be resynchronised)
     */
    public static int frameLength(byte[] buf, int off, int available, CodecContext ctx) throws BgpNotificationException {
        if (available < HEADER_LENGTH) {
            return -1;
        }
        // RFC 4271 §4.1: "Marker: This 16-octet field is included for compatibility; it MUST be set to all ones."
        for (int i = 0; i < MARKER_LENGTH; i++) {
            if (buf[off + i] != (byte) 0xff) {
                throw new BgpNotificationException(HeaderSubcode.CONNECTION_NOT_SYNCHRONIZED, "marker is not all ones");
            }
        }
        int len = ((buf[off + 16] & 0xff) << 8) | (buf[off + 17] & 0xff);
        // RFC 4271 §6.1: "if the Length field of the message header is less than 19 or greater than 4096
        // ... the Error Subcode MUST be set to Bad Message Length. The Data field MUST contain the
        // erroneous Length field." RFC 8654 §4 raises the bound to 65535 with the capability.
        if (len < HEADER_LENGTH || len > ctx.maxMessageLength()) {
            throw new BgpNotificationException(HeaderSubcode.BAD_MESSAGE_LENGTH, Bytes.of(buf[off + 16], buf[off + 17]),
                    "message length " + len + " outside 19.." + ctx.maxMessageLength());
        }
        return len;
    }

    /**
     * Decodes one whole message. Header and structural errors of OPEN, KEEPALIVE, NOTIFICATION and
     * ROUTE-REFRESH throw; an UPDATE always yields its {@link UpdateDecodeResult} (which may say SESSION_RESET).
     */
    public static DecodedMessage decode(byte[] frame, CodecContext ctx) throws BgpNotificationException {
        return decode(frame, ctx, false);
    }

    /**
     * As {@link #decode(byte[], CodecContext)}; with {@code packIpv4}, a clean UPDATE (or one that only
     * discards attributes) leaves its IPv4 NLRI field in the octets ({@link UpdateDecodeResult#packedNlri}),
     * for receivers that store prefixes without objects. Every other verdict is the same as without it.
     */
    public static DecodedMessage decode(byte[] frame, CodecContext ctx, boolean packIpv4) throws BgpNotificationException {
        return decode(frame, ctx, packIpv4, null);
    }

    /**
     * The packed decode of a session: as {@link #decode(byte[], CodecContext, boolean)} with {@code packIpv4},
     * reusing the attributes of the previous UPDATE when its attribute octets were the same ({@code memo}).
     */
    public static DecodedMessage decodePacked(byte[] frame, CodecContext ctx, AttributeMemo memo) throws BgpNotificationException {
        return decode(frame, ctx, true, java.util.Objects.requireNonNull(memo));
    }

    private static DecodedMessage decode(byte[] frame, CodecContext ctx, boolean packIpv4, AttributeMemo memo) throws BgpNotificationException {
        int len = frameLength(frame, 0, frame.length, ctx);
        if (len != frame.length) {
            throw new BgpNotificationException(HeaderSubcode.BAD_MESSAGE_LENGTH, Bytes.of(frame[16], frame[17]),
                    "length field " + (len < 0 ? "missing" : len) + " but frame has " + frame.length + " octets");
        }
        int type = frame[18] & 0xff;
        byte[] body = Arrays.copyOfRange(frame, HEADER_LENGTH, len);
        Bytes lengthField = Bytes.of(frame[16], frame[17]);
        return switch (type) {
            case BgpMessage.OPEN -> {
                // RFC 4271 §6.1: "the Length field ... of an OPEN message is less than the minimum length of the OPEN message"
                if (len < 29) throw badLength(lengthField, "OPEN", len);
                yield new DecodedMessage.Other(OpenCodec.decode(body));
            }
            case BgpMessage.UPDATE -> {
                if (len < 23) throw badLength(lengthField, "UPDATE", len);
                yield new DecodedMessage.Update(packIpv4 ? UpdateCodec.decodePacked(body, ctx, memo) : UpdateCodec.decode(body, ctx));
            }
            case BgpMessage.NOTIFICATION -> {
                if (len < 21) throw badLength(lengthField, "NOTIFICATION", len);
                yield new DecodedMessage.Other(new NotificationMessage(body[0] & 0xff, body[1] & 0xff, Bytes.of(Arrays.copyOfRange(body, 2, body.length))));
            }
            case BgpMessage.KEEPALIVE -> {
                // RFC 4271 §6.1: "... or the Length field of a KEEPALIVE message is not equal to 19"
                if (len != 19) throw badLength(lengthField, "KEEPALIVE", len);
                yield new DecodedMessage.Other(KeepaliveMessage.INSTANCE);
            }
            case BgpMessage.ROUTE_REFRESH -> new DecodedMessage.Other(routeRefresh(body, lengthField, len));
            // RFC 4271 §6.1: "If the Type field of the message header is not recognized, then the Error
            // Subcode MUST be set to Bad Message Type. The Data field MUST contain the erroneous Type field."
            default -> throw new BgpNotificationException(HeaderSubcode.BAD_MESSAGE_TYPE, Bytes.of((byte) type), "message type " + type);
        };
    }

    private static RouteRefreshMessage routeRefresh(byte[] body, Bytes lengthField, int len) throws BgpNotificationException {
        if (len < 23) throw badLength(lengthField, "ROUTE-REFRESH", len);
        WireReader r = WireReader.of(body);
        try {
            int afi = r.u16("afi");
            int subtype = r.u8("subtype");
            int safi = r.u8("safi");
            // RFC 7313 §5: "If the length, excluding the fixed-size message header, of the received
            // ROUTE-REFRESH message with Message Subtype 1 and 2 is not 4, then the BGP speaker MUST send
            // a NOTIFICATION message with the Error Code of "ROUTE-REFRESH Message Error" and the subcode
            // of "Invalid Message Length"." The Data field carries the message.
            if ((subtype == RouteRefreshMessage.BORR || subtype == RouteRefreshMessage.EORR) && r.hasRemaining()) {
                throw new BgpNotificationException(ErrorCode.ROUTE_REFRESH_MESSAGE_ERROR.code(), 1, Bytes.of(body),
                        "ROUTE-REFRESH subtype " + subtype + " with " + r.remaining() + " extra octets");
            }
            return new RouteRefreshMessage(new AfiSafi(afi, safi), subtype, r.rest());
        } catch (WireFormatException e) {
            throw badLength(lengthField, "ROUTE-REFRESH", len);
        }
    }

    private static BgpNotificationException badLength(Bytes field, String what, int len) {
        return new BgpNotificationException(HeaderSubcode.BAD_MESSAGE_LENGTH, field, what + " message length " + len);
    }

    /**
     * Decodes and requires a clean result: any RFC 7606 problem in an UPDATE becomes an exception
     * (the UPDATE Message Error of its first problem). For tools and tests; a session uses {@link #decode}.
     */
    public static BgpMessage decodeStrict(byte[] frame, CodecContext ctx) throws BgpNotificationException {
        return switch (decode(frame, ctx)) {
            case DecodedMessage.Other o -> o.message();
            case DecodedMessage.Update u -> {
                UpdateDecodeResult r = u.result();
                if (r.action() == ErrorAction.NONE) {
                    yield r.update();
                }
                if (r.notification().isPresent()) {
                    throw r.notification().get();
                }
                var p = r.problems().getFirst();
                throw new BgpNotificationException(p.subcode(), Bytes.EMPTY, p.action() + ": " + p.reason());
            }
        };
    }

    /**
     * Encodes a whole message, header included.
     *
     * @throws IllegalArgumentException when the message exceeds {@link CodecContext#maxMessageLength()}
     */
    public static byte[] encode(BgpMessage m, CodecContext ctx) {
        WireWriter w = new WireWriter();
        for (int i = 0; i < MARKER_LENGTH; i++) {
            w.u8(0xff);
        }
        w.u16(0).u8(m.type());
        switch (m) {
            case OpenMessage o -> OpenCodec.encode(o, w);
            case UpdateMessage u -> UpdateCodec.encode(u, w, ctx);
            case NotificationMessage n -> w.u8(n.code()).u8(n.subcode()).bytes(n.data());
            case KeepaliveMessage k -> { }
            case RouteRefreshMessage r -> w.u16(r.family().afi()).u8(r.subtype()).u8(r.family().safi()).bytes(r.orf());
        }
        int len = w.position();
        if (len > ctx.maxMessageLength()) {
            throw new IllegalArgumentException("message of " + len + " octets exceeds " + ctx.maxMessageLength());
        }
        w.patchU16(MARKER_LENGTH, len);
        return w.toByteArray();
    }
}
