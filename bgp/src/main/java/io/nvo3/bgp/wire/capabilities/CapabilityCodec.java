package io.nvo3.bgp.wire.capabilities;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.WireFormatException;
import io.nvo3.bgp.wire.WireReader;
import io.nvo3.bgp.wire.WireWriter;
import io.nvo3.bgp.wire.capabilities.Capability.AddPath;
import io.nvo3.bgp.wire.capabilities.Capability.AddPathFamily;
import io.nvo3.bgp.wire.capabilities.Capability.EnhancedRouteRefresh;
import io.nvo3.bgp.wire.capabilities.Capability.ExtendedMessage;
import io.nvo3.bgp.wire.capabilities.Capability.FourOctetAs;
import io.nvo3.bgp.wire.capabilities.Capability.Fqdn;
import io.nvo3.bgp.wire.capabilities.Capability.GracefulRestart;
import io.nvo3.bgp.wire.capabilities.Capability.GracefulRestartFamily;
import io.nvo3.bgp.wire.capabilities.Capability.Multiprotocol;
import io.nvo3.bgp.wire.capabilities.Capability.RouteRefresh;
import io.nvo3.bgp.wire.capabilities.Capability.UnknownCapability;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the Capabilities optional parameter value (RFC 5492 §4): a list of code/length/value triples. */
public final class CapabilityCodec {
    private CapabilityCodec() {
    }

    public static List<Capability> decodeList(WireReader r) {
        List<Capability> out = new ArrayList<>();
        while (r.hasRemaining()) {
            int code = r.u8("capability code");
            int len = r.u8("capability length");
            out.add(decode(code, r.slice(len, "capability value")));
        }
        return out;
    }

    static Capability decode(int code, WireReader v) {
        Capability c = switch (code) {
            case Capability.MULTIPROTOCOL -> {
                exact(v, 4, "multiprotocol");
                int afi = v.u16("afi");
                v.u8("reserved");
                yield new Multiprotocol(new AfiSafi(afi, v.u8("safi")));
            }
            case Capability.ROUTE_REFRESH -> {
                exact(v, 0, "route refresh");
                yield new RouteRefresh();
            }
            case Capability.ENHANCED_ROUTE_REFRESH -> {
                exact(v, 0, "enhanced route refresh");
                yield new EnhancedRouteRefresh();
            }
            case Capability.EXTENDED_MESSAGE -> {
                exact(v, 0, "extended message");
                yield new ExtendedMessage();
            }
            case Capability.FOUR_OCTET_AS -> {
                exact(v, 4, "4-octet AS");
                yield new FourOctetAs(v.u32("AS number"));
            }
            case Capability.GRACEFUL_RESTART -> {
                if (v.remaining() < 2 || (v.remaining() - 2) % 4 != 0) {
                    throw new WireFormatException("graceful restart capability length " + v.remaining());
                }
                int flagsTime = v.u16("restart flags and time");
                List<GracefulRestartFamily> fams = new ArrayList<>();
                while (v.hasRemaining()) {
                    int afi = v.u16("afi");
                    int safi = v.u8("safi");
                    fams.add(new GracefulRestartFamily(new AfiSafi(afi, safi), (v.u8("flags") & 0x80) != 0));
                }
                yield new GracefulRestart((flagsTime & 0x8000) != 0, (flagsTime & 0x4000) != 0, flagsTime & 0x0fff, fams);
            }
            case Capability.ADD_PATH -> {
                if (v.remaining() == 0 || v.remaining() % 4 != 0) {
                    throw new WireFormatException("ADD-PATH capability length " + v.remaining());
                }
                List<AddPathFamily> fams = new ArrayList<>();
                while (v.hasRemaining()) {
                    int afi = v.u16("afi");
                    int safi = v.u8("safi");
                    int sr = v.u8("send/receive");
                    if (sr < 1 || sr > 3) {
                        throw new WireFormatException("ADD-PATH Send/Receive " + sr);
                    }
                    fams.add(new AddPathFamily(new AfiSafi(afi, safi), (sr & 1) != 0, (sr & 2) != 0));
                }
                yield new AddPath(fams);
            }
            case Capability.FQDN -> {
                String host = new String(v.bytes(v.u8("hostname length"), "hostname"), StandardCharsets.UTF_8);
                String domain = new String(v.bytes(v.u8("domain length"), "domain name"), StandardCharsets.UTF_8);
                exact(v, 0, "FQDN trailing");
                yield new Fqdn(host, domain);
            }
            default -> new UnknownCapability(code, v.rest());
        };
        return c;
    }

    private static void exact(WireReader v, int n, String what) {
        if (v.remaining() != n) {
            throw new WireFormatException(what + " capability: length " + v.remaining() + ", expected " + n);
        }
    }

    public static void encodeList(List<Capability> caps, WireWriter w) {
        for (Capability c : caps) {
            encode(c, w);
        }
    }

    public static void encode(Capability c, WireWriter w) {
        w.u8(c.code());
        int lenAt = w.position();
        w.u8(0);
        switch (c) {
            case Multiprotocol m -> w.u16(m.family().afi()).u8(0).u8(m.family().safi());
            case RouteRefresh r -> { }
            case EnhancedRouteRefresh r -> { }
            case ExtendedMessage e -> { }
            case FourOctetAs f -> w.u32(f.asNumber());
            case GracefulRestart g -> {
                w.u16((g.restartState() ? 0x8000 : 0) | (g.notification() ? 0x4000 : 0) | g.restartTimeSeconds());
                for (GracefulRestartFamily f : g.families()) {
                    w.u16(f.family().afi()).u8(f.family().safi()).u8(f.forwardingStatePreserved() ? 0x80 : 0);
                }
            }
            case AddPath a -> {
                for (AddPathFamily f : a.families()) {
                    w.u16(f.family().afi()).u8(f.family().safi()).u8((f.receive() ? 1 : 0) | (f.send() ? 2 : 0));
                }
            }
            case Fqdn f -> {
                byte[] h = f.hostname().getBytes(StandardCharsets.UTF_8);
                byte[] d = f.domainName().getBytes(StandardCharsets.UTF_8);
                w.u8(h.length).bytes(h).u8(d.length).bytes(d);
            }
            case UnknownCapability u -> w.bytes(u.value());
        }
        int len = w.position() - lenAt - 1;
        if (len > 255) {
            throw new IllegalArgumentException("capability " + c.code() + " value exceeds 255 octets");
        }
        w.patchU8(lenAt, len);
    }

    /** Convenience for tests and the session: the value bytes of one capability. */
    public static Bytes valueOf(Capability c) {
        WireWriter w = new WireWriter();
        encode(c, w);
        byte[] all = w.toByteArray();
        byte[] v = new byte[all.length - 2];
        System.arraycopy(all, 2, v, 0, v.length);
        return Bytes.of(v);
    }
}
