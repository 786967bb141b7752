package io.nvo3.bgp.speaker;

import static io.nvo3.bgp.speaker.TestRoutes.ip;

import io.nvo3.bgp.peers.Loopback;
import io.nvo3.bgp.wire.AfiSafi;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Two of our speakers, each listening on a loopback address of its own: A (router id 198.19.1.1) and B (198.19.1.2).
 * {@link #peer} configures the session, A connecting and B passive.
 */
final class SpeakerPair implements AutoCloseable {
    final String a;
    final String b;
    final int pa;
    final int pb;
    final long asA;
    final long asB;
    final BgpSpeaker sa;
    final BgpSpeaker sb;

    private SpeakerPair(String a, String b, int pa, int pb, long asA, long asB) {
        this.a = a;
        this.b = b;
        this.pa = pa;
        this.pb = pb;
        this.asA = asA;
        this.asB = asB;
        this.sa = BgpSpeaker.start(config(asA, "198.19.1.1", a, pa));
        BgpSpeaker started;
        try {
            started = BgpSpeaker.start(config(asB, "198.19.1.2", b, pb));
        } catch (RuntimeException e) {
            sa.close();
            throw e;
        }
        this.sb = started;
    }

    static SpeakerPair start(long asA, long asB) {
        String a = Loopback.address();
        String b = Loopback.address();
        return new SpeakerPair(a, b, Loopback.freePort(a), Loopback.freePort(b), asA, asB);
    }

    static SpeakerConfig config(long asn, String routerId, String addr, int port) {
        return SpeakerConfig.of(asn, (Inet4Address) ip(routerId), Optional.of(new InetSocketAddress(ip(addr), port)),
                List.of());
    }

    /** A's neighbor B and B's (passive) neighbor A for {@code families}, each config changed by its operator. */
    void peer(Set<AfiSafi> families, UnaryOperator<NeighborConfig> onA, UnaryOperator<NeighborConfig> onB) {
        sa.addNeighbor(onA.apply(NeighborConfig.of(ip(b), pb, asB, families).withLocalAddress(ip(a))));
        sb.addNeighbor(onB.apply(NeighborConfig.of(ip(a), pa, asA, families).withLocalAddress(ip(b)).withPassive(true)));
    }

    void peer(Set<AfiSafi> families) {
        peer(families, c -> c, c -> c);
    }

    @Override
    public void close() {
        try {
            sb.close();
        } finally {
            sa.close();
        }
    }
}
