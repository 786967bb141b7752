package io.nvo3.controller.reconcile;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.Bucket;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.GroupType;
import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.MatchField;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.match.OxmType;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.GroupMod;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.GroupDesc;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one edge between the FIB's flow vocabulary and OpenFlow 1.3 messages. Encoding is total; decoding a flow or
 * group the switch reports yields the FIB entry it stands for, or empty when it uses anything the FIB never writes
 * (such an entry is foreign and reconcile deletes it).
 *
 * <p>Decoding follows what OVS 3.1 reports (checked in {@code FlowTranslatorOvsIT}): fields in its own order, masks
 * that are all ones dropped, {@code value & mask} reported. The FIB's records are canonical (sorted fields, masked
 * values), so a decoded entry equals the desired one when the switch holds it.
 */
public final class FlowTranslator {
    private FlowTranslator() {
    }

    // ------------------------------------------------------------------ encode

    public static FlowMod add(FlowEntry f) {
        return flowMod(f, FlowMod.OFPFC_ADD);
    }

    /**
     * OpenFlow 1.3 section 6.4: "If a matching entry exists in the table, its instructions field is updated with the
     * value from the request, whereas its cookies, idle_timeout, hard_timeout, flags, counters and duration fields are
     * left unchanged." Used only when the instructions alone differ.
     */
    public static FlowMod modifyStrict(FlowEntry f) {
        return flowMod(f, FlowMod.OFPFC_MODIFY_STRICT);
    }

    /** OFPFC_DELETE_STRICT: "Strictly matching wildcards and priority" on (table, priority, match). */
    public static FlowMod deleteStrict(FlowEntry f) {
        return new FlowMod(0, 0, 0, f.table(), FlowMod.OFPFC_DELETE_STRICT, 0, 0, f.priority(), FlowMod.OFP_NO_BUFFER,
                FlowMod.OFPP_ANY, FlowMod.OFPG_ANY, 0, match(f.match()), List.of());
    }

    /** Deletes a flow we cannot express in FIB terms, by its reported (table, priority, raw match). */
    public static FlowMod deleteStrict(FlowStats s) {
        return new FlowMod(0, 0, 0, s.tableId(), FlowMod.OFPFC_DELETE_STRICT, 0, 0, s.priority(),
                FlowMod.OFP_NO_BUFFER, FlowMod.OFPP_ANY, FlowMod.OFPG_ANY, 0, s.match(), List.of());
    }

    private static FlowMod flowMod(FlowEntry f, int command) {
        return flowMod(f, command, instructions(f.instructions()));
    }

    private static FlowMod flowMod(FlowEntry f, int command, List<io.nvo3.openflow.instruction.Instruction> ins) {
        return new FlowMod(0, f.cookie(), 0, f.table(), command, f.idleTimeout(), f.hardTimeout(), f.priority(),
                FlowMod.OFP_NO_BUFFER, FlowMod.OFPP_ANY, FlowMod.OFPG_ANY, 0, match(f.match()), ins);
    }

    /**
     * Translation of many flows that share instruction lists (100k remote MACs use about a dozen): each distinct list
     * is translated once (the translated records are immutable, so flow mods share them). Looked up by identity first
     * (the FIB shares one list among the flows to one tunnel), then by value. Thread-safe.
     */
    static final class Batch {
        /** Lists remembered (each way); past this many, lists are translated each time. */
        private static final int MAX_CACHED = 4096;

        private final Map<List<Instruction>, List<io.nvo3.openflow.instruction.Instruction>> byIdentity =
                new IdentityHashMap<>();
        private final Map<List<Instruction>, List<io.nvo3.openflow.instruction.Instruction>> byValue = new HashMap<>();

        FlowMod add(FlowEntry f) {
            return flowMod(f, FlowMod.OFPFC_ADD, instructionsOf(f.instructions()));
        }

        FlowMod modifyStrict(FlowEntry f) {
            return flowMod(f, FlowMod.OFPFC_MODIFY_STRICT, instructionsOf(f.instructions()));
        }

        private synchronized List<io.nvo3.openflow.instruction.Instruction> instructionsOf(List<Instruction> in) {
            List<io.nvo3.openflow.instruction.Instruction> known = byIdentity.get(in);
            if (known != null) {
                return known;
            }
            known = byValue.get(in);
            if (known == null) {
                known = List.copyOf(instructions(in));
                if (byValue.size() < MAX_CACHED) {
                    byValue.put(in, known);
                }
            }
            if (byIdentity.size() < MAX_CACHED) {
                byIdentity.put(in, known);
            }
            return known;
        }
    }

