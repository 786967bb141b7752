package io.nvo3.fib.fake;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.Bucket;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.MatchField;
import io.nvo3.fib.flow.NveState;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A strict OpenFlow 1.3 pipeline in the spirit of Faucet's FakeOFTable. Loading refuses what OVS would take but
 * what makes behaviour depend on insertion order or is plainly broken: two flows of one table at one priority with
 * overlapping matches (section 6.4: "If there are multiple matching flow entries with the same highest priority,
 * the selected flow entry is explicitly undefined"), a group reference to a missing group, a goto to an unknown
 * table or one not after the current table. Processing follows OVS: no match means drop, output to the in_port is
 * suppressed, apply-actions run in order, group buckets act on copies, set-field and move rewrite the packet
 * that later outputs emit ({@link #emitted}), output to OFPP_IN_PORT goes back out of the ingress port (the tunnel
 * included) and output to the controller is reported with the flow's cookie. One deliberate strictness: OVS would
 * also suppress sending tunnel traffic back out of the tunnel port by a plain output (it is the in_port), but the
 * fake reports it as {@link Egress.BackIntoTunnel}, so that split horizon has to be in the flows and not in an OVS
 * rule that a second tunnel port would defeat.
 */
public final class FakePipeline {
    public static final Set<Integer> TABLES = Set.of(0, 10, 20, 30, 40, 50, 60);

    private final Map<Integer, List<FlowEntry>> tables = new TreeMap<>();
    private final Map<Integer, GroupEntry> groups;
    private final int tunnelPort;
    private final List<String> trace = new ArrayList<>();
    private final Map<Egress, Packet> emitted = new HashMap<>();

    private FakePipeline(NveState state, int tunnelPort) {
        this.groups = Map.copyOf(state.groups());
        this.tunnelPort = tunnelPort;
        for (FlowEntry f : state.flows().values()) {
            tables.computeIfAbsent(f.table(), t -> new ArrayList<>()).add(f);
        }
        tables.values().forEach(l -> l.sort(Comparator.comparingInt(FlowEntry::priority).reversed()));
    }

    /** Loads a state; throws {@link Rejected} naming the first violation. */
    public static FakePipeline load(NveState state, int tunnelPort) {
        FakePipeline p = new FakePipeline(state, tunnelPort);
        p.validate();
        return p;
    }

    public static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message);
        }
    }

    private void validate() {
        for (var e : tables.entrySet()) {
            if (!TABLES.contains(e.getKey())) {
                throw new Rejected("flow in unknown table " + e.getKey());
            }
            List<FlowEntry> flows = e.getValue();
            for (int i = 0; i < flows.size(); i++) {
                FlowEntry a = flows.get(i);
                for (int j = i + 1; j < flows.size() && flows.get(j).priority() == a.priority(); j++) {
                    if (a.match().overlaps(flows.get(j).match())) {
                        throw new Rejected("overlapping flows at one priority: " + a + " and " + flows.get(j));
                    }
                }
                for (Instruction ins : a.instructions()) {
                    switch (ins) {
                        case Instruction.GotoTable g -> {
                            if (!TABLES.contains(g.tableId()) || g.tableId() <= a.table()) {
                                throw new Rejected("bad goto in " + a);
                            }
                        }
                        case Instruction.ApplyActions aa -> checkActions(aa.actions(), a.toString());
                        case Instruction.WriteMetadata w -> {
                        }
                    }
                }
            }
        }
        for (GroupEntry g : groups.values()) {
            g.buckets().forEach(b -> checkActions(b.actions(), g.toString()));
        }
    }

    private void checkActions(List<Action> actions, String where) {
        for (Action act : actions) {
            if (act instanceof Action.Group g && !groups.containsKey(g.groupId())) {
                throw new Rejected("reference to missing group " + g.groupId() + " in " + where);
            }
            if (act instanceof Action.Output o && o.port() <= 0) {
                throw new Rejected("output to port " + o.port() + " in " + where);
            }
        }
    }

    /** A packet from a local port. */
    public Set<Egress> process(Packet packet, int inPort) {
        return run(packet, inPort, 0);
    }

    /** A packet from the VXLAN port with this VNI. */
    public Set<Egress> fromTunnel(Packet packet, long vni) {
        return run(packet, tunnelPort, vni);
    }

    /** What the last packet did, table by table. */
    public List<String> trace() {
        return List.copyOf(trace);
    }

    private static final class State {
        Packet packet;
        long metadata;
        long tunId;
        Inet4Address tunDst;
        final int[] regs = new int[8];

        State copy() {
            State s = new State();
            s.packet = packet;
            s.metadata = metadata;
            s.tunId = tunId;
            s.tunDst = tunDst;
            System.arraycopy(regs, 0, s.regs, 0, 8);
            return s;
        }
    }

    private Set<Egress> run(Packet packet, int inPort, long tunId) {
        trace.clear();
        emitted.clear();
        Set<Egress> out = new LinkedHashSet<>();
        State st = new State();
        st.packet = packet;
        st.tunId = tunId;
        Integer table = 0;
        while (table != null) {
            FlowEntry hit = lookup(table, st.packet, inPort, st);
            if (hit == null) {
                trace.add("table " + table + ": miss, drop");
                return out;
            }
            trace.add("table " + table + ": " + hit);
            table = null;
            for (Instruction ins : hit.instructions()) {
                switch (ins) {
                    case Instruction.ApplyActions aa -> execute(aa.actions(), st, inPort, hit.cookie(), out);
                    case Instruction.WriteMetadata w -> st.metadata = st.metadata & ~w.mask() | w.value() & w.mask();
                    case Instruction.GotoTable g -> table = g.tableId();
                }
            }
        }
        return out;
    }

    private void execute(List<Action> actions, State st, int inPort, long cookie, Set<Egress> out) {
        for (Action a : actions) {
            switch (a) {
                case Action.Output o -> {
                    if (o.port() == inPort && o.port() != tunnelPort) {
                        trace.add("  output:" + o.port() + " is the in_port: suppressed");
                    } else if (o.port() == tunnelPort && inPort == tunnelPort) {
                        Egress.Tunnel t = tunnel(st);
                        emit(new Egress.BackIntoTunnel(t.vni(), t.remoteVtep()), st, out);
                    } else if (o.port() == tunnelPort) {
                        emit(tunnel(st), st, out);
                    } else {
                        emit(new Egress.Local(o.port()), st, out);
                    }
                }
                case Action.OutputInPort o -> emit(inPort == tunnelPort ? tunnel(st) : new Egress.Local(inPort), st, out);
                case Action.OutputController c -> emit(new Egress.Controller(cookie), st, out);
                case Action.Group g -> {
                    for (Bucket b : groups.get(g.groupId()).buckets()) {
                        execute(b.actions(), st.copy(), inPort, cookie, out);
                    }
                }
                case Action.SetTunnelId t -> st.tunId = t.tunnelId();
                case Action.SetTunnelIpv4Dst t -> st.tunDst = t.vtep();
                case Action.SetRegister r -> st.regs[r.index()] = r.value();
                case Action.SetField f -> st.packet = st.packet.with(f.field().kind(), f.field().value());
                case Action.MoveField m -> {
                    byte[] src = st.packet.header(m.src());
                    byte[] dst = st.packet.header(m.dst());
                    if (src == null || dst == null) {
                        throw new Rejected("move between absent fields " + m + " in " + st.packet);
                    }
                    st.packet = st.packet.with(m.dst(), copyLowBits(src, dst.clone(), m.nBits()));
                }
            }
        }
    }

    private Egress.Tunnel tunnel(State st) {
        if (st.tunDst == null) {
            throw new Rejected("tunnel output without tun_dst");
        }
        return new Egress.Tunnel(st.tunId, st.tunDst);
    }

    private void emit(Egress e, State st, Set<Egress> out) {
        out.add(e);
        emitted.put(e, st.packet);
    }

    /** NXAST_REG_MOVE with offsets 0: bit i of src (from the least significant) becomes bit i of dst, i < nBits. */
    private static byte[] copyLowBits(byte[] src, byte[] dst, int nBits) {
        for (int i = 0; i < nBits; i++) {
            int sByte = src.length - 1 - i / 8;
            int dByte = dst.length - 1 - i / 8;
            int bit = 1 << (i % 8);
            dst[dByte] = (byte) ((src[sByte] & bit) != 0 ? dst[dByte] | bit : dst[dByte] & ~bit);
        }
        return dst;
    }

    /** The packet as it left by {@code egress} in the last run (after set-field and move actions). */
    public Packet emitted(Egress egress) {
        Packet p = emitted.get(egress);
        if (p == null) {
            throw new IllegalArgumentException("nothing left by " + egress + "; left: " + emitted.keySet());
        }
        return p;
    }

    private FlowEntry lookup(int table, Packet packet, int inPort, State st) {
        for (FlowEntry f : tables.getOrDefault(table, List.of())) {
            if (f.match().fields().stream().allMatch(m -> m.matches(value(m, packet, inPort, st)))) {
                return f;
            }
        }
        return null;
    }

    private static byte[] value(MatchField m, Packet packet, int inPort, State st) {
        return switch (m.kind()) {
            case IN_PORT -> new MatchField.InPort(inPort).value();
            case METADATA -> new MatchField.Metadata(st.metadata, -1L).value();
            case TUN_ID -> new MatchField.TunId(st.tunId).value();
            case REG0, REG1, REG2, REG3, REG4, REG5, REG6, REG7 -> {
                int index = m.kind().ordinal() - MatchField.Kind.REG0.ordinal();
                yield MatchField.Reg.exact(index, st.regs[index]).value();
            }
            default -> packet.header(m.kind());
        };
    }

    /** Flows per table, for tests that look at structure rather than behaviour. */
    public Map<Integer, List<FlowEntry>> tables() {
        return new HashMap<>(tables);
    }
}
