package io.nvo3.openflow.message;

/** OFPT_FEATURES_REQUEST: a header without body (OpenFlow 1.3.5 §7.3). */
public record FeaturesRequest(int xid) implements OfMessage {
    @Override
    public int type() {
        return MessageType.FEATURES_REQUEST;
    }
}
