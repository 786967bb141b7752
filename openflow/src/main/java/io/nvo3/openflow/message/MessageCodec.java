package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.OfContext;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.Wire;

/**
 * Bytes to {@link OfMessage} and back. The header is {@code version(8) type(8) length(16) xid(32)}
 * (OpenFlow 1.3.5 §7.1.1: "length: Length including this ofp_header").
 */
public final class MessageCodec {
    public static final int HEADER_LENGTH = 8;

    private MessageCodec() {}

    static boolean isModelled(int type) {
        return switch (type) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 24, 25, 29 -> true;
            default -> false;
        };
    }

    /**
     * Decodes exactly one message occupying all readable bytes of {@code frame} (the framer has checked the
     * length field). Throws {@link OpenFlowException} carrying the error to send when the body is corrupt.
     */
    public static OfMessage decode(ByteBuf frame, OfContext ctx) {
        Wire.need(frame, HEADER_LENGTH, "ofp_header");
        int start = frame.readerIndex();
        int version = frame.readUnsignedByte();
        int type = frame.readUnsignedByte();
        int length = frame.readUnsignedShort();
        int xid = frame.readInt();
        if (length < HEADER_LENGTH || length > frame.readableBytes() + HEADER_LENGTH) {
            throw OpenFlowException.badLen("header length " + length + " but frame has "
                    + (frame.readableBytes() + HEADER_LENGTH));
        }
        // §7.1.1 / §6.3.1: only HELLO may carry another version before negotiation completes.
        if (version != ctx.version() && type != MessageType.HELLO) {
            throw new OpenFlowException(ErrorCodes.OFPET_BAD_REQUEST, ErrorCodes.OFPBRC_BAD_VERSION,
                    "version 0x" + Integer.toHexString(version) + " on a 0x" + Integer.toHexString(ctx.version())
                            + " session");
        }
        ByteBuf b = frame.readSlice(length - HEADER_LENGTH);
        frame.readerIndex(start + length);
        return switch (type) {
            case MessageType.HELLO -> Hello.decodeBody(xid, version, b);
            case MessageType.ERROR -> ErrorMsg.decodeBody(xid, b);
            case MessageType.ECHO_REQUEST -> EchoRequest.decodeBody(xid, b);
            case MessageType.ECHO_REPLY -> EchoReply.decodeBody(xid, b);
            case MessageType.EXPERIMENTER -> decodeExperimenter(xid, b, ctx);
            case MessageType.FEATURES_REQUEST -> new FeaturesRequest(xid);
            case MessageType.FEATURES_REPLY -> FeaturesReply.decodeBody(xid, b);
            case MessageType.GET_CONFIG_REQUEST -> new GetConfigRequest(xid);
            case MessageType.GET_CONFIG_REPLY -> GetConfigReply.decodeBody(xid, b);
            case MessageType.SET_CONFIG -> SetConfig.decodeBody(xid, b);
            case MessageType.PACKET_IN -> PacketIn.decodeBody(xid, b);
            case MessageType.FLOW_REMOVED -> FlowRemoved.decodeBody(xid, b);
            case MessageType.PORT_STATUS -> PortStatus.decodeBody(xid, b);
            case MessageType.PACKET_OUT -> PacketOut.decodeBody(xid, b);
            case MessageType.FLOW_MOD -> FlowMod.decodeBody(xid, b);
            case MessageType.GROUP_MOD -> GroupMod.decodeBody(xid, b);
            case MessageType.PORT_MOD -> PortMod.decodeBody(xid, b);
            case MessageType.TABLE_MOD -> TableMod.decodeBody(xid, b);
            case MessageType.MULTIPART_REQUEST -> MultipartRequest.decodeBody(xid, b);
            case MessageType.MULTIPART_REPLY -> MultipartReply.decodeBody(xid, b);
            case MessageType.BARRIER_REQUEST -> new BarrierRequest(xid);
            case MessageType.BARRIER_REPLY -> new BarrierReply(xid);
            case MessageType.ROLE_REQUEST -> RoleRequest.decodeBody(xid, b);
            case MessageType.ROLE_REPLY -> RoleReply.decodeBody(xid, b);
            case MessageType.METER_MOD -> MeterMod.decodeBody(xid, b);
            default -> new UnknownMessage(xid, type, Bytes.read(b, b.readableBytes()));
        };
    }

    private static OfMessage decodeExperimenter(int xid, ByteBuf b, OfContext ctx) {
        Wire.need(b, 8, "ofp_experimenter_header");
        long experimenter = b.readUnsignedInt();
        long expType = b.readUnsignedInt();
        if (experimenter == ErrorCodes.ONF_EXPERIMENTER) {
            if (expType == BundleControl.ONF_ET_BUNDLE_CONTROL) {
                return BundleControl.decodeBody(xid, b);
            }
            if (expType == BundleAdd.ONF_ET_BUNDLE_ADD_MESSAGE) {
                return BundleAdd.decodeBody(xid, b, ctx);
            }
        }
        return new ExperimenterMsg(xid, experimenter, expType, Bytes.read(b, b.readableBytes()));
    }

    /** Encodes {@code m} with its own xid. */
    public static void encode(OfMessage m, ByteBuf buf, OfContext ctx) {
        encode(m, m.xid(), buf, ctx);
    }

    /** Encodes {@code m} with {@code xid} in the header (the channel's allocated xid). */
    public static void encode(OfMessage m, int xid, ByteBuf buf, OfContext ctx) {
        int start = buf.writerIndex();
        buf.writeByte(m instanceof Hello h ? h.version() : ctx.version()).writeByte(m.type()).writeShort(0).writeInt(xid);
        switch (m) {
            case Hello h -> h.encodeBody(buf);
            case ErrorMsg e -> e.encodeBody(buf);
            case EchoRequest e -> e.encodeBody(buf);
            case EchoReply e -> e.encodeBody(buf);
            case ExperimenterMsg e -> e.encodeBody(buf);
            case FeaturesRequest f -> { }
            case FeaturesReply f -> f.encodeBody(buf);
            case GetConfigRequest g -> { }
            case GetConfigReply g -> g.encodeBody(buf);
            case SetConfig s -> s.encodeBody(buf);
            case PacketIn p -> p.encodeBody(buf);
            case FlowRemoved f -> f.encodeBody(buf);
            case PortStatus p -> p.encodeBody(buf);
            case PacketOut p -> p.encodeBody(buf);
            case FlowMod f -> f.encodeBody(buf);
            case GroupMod g -> g.encodeBody(buf);
            case PortMod p -> p.encodeBody(buf);
            case TableMod t -> t.encodeBody(buf);
            case MultipartRequest r -> r.encodeBody(buf);
            case MultipartReply r -> r.encodeBody(buf);
            case BarrierRequest r -> { }
            case BarrierReply r -> { }
            case RoleRequest r -> r.encodeBody(buf);
            case RoleReply r -> r.encodeBody(buf);
            case MeterMod r -> r.encodeBody(buf);
            case BundleControl c -> c.encodeBody(buf);
            case BundleAdd a -> a.encodeBody(buf, ctx);
            case UnknownMessage u -> u.body().write(buf);
        }
        int length = buf.writerIndex() - start;
        if (length > ctx.maxFrameLength()) {
            buf.writerIndex(start);
            throw new IllegalArgumentException(m.getClass().getSimpleName() + " encodes to " + length
                    + " bytes, more than " + ctx.maxFrameLength());
        }
        buf.setShort(start + 2, length);
    }
}
