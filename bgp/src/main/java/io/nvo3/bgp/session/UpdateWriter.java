package io.nvo3.bgp.session;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Packs routes into as few UPDATEs as fit the negotiated message size: one attribute set with as
 * many NLRI as fit, IPv4 unicast in the classic fields (RFC 4271), every other family in
 * MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760).
 */
public final class UpdateWriter {
    private UpdateWriter() {}

    /** Writes (without flushing) UPDATEs announcing {@code nlri} with {@code attrs}, each filled up to the message size limit. */
    public static int announce(ChannelConnection c, AfiSafi family, RouteAttributes attrs, List<? extends Nlri> nlri) {
        if (nlri.isEmpty()) {
            return 0;
        }
        UpdatePacker p = new UpdatePacker(family, attrs, c.context(), c::write);
        for (Nlri n : nlri) {
            p.add(n);
        }
        return p.finish();
    }

    static UpdateMessage announcement(AfiSafi family, RouteAttributes attrs, List<Nlri> nlri) {
        List<PathAttribute> list = new ArrayList<>(attrs.attributes());
        if (family.equals(AfiSafi.IPV4_UNICAST)) {
            list.add(new PathAttribute.NextHop((Inet4Address) attrs.nextHop()));
            list.sort(Comparator.comparingInt(PathAttribute::typeCode));
            return new UpdateMessage(List.of(), list, nlri.stream().map(n -> (IpPrefix) n).toList());
        }
        list.add(PathAttribute.MpReachNlri.of(family, attrs.nextHop(), nlri));
        list.sort(Comparator.comparingInt(PathAttribute::typeCode));
        return new UpdateMessage(List.of(), list, List.of());
    }

    /** Writes UPDATEs withdrawing {@code nlri}, each filled up to the message size limit. */
    public static int withdraw(ChannelConnection c, AfiSafi family, List<? extends Nlri> nlri) {
        if (nlri.isEmpty()) {
            return 0;
        }
        UpdatePacker p = UpdatePacker.withdrawals(family, c.context(), c::write);
        for (Nlri n : nlri) {
            p.add(n);
        }
        return p.finish();
    }

    static UpdateMessage withdrawal(AfiSafi family, List<Nlri> nlri) {
        return family.equals(AfiSafi.IPV4_UNICAST)
                ? new UpdateMessage(nlri.stream().map(n -> (IpPrefix) n).toList(), List.of(), List.of())
                : new UpdateMessage(List.of(), List.of(new PathAttribute.MpUnreachNlri(family, nlri)), List.of());
    }

    /**
     * RFC 4724 §2: "An UPDATE message with no reachable Network Layer Reachability Information (NLRI) and
     * empty withdrawn NLRI is specified as the End-of-RIB marker ... for IPv4 unicast"; for other families
     * "an UPDATE message that contains only the MP_UNREACH_NLRI attribute with no withdrawn routes".
     */
    public static void endOfRib(ChannelConnection c, AfiSafi family) {
        UpdateMessage u = family.equals(AfiSafi.IPV4_UNICAST)
                ? new UpdateMessage(List.of(), List.of(), List.of())
                : new UpdateMessage(List.of(), List.of(new PathAttribute.MpUnreachNlri(family, List.of())), List.of());
        c.write(u);
    }
}
