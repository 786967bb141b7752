package io.nvo3.fib;

import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.MatchField.EthType;
import io.nvo3.fib.flow.MatchField.Icmpv6Type;
import io.nvo3.fib.flow.MatchField.IpProto;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.AllowedAddressPair;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.TenantSystem;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Table 0 for a port with port security: the VM may send only from its MAC and fixed IPs, plus its allowed address
 * pairs; everything else from the port drops.
 */
final class PortSecurityRules {
    private static final IpPrefix V4_UNSPECIFIED = IpPrefix.parse("0.0.0.0/32");
    private static final IpPrefix V6_UNSPECIFIED = IpPrefix.parse("::/128");
    private static final int DHCP_CLIENT = 68;
    private static final int DHCP_SERVER = 67;

    private PortSecurityRules() {
    }

    private record Source(MacAddress mac, IpPrefix prefix) {
    }

    static void add(SliceBuilder b, TenantSystem ts, int ofport, List<Instruction> accept) {
        long cookie = b.cookie(RuleKind.PORT_SECURITY, SliceBuilder.port(ts.portId()));
        MacAddress mac = ts.mac();
        Set<Source> sources = new LinkedHashSet<>();
        for (InetAddress ip : ts.fixedIps()) {
            sources.add(new Source(mac, IpPrefix.host(ip)));
        }
        // RFC 4862 section 5.3: a host forms its link-local address from its interface identifier; with RFC 4291
        // Appendix A that identifier comes from the MAC.
        sources.add(new Source(mac, IpPrefix.host(IpAddresses.linkLocal(mac))));
        for (AllowedAddressPair p : ts.allowedAddressPairs()) {
            sources.add(new Source(p.macOr(mac), p.prefix()));
        }
        for (Source s : sources) {
            int prio = Priorities.PREFIX_BASE + s.prefix().length();
            if (s.prefix().isIpv4()) {
                b.flow(Tables.CLASSIFY, prio, port(ofport, s.mac()).ethType(EthType.IPV4).ipv4Src(s.prefix()).build(),
                        accept, cookie);
                // ARP: the sender hardware and protocol addresses must be the VM's own (no ARP spoofing).
                b.flow(Tables.CLASSIFY, prio, port(ofport, s.mac()).ethType(EthType.ARP).arpSha(s.mac())
                        .arpSpa(s.prefix()).build(), accept, cookie);
            } else {
                b.flow(Tables.CLASSIFY, prio, port(ofport, s.mac()).ethType(EthType.IPV6).ipv6Src(s.prefix()).build(),
                        accept, cookie);
                // A Neighbor Advertisement may only announce the VM's own addresses (RFC 4861 section 4.4,
                // "Target Address: ... the address whose link-layer address is being advertised").
                b.flow(Tables.CLASSIFY, Priorities.ND_TARGET_BASE + s.prefix().length(), port(ofport, s.mac())
                        .ethType(EthType.IPV6).ipProto(IpProto.ICMPV6)
                        .icmpv6Type(Icmpv6Type.NEIGHBOR_ADVERTISEMENT).ndTarget(s.prefix()).build(), accept, cookie);
                // RFC 4862 section 5.4.2: Duplicate Address Detection solicits the tentative address from the
                // unspecified source. Only for its own addresses: a DAD probe for another VM's tentative address
                // would make that VM give it up (section 5.4.3).
                b.flow(Tables.CLASSIFY, Priorities.ND_TARGET_BASE + s.prefix().length(), port(ofport, s.mac())
                        .ethType(EthType.IPV6).ipv6Src(V6_UNSPECIFIED).ipProto(IpProto.ICMPV6)
                        .icmpv6Type(Icmpv6Type.NEIGHBOR_SOLICITATION).ndTarget(s.prefix()).build(), accept, cookie);
            }
        }
        // RFC 2131 section 4.1: a client without an address sends DHCPDISCOVER from 0.0.0.0, port 68 to 67.
        b.flow(Tables.CLASSIFY, Priorities.UNSPECIFIED_SOURCE, port(ofport, mac).ethType(EthType.IPV4)
                .ipv4Src(V4_UNSPECIFIED).ipProto(IpProto.UDP).udpSrc(DHCP_CLIENT).udpDst(DHCP_SERVER).build(),
                accept, cookie);
        // RFC 5227 section 2.1.1: an ARP Probe has "the 'sender IP address' field ... set to all zeroes".
        b.flow(Tables.CLASSIFY, Priorities.UNSPECIFIED_SOURCE, port(ofport, mac).ethType(EthType.ARP).arpSha(mac)
                .arpSpa(V4_UNSPECIFIED).build(), accept, cookie);
        // RFC 4862 section 5.4.2: before DAD the node joins the solicited-node group, an MLDv2 report that RFC 3810
        // section 5.2.13 lets it send from the unspecified address.
        b.flow(Tables.CLASSIFY, Priorities.UNSPECIFIED_SOURCE, port(ofport, mac).ethType(EthType.IPV6)
                .ipv6Src(V6_UNSPECIFIED).ipProto(IpProto.ICMPV6).icmpv6Type(Icmpv6Type.MLDV2_REPORT).build(),
                accept, cookie);
        // Unchecked Neighbor Advertisements and any Router Advertisement from a VM drop.
        for (int type : new int[] {Icmpv6Type.NEIGHBOR_ADVERTISEMENT, Icmpv6Type.ROUTER_ADVERTISEMENT}) {
            b.flow(Tables.CLASSIFY, Priorities.ND_DROP, Match.builder().inPort(ofport).ethType(EthType.IPV6)
                    .ipProto(IpProto.ICMPV6).icmpv6Type(type).build(), List.of(), cookie);
        }
        b.flow(Tables.CLASSIFY, Priorities.CLASSIFY_PORT, Match.builder().inPort(ofport).build(), List.of(), cookie);
    }

    private static Match.Builder port(int ofport, MacAddress mac) {
        return Match.builder().inPort(ofport).ethSrc(mac);
    }
}
