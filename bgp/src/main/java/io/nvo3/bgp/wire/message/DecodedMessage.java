package io.nvo3.bgp.wire.message;

/** What {@link BgpCodec#decode} yields: an UPDATE with its RFC 7606 verdict, or any other message. */
public sealed interface DecodedMessage {
    record Other(BgpMessage message) implements DecodedMessage {
    }

    record Update(UpdateDecodeResult result) implements DecodedMessage {
    }
}
