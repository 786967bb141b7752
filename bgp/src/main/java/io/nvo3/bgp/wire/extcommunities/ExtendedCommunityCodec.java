package io.nvo3.bgp.wire.extcommunities;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.WireReader;
import io.nvo3.bgp.wire.WireWriter;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.DefaultGateway;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.Encapsulation;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.EsiLabel;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.MacMobility;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteOrigin;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteTarget;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouterMac;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.Unknown;

/** One 8-octet extended community to and from the wire. */
public final class ExtendedCommunityCodec {
    static final int SUB_ROUTE_TARGET = 0x02;
    static final int SUB_ROUTE_ORIGIN = 0x03;

    private ExtendedCommunityCodec() {
    }

    public static ExtendedCommunity decode(byte[] eight) {
        WireReader r = WireReader.of(eight);
        int type = r.u8("type");
        int sub = r.u8("sub-type");
        // Only the transitive forms are interpreted; a non-transitive (0x40) variant stays Unknown.
        if ((type == 0x00 || type == 0x01 || type == 0x02) && (sub == SUB_ROUTE_TARGET || sub == SUB_ROUTE_ORIGIN)) {
            AdministratorType at = type == 0x00 ? AdministratorType.AS2 : type == 0x01 ? AdministratorType.IPV4 : AdministratorType.AS4;
            long g;
            long l;
            if (at == AdministratorType.AS2) {
                g = r.u16("global");
                l = r.u32("local");
            } else {
                g = r.u32("global");
                l = r.u16("local");
            }
            return sub == SUB_ROUTE_TARGET ? new RouteTarget(at, g, l) : new RouteOrigin(at, g, l);
        }
        if (type == 0x03 && sub == 0x0c) {
            long reserved = r.u32("reserved");
            int tt = r.u16("tunnel type");
            if (reserved == 0) {
                return new Encapsulation(tt);
            }
        } else if (type == 0x03 && sub == 0x0d) {
            if (r.u32("value") == 0 && r.u16("value") == 0) {
                return new DefaultGateway();
            }
        } else if (type == 0x06 && sub == 0x00) {
            int flags = r.u8("flags");
            int reserved = r.u8("reserved");
            long seq = r.u32("sequence");
            if ((flags & 0xfe) == 0 && reserved == 0) {
                return new MacMobility((flags & 1) != 0, seq);
            }
        } else if (type == 0x06 && sub == 0x01) {
            int flags = r.u8("flags");
            int reserved = r.u16("reserved");
            int label = r.u24("label");
            if ((flags & 0xfe) == 0 && reserved == 0) {
                return new EsiLabel((flags & 1) != 0, label);
            }
        } else if (type == 0x06 && sub == 0x03) {
            return new RouterMac(MacAddress.of(r.bytes(6, "router MAC")));
        }
        // Reserved bits we would not reproduce, or a kind we do not know: keep the octets.
        return new Unknown(Bytes.of(eight));
    }

    public static void encode(ExtendedCommunity c, WireWriter w) {
        switch (c) {
            case RouteTarget rt -> admin(w, rt.type(), SUB_ROUTE_TARGET, rt.global(), rt.local());
            case RouteOrigin ro -> admin(w, ro.type(), SUB_ROUTE_ORIGIN, ro.global(), ro.local());
            case Encapsulation e -> w.u8(0x03).u8(0x0c).u32(0).u16(e.tunnelType());
            case DefaultGateway d -> w.u8(0x03).u8(0x0d).u32(0).u16(0);
            case MacMobility m -> w.u8(0x06).u8(0x00).u8(m.sticky() ? 1 : 0).u8(0).u32(m.sequence());
            case EsiLabel e -> w.u8(0x06).u8(0x01).u8(e.singleActive() ? 1 : 0).u16(0).u24(e.label());
            case RouterMac m -> w.u8(0x06).u8(0x03).bytes(m.mac().toBytes());
            case Unknown u -> w.bytes(u.value());
        }
    }

    private static void admin(WireWriter w, AdministratorType t, int sub, long g, long l) {
        w.u8(t.typeHigh()).u8(sub);
        if (t == AdministratorType.AS2) {
            w.u16((int) g).u32(l);
        } else {
            w.u32(g).u16((int) l);
        }
    }

    public static byte[] toBytes(ExtendedCommunity c) {
        WireWriter w = new WireWriter();
        encode(c, w);
        return w.toByteArray();
    }
}
