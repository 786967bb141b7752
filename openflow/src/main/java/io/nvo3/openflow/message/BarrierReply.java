package io.nvo3.openflow.message;

/** OFPT_BARRIER_REPLY: a header without body (OpenFlow 1.3.5 §7.3). */
public record BarrierReply(int xid) implements OfMessage {
    @Override
    public int type() {
        return MessageType.BARRIER_REPLY;
    }
}
