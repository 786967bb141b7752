package io.nvo3.openflow.message;

/**
 * An OpenFlow 1.3 message. {@code xid} is the transaction id of the header; the channel assigns xids to
 * requests it sends (see {@link MessageCodec#encode(OfMessage, int, io.netty.buffer.ByteBuf,
 * io.nvo3.openflow.OfContext)}).
 */
public sealed interface OfMessage permits Hello, ErrorMsg, EchoRequest, EchoReply, ExperimenterMsg,
        FeaturesRequest, FeaturesReply, GetConfigRequest, GetConfigReply, SetConfig, PacketIn, FlowRemoved,
        PortStatus, PacketOut, FlowMod, GroupMod, PortMod, TableMod, MultipartRequest, MultipartReply,
        BarrierRequest, BarrierReply, RoleRequest, RoleReply, MeterMod, BundleControl, BundleAdd,
        UnknownMessage {

    int xid();

    /** {@code ofp_type} of the header. */
    int type();
}