    public static GroupMod groupMod(GroupEntry g, int command) {
        List<io.nvo3.openflow.group.Bucket> buckets = command == GroupMod.OFPGC_DELETE ? List.of()
                : g.buckets().stream().map(b -> io.nvo3.openflow.group.Bucket.of(actions(b.actions()))).toList();
        return new GroupMod(0, command, groupType(g.type()), Integer.toUnsignedLong(g.groupId()), buckets);
    }

    public static GroupMod deleteGroup(long groupId) {
        return new GroupMod(0, GroupMod.OFPGC_DELETE, io.nvo3.openflow.group.GroupType.ALL, groupId, List.of());
    }

    private static int groupType(GroupType t) {
        return switch (t) {
            case ALL -> io.nvo3.openflow.group.GroupType.ALL;
        };
    }

    public static io.nvo3.openflow.match.Match match(Match m) {
        List<Oxm> out = new ArrayList<>(m.fields().size());
        for (MatchField f : m.fields()) {
            out.add(oxm(f));
        }
        return new io.nvo3.openflow.match.Match(out);
    }

    private static Oxm oxm(MatchField f) {
        OxmType type = oxmType(f.kind());
        Bytes value = Bytes.of(f.value());
        Bytes mask = Bytes.of(f.mask());
        if (mask.allOnes()) {
            return new Oxm.Field(type, value, null);
        }
        if (!type.maskable()) {
            // A mask on a field the codec models as not maskable (OpenFlow 1.3.5 §7.2.3.7) goes out as a raw TLV
            // and the switch judges it. (nd_target, which OVS masks although the spec does not, is maskable in the
            // codec: OxmType follows OVS's lib/meta-flow.xml.)
            byte[] payload = new byte[value.length() * 2];
            System.arraycopy(value.toArray(), 0, payload, 0, value.length());
            System.arraycopy(mask.toArray(), 0, payload, value.length(), value.length());
            return new Oxm.Unknown(type.oxmClass(), type.field(), true, Bytes.of(payload));
        }
        return new Oxm.Field(type, value, mask);
    }

    static OxmType oxmType(MatchField.Kind k) {
        return switch (k) {
            case IN_PORT -> OxmType.IN_PORT;
            case METADATA -> OxmType.METADATA;
            case TUN_ID -> OxmType.TUNNEL_ID;
            case REG0, REG1, REG2, REG3, REG4, REG5, REG6, REG7 -> OxmType.register(k.ordinal() - MatchField.Kind.REG0.ordinal());
            case ETH_DST -> OxmType.ETH_DST;
            case ETH_SRC -> OxmType.ETH_SRC;
            case ETH_TYPE -> OxmType.ETH_TYPE;
            case ARP_OP -> OxmType.ARP_OP;
            case ARP_SPA -> OxmType.ARP_SPA;
            case ARP_SHA -> OxmType.ARP_SHA;
            case IPV4_SRC -> OxmType.IPV4_SRC;
            case IPV6_SRC -> OxmType.IPV6_SRC;
            case IP_PROTO -> OxmType.IP_PROTO;
            case UDP_SRC -> OxmType.UDP_SRC;
            case UDP_DST -> OxmType.UDP_DST;
            case ICMPV6_TYPE -> OxmType.ICMPV6_TYPE;
            case ND_TARGET -> OxmType.IPV6_ND_TARGET;
            case ARP_TPA -> OxmType.ARP_TPA;
            case ARP_THA -> OxmType.ARP_THA;
        };
    }

    public static List<io.nvo3.openflow.instruction.Instruction> instructions(List<Instruction> in) {
        List<io.nvo3.openflow.instruction.Instruction> out = new ArrayList<>(in.size());
        for (Instruction i : in) {
            out.add(switch (i) {
                case Instruction.ApplyActions a -> new io.nvo3.openflow.instruction.Instruction.ApplyActions(actions(a.actions()));
                case Instruction.WriteMetadata w -> new io.nvo3.openflow.instruction.Instruction.WriteMetadata(w.value(), w.mask());
                case Instruction.GotoTable g -> new io.nvo3.openflow.instruction.Instruction.GotoTable(g.tableId());
            });
        }
        return out;
    }

