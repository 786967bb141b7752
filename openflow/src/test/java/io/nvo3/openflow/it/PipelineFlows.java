package io.nvo3.openflow.it;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.group.Bucket;
import io.nvo3.openflow.group.GroupType;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.match.OxmType;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.GroupMod;
import java.util.ArrayList;
import java.util.List;

/** Flows shaped like the br-int pipeline of DESIGN.md, numerous and varied enough to exercise normalisation. */
final class PipelineFlows {
    static final int VXLAN_PORT = 2;

    private PipelineFlows() {}

    static Oxm.Field tunDst(int i) {
        return new Oxm.Field(OxmType.NXM_NX_TUN_IPV4_DST, Bytes.of((byte) 198, (byte) 18, (byte) (i / 250 % 250),
                (byte) (i % 250 + 1)), null);
    }

    /** Table 40 L2 entries: (VN in metadata, dst MAC) → tun_id, tun_dst, out the VXLAN port. */
    static List<FlowMod> l2(int n) {
        List<FlowMod> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(FlowMod.add(40, 100, 0x4000_0000_0000_0000L | i,
                    Match.of(Oxm.metadata(i % 100 + 1), Oxm.ethDst(0x0200_0000_0000L + i)),
                    List.of(Instruction.ApplyActions.of(new Action.SetField(Oxm.tunnelId(5000 + i % 100)),
                            new Action.SetField(tunDst(i)), Action.Output.to(VXLAN_PORT)))));
        }
        return out;
    }

    /** The same flows as ovs-ofctl text, for the `ovs-ofctl --bundle add-flows` comparison. */
    static List<String> l2Text(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long mac = 0x0200_0000_0000L + i;
            out.add(String.format("table=40,priority=100,cookie=0x%x,metadata=0x%x,dl_dst=%02x:%02x:%02x:%02x:%02x:%02x,"
                            + "actions=set_field:%d->tun_id,set_field:198.18.%d.%d->tun_dst,output:%d",
                    0x4000_0000_0000_0000L | i, i % 100 + 1, mac >> 40 & 0xff, mac >> 32 & 0xff, mac >> 24 & 0xff,
                    mac >> 16 & 0xff, mac >> 8 & 0xff, mac & 0xff, 5000 + i % 100, i / 250 % 250, i % 250 + 1,
                    VXLAN_PORT));
        }
        return out;
    }

    /** BUM group for VN 1: one bucket per remote VTEP (ingress replication, DESIGN.md table 50). */
    static GroupMod floodGroup() {
        return new GroupMod(0, GroupMod.OFPGC_ADD, GroupType.ALL, 1, List.of(
                Bucket.of(List.of(new Action.SetField(Oxm.tunnelId(100)), new Action.SetField(tunDst(1)),
                        Action.Output.to(VXLAN_PORT))),
                Bucket.of(List.of(new Action.SetField(Oxm.tunnelId(100)), new Action.SetField(tunDst(2)),
                        Action.Output.to(VXLAN_PORT)))));
    }

    /** One flow per other feature: masks, Nicira fields, prerequisites, every modelled action/instruction. */
    static List<FlowMod> specials() {
        Oxm ip = Oxm.ethType(0x0800);
        Oxm ip6 = Oxm.ethType(0x86dd);
        return List.of(
                // classify from the tunnel: VNI → VN in metadata (masked write)
                FlowMod.add(0, 200, 1, Match.of(Oxm.tunnelId(100), Oxm.inPort(VXLAN_PORT)),
                        List.of(new Instruction.GotoTable(10), new Instruction.WriteMetadata(1, 0xffff))),
                // port security with a register and a fully-specified mask (normalised away by OVS)
                FlowMod.add(0, 150, 2, Match.of(Oxm.masked(OxmType.NXM_NX_REG1, 7, 0xffffffffL),
                                Oxm.masked(OxmType.ETH_SRC, 0x0200_0000_0001L, 0xffff_ffff_ffffL)),
                        List.of(Instruction.ApplyActions.of(new Action.SetField(Oxm.reg(2, 9))),
                                new Instruction.GotoTable(10))),
                // ARP for a known IP: punt to controller
                FlowMod.add(20, 100, 3, Match.of(Oxm.arpTpa(ipv4(203, 0, 113, 1)), Oxm.exact(OxmType.ARP_OP, 1),
                                Oxm.ethType(0x0806)),
                        List.of(Instruction.ApplyActions.of(Action.Output.to(Action.OFPP_CONTROLLER)))),
                // ND: icmpv6 type 135 with target
                FlowMod.add(20, 90, 4, Match.of(ip6, Oxm.ipProto(58), Oxm.exact(OxmType.ICMPV6_TYPE, 135),
                                new Oxm.Field(OxmType.IPV6_ND_TARGET, Bytes.ofHex("20010db8000000000000000000000001"), null)),
                        List.of(Instruction.ApplyActions.of(Action.Output.to(Action.OFPP_CONTROLLER)))),
                // L3: route to the gateway subnet with an unnormalised masked value, dec TTL, rewrite MAC
                FlowMod.add(30, 100, 5, Match.of(new Oxm.Field(OxmType.IPV4_DST, Bytes.ofHex("cb007163"),
                                Bytes.ofHex("ffffff00")), ip),
                        List.of(Instruction.ApplyActions.of(new Action.DecNwTtl(),
                                new Action.SetField(Oxm.ethSrc(0x00005e005301L))), new Instruction.GotoTable(40))),
                FlowMod.add(30, 90, 6, Match.of(ip, Oxm.ipProto(17), Oxm.exact(OxmType.UDP_DST, 4789)),
                        List.of(Instruction.ApplyActions.of(new Action.SetNwTtl(64), Action.Output.to(VXLAN_PORT)))),
                FlowMod.add(30, 80, 7, Match.of(ip, Oxm.ipProto(6), Oxm.exact(OxmType.TCP_DST, 22),
                                Oxm.ipv4Src(ipv4(198, 51, 100, 7))),
                        List.of(new Instruction.ClearActions())),
                // VLAN push/pop
                FlowMod.add(60, 10, 8, Match.of(Oxm.inPort(5)),
                        List.of(Instruction.ApplyActions.of(new Action.PushVlan(0x8100),
                                new Action.SetField(Oxm.exact(OxmType.VLAN_VID, 0x1000 | 10)),
                                Action.Output.to(VXLAN_PORT)))),
                FlowMod.add(60, 11, 9, Match.of(Oxm.exact(OxmType.VLAN_VID, 0x1000 | 10)),
                        List.of(Instruction.ApplyActions.of(new Action.PopVlan(), Action.Output.to(VXLAN_PORT)))),
                // tunnel source match (Nicira), write-actions
                FlowMod.add(10, 5, 10, Match.of(new Oxm.Field(OxmType.NXM_NX_TUN_IPV4_SRC, Bytes.ofHex("c6120009"),
                                null)),
                        List.of(new Instruction.WriteActions(List.of(Action.Output.to(VXLAN_PORT))))),
                // flood via the group
                FlowMod.add(50, 10, 11, Match.of(Oxm.metadata(1)),
                        List.of(Instruction.ApplyActions.of(new Action.Group(1)))),
                // Nicira resubmit
                FlowMod.add(50, 5, 12, Match.of(Oxm.metadata(2)),
                        List.of(Instruction.ApplyActions.of(Action.NxResubmit.toTable(60)))));
    }

    static java.net.Inet4Address ipv4(int a, int b, int c, int d) {
        try {
            return (java.net.Inet4Address) java.net.InetAddress.getByAddress(new byte[] {(byte) a, (byte) b,
                    (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
