package io.nvo3.openflow.message;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.Wire;

/** A message type this codec does not model (e.g. OFPT_QUEUE_GET_CONFIG_REQUEST, OFPT_SET_ASYNC); body kept. */
public record UnknownMessage(int xid, int type, Bytes body) implements OfMessage {
    public UnknownMessage {
        Wire.u8(type, "type");
        if (MessageCodec.isModelled(type)) {
            throw new IllegalArgumentException("type " + type + " is modelled");
        }
    }
}
