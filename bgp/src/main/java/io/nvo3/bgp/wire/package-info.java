/**
 * BGP-4 / MP-BGP wire codec: immutable records for messages, capabilities, path attributes,
 * extended communities and NLRI, and pure encode/decode functions that take an explicit
 * {@link io.nvo3.bgp.wire.CodecContext}. Entry points: {@link io.nvo3.bgp.wire.message.BgpCodec}
 * (whole messages), {@link io.nvo3.bgp.wire.BgpFrameDecoder} (Netty stream framing).
 */
package io.nvo3.bgp.wire;
