package io.nvo3.openflow.message;

/** OFPT_GET_CONFIG_REQUEST: a header without body (OpenFlow 1.3.5 §7.3). */
public record GetConfigRequest(int xid) implements OfMessage {
    @Override
    public int type() {
        return MessageType.GET_CONFIG_REQUEST;
    }
}
