package io.nvo3.bgp.wire.message;

/** RFC 4271 §4.4: "A KEEPALIVE message consists of only the message header". */
public record KeepaliveMessage() implements BgpMessage {
    public static final KeepaliveMessage INSTANCE = new KeepaliveMessage();

    public int type() {
        return KEEPALIVE;
    }
}
