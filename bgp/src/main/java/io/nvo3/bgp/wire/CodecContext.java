package io.nvo3.bgp.wire;

import java.util.Set;

/**
 * What the session negotiated that changes the wire format, for one direction: the decoder's
 * context describes what the peer sends, the encoder's what we send. Passed explicitly to every
 * decode/encode call, never held in a static.
 *
 * @param fourOctetAs    both sides announced capability 65 (RFC 6793): AS_PATH/AGGREGATOR carry 4-octet ASes
 * @param extendedMessage both sides announced capability 6 (RFC 8654): messages up to 65535 octets
 * @param addPath        families whose NLRI carry a 4-octet path identifier (RFC 7911) in this direction
 * @param externalPeer   the peer is in another AS (EBGP); RFC 7606 §7.5 discards LOCAL_PREF from it
 */
public record CodecContext(boolean fourOctetAs, boolean extendedMessage, Set<AfiSafi> addPath, boolean externalPeer) {
    /** Before OPEN is exchanged: 2-octet AS, 4096-octet messages, no ADD-PATH. */
    public static final CodecContext INITIAL = new CodecContext(false, false, Set.of(), false);
    /** What a modern iBGP session usually negotiates: 4-octet AS, no extended messages, no ADD-PATH. */
    public static final CodecContext MODERN_IBGP = new CodecContext(true, false, Set.of(), false);

    public CodecContext {
        addPath = Set.copyOf(addPath);
    }

    public boolean addPath(AfiSafi family) {
        return addPath.contains(family);
    }

    /** RFC 8654 §3: 4096 octets, or 65535 once the Extended Message capability is exchanged. */
    public int maxMessageLength() {
        return extendedMessage ? 65535 : 4096;
    }

    public CodecContext withFourOctetAs(boolean v) {
        return new CodecContext(v, extendedMessage, addPath, externalPeer);
    }

    public CodecContext withExtendedMessage(boolean v) {
        return new CodecContext(fourOctetAs, v, addPath, externalPeer);
    }

    public CodecContext withAddPath(Set<AfiSafi> v) {
        return new CodecContext(fourOctetAs, extendedMessage, v, externalPeer);
    }

    public CodecContext withExternalPeer(boolean v) {
        return new CodecContext(fourOctetAs, extendedMessage, addPath, v);
    }
}