    public static List<io.nvo3.openflow.action.Action> actions(List<Action> in) {
        List<io.nvo3.openflow.action.Action> out = new ArrayList<>(in.size());
        for (Action a : in) {
            out.add(switch (a) {
                case Action.Output o -> io.nvo3.openflow.action.Action.Output.to(Integer.toUnsignedLong(o.port()));
                case Action.Group g -> new io.nvo3.openflow.action.Action.Group(Integer.toUnsignedLong(g.groupId()));
                case Action.SetTunnelId t -> new io.nvo3.openflow.action.Action.SetField(Oxm.tunnelId(t.tunnelId()));
                case Action.SetTunnelIpv4Dst d -> new io.nvo3.openflow.action.Action.SetField(Oxm.tunIpv4Dst(d.vtep()));
                case Action.SetRegister r -> new io.nvo3.openflow.action.Action.SetField(
                        Oxm.reg(r.index(), Integer.toUnsignedLong(r.value())));
                case Action.OutputController c -> new io.nvo3.openflow.action.Action.Output(
                        io.nvo3.openflow.action.Action.OFPP_CONTROLLER, c.maxLen());
                case Action.OutputInPort i -> new io.nvo3.openflow.action.Action.Output(
                        io.nvo3.openflow.action.Action.OFPP_IN_PORT, 0);
                case Action.SetField f -> new io.nvo3.openflow.action.Action.SetField(
                        new Oxm.Field(oxmType(f.field().kind()), Bytes.of(f.field().value()), null));
                case Action.MoveField m -> regMove(m);
            });
        }
        return out;
    }

