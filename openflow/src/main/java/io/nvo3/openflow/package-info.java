/**
 * OpenFlow 1.3 wire codec with the Nicira/ONF extensions Open vSwitch needs.
 *
 * <p>Entry points: {@link io.nvo3.openflow.message.MessageCodec} (bytes to
 * {@link io.nvo3.openflow.message.OfMessage} and back), {@link io.nvo3.openflow.flow.FlowSpec}
 * (canonical flow form for reconcile) and {@link io.nvo3.openflow.channel.OpenFlowServer}.
 */
package io.nvo3.openflow;
