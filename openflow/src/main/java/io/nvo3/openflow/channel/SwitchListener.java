package io.nvo3.openflow.channel;

import io.nvo3.openflow.FrameResult;
import io.nvo3.openflow.message.ErrorMsg;
import io.nvo3.openflow.message.FeaturesReply;
import io.nvo3.openflow.message.FlowRemoved;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.message.PacketIn;
import io.nvo3.openflow.message.PortStatus;

/**
 * What the controller implements. Callbacks run on the connection's Netty event loop: do not block in
 * them (hand work to your own executor).
 */
public interface SwitchListener {

    /** Handshake done: version 1.3 negotiated and FEATURES_REPLY received. */
    void switchConnected(SwitchConnection conn, FeaturesReply features);

    /** The connection is gone (after {@link #switchConnected}); pending requests have failed. */
    void switchDisconnected(SwitchConnection conn, String reason);

    /** An OFPT_ERROR that answers no tracked request (e.g. for a fire-and-forget flow mod). */
    default void error(SwitchConnection conn, ErrorMsg error) {}

    default void portStatus(SwitchConnection conn, PortStatus status) {}

    default void packetIn(SwitchConnection conn, PacketIn packetIn) {}

    default void flowRemoved(SwitchConnection conn, FlowRemoved removed) {}

    /** Any other unsolicited message (an experimenter message, a reply nobody waits for). */
    default void unsolicited(SwitchConnection conn, OfMessage message) {}

    /** The switch sent something we could not decode; an OFPT_ERROR has been sent back. */
    default void corrupt(SwitchConnection conn, FrameResult.Corrupt corrupt) {}
}