    /**
     * NXAST_REG_MOVE (OVS include/openflow/nicira-ext.h {@code struct nx_action_reg_move}): n_bits(16) src_ofs(16)
     * dst_ofs(16) src(32) dst(32) after the subtype; src and dst are NXM/OXM headers without mask.
     */
    static io.nvo3.openflow.action.Action.Nicira regMove(Action.MoveField m) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(14);
        b.putShort((short) m.nBits()).putShort((short) 0).putShort((short) 0)
                .putInt(header(oxmType(m.src()))).putInt(header(oxmType(m.dst())));
        return new io.nvo3.openflow.action.Action.Nicira(REG_MOVE, Bytes.of(b.array()));
    }

    static final int REG_MOVE = 6;

    private static int header(OxmType t) {
        return t.oxmClass() << 16 | t.field() << 9 | t.length();
    }

    /** The NXM_OF (class 0) fields OVS may name in a reg_move it reports, as the OXM type we use. */
    private static OxmType fromHeader(int header) {
        int cls = header >>> 16;
        int field = header >>> 9 & 0x7f;
        if ((header & 0x100) != 0) {
            return null;
        }
        if (cls == 0) {
            return switch (field) {
                case 1 -> OxmType.ETH_DST;
                case 2 -> OxmType.ETH_SRC;
                case 3 -> OxmType.ETH_TYPE;
                case 15 -> OxmType.ARP_OP;
                case 16 -> OxmType.ARP_SPA;
                case 17 -> OxmType.ARP_TPA;
                default -> null;
            };
        }
        if (cls == 1) {
            return switch (field) {
                case 16 -> OxmType.TUNNEL_ID;
                case 17 -> OxmType.ARP_SHA;
                case 18 -> OxmType.ARP_THA;
                default -> OxmType.lookup(cls, field);
            };
        }
        return OxmType.lookup(cls, field);
    }

    private static Optional<MatchField.Kind> kindOf(OxmType t) {
        if (t == null) {
            return Optional.empty();
        }
        for (MatchField.Kind k : MatchField.Kind.values()) {
            if (oxmType(k) == t) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private static Action decodeRegMove(Bytes body) {
        if (body.length() != 14) {
            return null;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(body.toArray());
        int nBits = b.getShort() & 0xffff;
        int srcOfs = b.getShort() & 0xffff;
        int dstOfs = b.getShort() & 0xffff;
        Optional<MatchField.Kind> src = kindOf(fromHeader(b.getInt()));
        Optional<MatchField.Kind> dst = kindOf(fromHeader(b.getInt()));
        if (srcOfs != 0 || dstOfs != 0 || src.isEmpty() || dst.isEmpty()) {
            return null;
        }
        try {
            return new Action.MoveField(src.get(), dst.get(), nBits);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ decode

    /** The FIB flow a reported flow stands for; empty when it is not expressible (a foreign flow). */
    public static Optional<FlowEntry> decode(FlowStats s) {
        try {
            Optional<Match> m = decodeMatch(s.match());
            Optional<List<Instruction>> ins = decodeInstructions(s.instructions());
            if (m.isEmpty() || ins.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new FlowEntry(s.tableId(), s.priority(), m.get(), ins.get(), s.cookie(),
                    s.idleTimeout(), s.hardTimeout()));
        } catch (RuntimeException e) {
            return Optional.empty(); // violates a FIB invariant (e.g. a missing prerequisite): not ours
        }
    }

    /** The FIB group a reported group stands for; empty when it is not expressible. */
    public static Optional<GroupEntry> decode(GroupDesc g) {
        if (g.type() != io.nvo3.openflow.group.GroupType.ALL || g.groupId() > 0xffff_ff00L) {
            return Optional.empty();
        }
        List<Bucket> buckets = new ArrayList<>();
        for (io.nvo3.openflow.group.Bucket b : g.buckets()) {
            Optional<List<Action>> acts = decodeActions(b.actions());
            if (acts.isEmpty()) {
                return Optional.empty();
            }
            buckets.add(new Bucket(acts.get()));
        }
        return Optional.of(new GroupEntry((int) g.groupId(), GroupType.ALL, buckets));
    }

    static Optional<Match> decodeMatch(io.nvo3.openflow.match.Match m) {
        List<MatchField> out = new ArrayList<>();
        for (Oxm o : m.fields()) {
            if (!(o instanceof Oxm.Field f)) {
                return Optional.empty();
            }
            Bytes mask = f.mask();
            if (mask != null && mask.allZeros()) {
                continue; // OVS never reports these; a wildcard either way
            }
            Bytes value = mask == null ? f.value() : f.value().and(mask);
            Optional<MatchField> mf = field(f.type(), value, mask);
            if (mf.isEmpty()) {
                return Optional.empty();
            }
            out.add(mf.get());
        }
        return Optional.of(new Match(out));
    }

    private static Optional<MatchField> field(OxmType t, Bytes value, Bytes mask) {
        long v = value.toArray().length <= 8 ? value.toLong() : 0;
        long mk = mask == null ? -1L : (mask.length() <= 8 ? mask.toLong() : 0);
        MatchField f = switch (t) {
            case IN_PORT -> mask == null ? new MatchField.InPort((int) v) : null;
            case METADATA -> new MatchField.Metadata(v, mk);
            case TUNNEL_ID -> mask == null ? new MatchField.TunId(v) : null;
            case NXM_NX_REG0, NXM_NX_REG1, NXM_NX_REG2, NXM_NX_REG3, NXM_NX_REG4, NXM_NX_REG5, NXM_NX_REG6,
                 NXM_NX_REG7 -> new MatchField.Reg(t.ordinal() - OxmType.NXM_NX_REG0.ordinal(), (int) v,
                    mask == null ? -1 : (int) mk);
            case ETH_DST -> new MatchField.EthDst(new MacAddress(v),
                    new MacAddress(mask == null ? 0xFFFF_FFFF_FFFFL : mk));
            case ETH_SRC -> mask == null ? new MatchField.EthSrc(new MacAddress(v)) : null;
            case ETH_TYPE -> new MatchField.EthType((int) v);
            case ARP_OP -> new MatchField.ArpOp((int) v);
            case ARP_SPA -> prefix(value, mask).map(MatchField.ArpSpa::new).orElse(null);
            case ARP_SHA -> mask == null ? new MatchField.ArpSha(new MacAddress(v)) : null;
            case IPV4_SRC -> prefix(value, mask).map(MatchField.Ipv4Src::new).orElse(null);
            case IPV6_SRC -> prefix(value, mask).map(MatchField.Ipv6Src::new).orElse(null);
            case IP_PROTO -> new MatchField.IpProto((int) v);
            case UDP_SRC -> new MatchField.UdpSrc((int) v);
            case UDP_DST -> new MatchField.UdpDst((int) v);
            case ICMPV6_TYPE -> new MatchField.Icmpv6Type((int) v);
            case IPV6_ND_TARGET -> prefix(value, mask).map(MatchField.NdTarget::new).orElse(null);
            case ARP_TPA -> prefix(value, mask).map(MatchField.ArpTpa::new).orElse(null);
            case ARP_THA -> mask == null ? new MatchField.ArpTha(new MacAddress(v)) : null;
            default -> null;
        };
        return Optional.ofNullable(f);
    }

    /** An address with a contiguous mask as a prefix; empty for a non-contiguous mask. */
    static Optional<IpPrefix> prefix(Bytes value, Bytes mask) {
        byte[] addr = value.toArray();
        int len = addr.length * 8;
        if (mask != null) {
            byte[] m = mask.toArray();
            len = 0;
            boolean zeros = false;
            for (byte b : m) {
                for (int bit = 7; bit >= 0; bit--) {
                    boolean one = (b >> bit & 1) == 1;
                    if (one && zeros) {
                        return Optional.empty();
                    }
                    if (one) {
                        len++;
                    } else {
                        zeros = true;
                    }
                }
            }
        }
        return Optional.of(new IpPrefix(IpAddresses.fromBytes(addr), len));
    }

    static Optional<List<Instruction>> decodeInstructions(List<io.nvo3.openflow.instruction.Instruction> in) {
        List<Instruction> out = new ArrayList<>();
        for (io.nvo3.openflow.instruction.Instruction i : in) {
            switch (i) {
                case io.nvo3.openflow.instruction.Instruction.ApplyActions a -> {
                    if (a.actions().isEmpty()) {
                        continue; // OVS reports "drop" either way
                    }
                    Optional<List<Action>> acts = decodeActions(a.actions());
                    if (acts.isEmpty()) {
                        return Optional.empty();
                    }
                    out.add(new Instruction.ApplyActions(acts.get()));
                }
                case io.nvo3.openflow.instruction.Instruction.WriteMetadata w ->
                        out.add(new Instruction.WriteMetadata(w.metadata(), w.mask()));
                case io.nvo3.openflow.instruction.Instruction.GotoTable g -> out.add(new Instruction.GotoTable(g.tableId()));
                case io.nvo3.openflow.instruction.Instruction.WriteActions w -> {
                    return Optional.empty();
                }
                case io.nvo3.openflow.instruction.Instruction.ClearActions c -> {
                    return Optional.empty();
                }
                case io.nvo3.openflow.instruction.Instruction.Meter m -> {
                    return Optional.empty();
                }
                case io.nvo3.openflow.instruction.Instruction.Unknown u -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out);
    }

    static Optional<List<Action>> decodeActions(List<io.nvo3.openflow.action.Action> in) {
        List<Action> out = new ArrayList<>(in.size());
        for (io.nvo3.openflow.action.Action a : in) {
            Action mapped = switch (a) {
                case io.nvo3.openflow.action.Action.Output o when o.port() == io.nvo3.openflow.action.Action.OFPP_CONTROLLER ->
                        new Action.OutputController(o.maxLen());
                case io.nvo3.openflow.action.Action.Output o when o.port() == io.nvo3.openflow.action.Action.OFPP_IN_PORT ->
                        new Action.OutputInPort();
                case io.nvo3.openflow.action.Action.Output o -> new Action.Output((int) o.port());
                case io.nvo3.openflow.action.Action.Nicira n when n.subtype() == REG_MOVE -> decodeRegMove(n.body());
                case io.nvo3.openflow.action.Action.Group g -> new Action.Group((int) g.groupId());
                case io.nvo3.openflow.action.Action.SetField s -> setField(s.field());
                default -> null;
            };
            if (mapped == null) {
                return Optional.empty();
            }
            out.add(mapped);
        }
        return Optional.of(out);
    }

    private static Action setField(Oxm o) {
        if (!(o instanceof Oxm.Field f) || f.mask() != null) {
            return null;
        }
        return switch (f.type()) {
            case TUNNEL_ID -> new Action.SetTunnelId(f.value().toLong());
            case NXM_NX_TUN_IPV4_DST -> new Action.SetTunnelIpv4Dst((Inet4Address) IpAddresses.fromBytes(f.value().toArray()));
            case NXM_NX_REG0, NXM_NX_REG1, NXM_NX_REG2, NXM_NX_REG3, NXM_NX_REG4, NXM_NX_REG5, NXM_NX_REG6,
                 NXM_NX_REG7 -> new Action.SetRegister(f.type().ordinal() - OxmType.NXM_NX_REG0.ordinal(),
                    (int) f.value().toLong());
            case ETH_SRC, ETH_DST, ARP_OP, ARP_SPA, ARP_SHA, ARP_TPA, ARP_THA -> {
                try {
                    yield field(f.type(), f.value(), null).map(Action.SetField::new).orElse(null);
                } catch (IllegalArgumentException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }
}
