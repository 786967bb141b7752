package io.nvo3.bgp.wire.message;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.WireFormatException;
import io.nvo3.bgp.wire.WireReader;
import io.nvo3.bgp.wire.WireWriter;
import io.nvo3.bgp.wire.capabilities.CapabilityCodec;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.OpenSubcode;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/** OPEN body: RFC 4271 §4.2 with the RFC 9072 extended optional parameters length. */
final class OpenCodec {
    private OpenCodec() {
    }

    static OpenMessage decode(byte[] body) throws BgpNotificationException {
        WireReader r = WireReader.of(body);
        try {
            int version = r.u8("version");
            // RFC 4271 §6.2: "If the version number ... is not supported, then the Error Subcode MUST be set
            // to Unsupported Version Number. The Data field is a 2-octet unsigned integer, which indicates
            // the largest, locally-supported version number less than the version the remote BGP peer bid".
            if (version != 4) {
                throw new BgpNotificationException(OpenSubcode.UNSUPPORTED_VERSION_NUMBER, Bytes.of((byte) 0, (byte) 4), "BGP version " + version);
            }
            int myAs = r.u16("my AS");
            int hold = r.u16("hold time");
            // RFC 4271 §6.2: "An implementation MUST reject Hold Time values of one or two seconds."
            if (hold == 1 || hold == 2) {
                throw new BgpNotificationException(OpenSubcode.UNACCEPTABLE_HOLD_TIME, "hold time " + hold);
            }
            Inet4Address id = r.ipv4("BGP identifier");
            // RFC 6286 §2.2: "the BGP Identifier ... a non-zero 32-bit unsigned integer"
            if (id.hashCode() == 0) {
                throw new BgpNotificationException(OpenSubcode.BAD_BGP_IDENTIFIER, "BGP identifier 0.0.0.0");
            }
            int optLen = r.u8("optional parameters length");
            boolean extended = false;
            // RFC 9072 §2: "If the value of the "Non-Ext OP Type" field is 255 ... the "Extended Opt. Parm.
            // Length" field ... 2 octets" and each parameter then has a 2-octet length.
            if (optLen == 255 && r.remaining() >= 1 && peek(body, r) == 255) {
                r.u8("non-ext OP type");
                optLen = r.u16("extended optional parameters length");
                extended = true;
            }
            if (optLen != r.remaining()) {
                throw new BgpNotificationException(OpenSubcode.UNSUPPORTED_OPTIONAL_PARAMETER.errorCode().code(), 0, Bytes.EMPTY,
                        "optional parameters length " + optLen + " but " + r.remaining() + " octets follow");
            }
            List<OptionalParameter> params = new ArrayList<>();
            while (r.hasRemaining()) {
                int type = r.u8("parameter type");
                int len = extended ? r.u16("parameter length") : r.u8("parameter length");
                WireReader v = r.slice(len, "parameter value");
                if (type == OptionalParameter.CAPABILITIES) {
                    params.add(new OptionalParameter.Capabilities(CapabilityCodec.decodeList(v)));
                } else {
                    params.add(new OptionalParameter.UnknownParameter(type, v.rest()));
                }
            }
            return new OpenMessage(version, myAs, hold, id, params, extended);
        } catch (WireFormatException | IllegalArgumentException e) {
            // RFC 4271 §6.2 names no subcode for a garbled parameter list: OPEN Message Error, subcode 0.
            throw new BgpNotificationException(2, 0, Bytes.EMPTY, "OPEN: " + e.getMessage());
        }
    }

    private static int peek(byte[] body, WireReader r) {
        return body[r.position()] & 0xff;
    }

    static void encode(OpenMessage m, WireWriter w) {
        w.u8(m.version()).u16(m.myAs()).u16(m.holdTime()).address(m.bgpIdentifier());
        WireWriter p = new WireWriter();
        if (!m.extendedParameters()) {
            try {
                writeParams(m, p, false);
                byte[] params = p.toByteArray();
                if (params.length <= 254) {
                    w.u8(params.length).bytes(params);
                    return;
                }
            } catch (IllegalArgumentException tooLong) {
                // falls through to the RFC 9072 encoding
            }
        }
        p = new WireWriter();
        writeParams(m, p, true);
        byte[] params = p.toByteArray();
        w.u8(255).u8(255).u16(params.length).bytes(params);
    }

    private static void writeParams(OpenMessage m, WireWriter p, boolean extended) {
        for (OptionalParameter op : m.parameters()) {
            WireWriter v = new WireWriter();
            int type = switch (op) {
                case OptionalParameter.Capabilities c -> {
                    CapabilityCodec.encodeList(c.capabilities(), v);
                    yield OptionalParameter.CAPABILITIES;
                }
                case OptionalParameter.UnknownParameter u -> {
                    v.bytes(u.value());
                    yield u.parameterType();
                }
            };
            byte[] val = v.toByteArray();
            if (!extended && val.length > 255) {
                throw new IllegalArgumentException("optional parameter longer than 255 octets needs RFC 9072 encoding");
            }
            p.u8(type);
            if (extended) p.u16(val.length); else p.u8(val.length);
            p.bytes(val);
        }
    }
}
