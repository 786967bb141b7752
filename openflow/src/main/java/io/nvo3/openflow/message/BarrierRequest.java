package io.nvo3.openflow.message;

/** OFPT_BARRIER_REQUEST: a header without body (OpenFlow 1.3.5 §7.3). */
public record BarrierRequest(int xid) implements OfMessage {
    @Override
    public int type() {
        return MessageType.BARRIER_REQUEST;
    }
}
