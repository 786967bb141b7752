package io.nvo3.ovsdb.vswitch;

import io.nvo3.ovsdb.Atom;
import io.nvo3.ovsdb.Condition;
import io.nvo3.ovsdb.Mutation;
import io.nvo3.ovsdb.Operation;
import io.nvo3.ovsdb.OvsdbConnection;
import io.nvo3.ovsdb.OvsdbError;
import io.nvo3.ovsdb.OvsdbException;
import io.nvo3.ovsdb.Row;
import io.nvo3.ovsdb.TransactResult;
import io.nvo3.ovsdb.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Makes the Open_vSwitch database hold a {@link BridgeSpec}, creating only what is missing: re-running with the
 * same spec finds the existing rows and changes nothing ({@link Outcome#changes()} is then empty).
 */
public final class VswitchProvisioner {
    public static final String DB = "Open_vSwitch";
    private static final int MAX_ATTEMPTS = 3;

    private VswitchProvisioner() {
    }

    /**
     * @param bridge  the bridge row's uuid
     * @param changes what this call changed, e.g. {@code "insert Bridge br-int"}, empty when nothing
     */
    public record Outcome(UUID bridge, List<String> changes) {
        public Outcome {
            changes = List.copyOf(changes);
        }
    }

    public static CompletableFuture<Outcome> ensureBridge(OvsdbConnection conn, BridgeSpec spec) {
        return attempt(conn, spec, 1);
    }

    private static CompletableFuture<Outcome> attempt(OvsdbConnection conn, BridgeSpec spec, int n) {
        return conn.transact(DB,
                        Operation.select("Bridge", Condition.eq("name", spec.name())),
                        new Operation.Select("Port", List.of(), Optional.of(List.of("_uuid", "name"))),
                        new Operation.Select("Controller", List.of(), Optional.of(List.of("_uuid", "target"))),
                        new Operation.Select("Open_vSwitch", List.of(), Optional.of(List.of("_uuid", "bridges"))))
                .thenCompose(read -> {
                    read.orThrow();
                    Plan plan = plan(spec, read);
                    if (plan.ops.isEmpty()) {
                        return CompletableFuture.completedFuture(new Outcome(plan.bridge, List.of()));
                    }
                    return conn.transact(DB, plan.ops).thenCompose(res -> {
                        // A concurrent writer created the bridge between our read and write: the guarding "wait"
                        // fails with "timed out" (§5.2.6, timeout 0); read again and plan the rest.
                        if (!res.isSuccess() && res.error().map(OvsdbError::kind)
                                .filter(k -> k == OvsdbError.Kind.TIMED_OUT).isPresent() && n < MAX_ATTEMPTS) {
                            return attempt(conn, spec, n + 1);
                        }
                        res.orThrow();
                        UUID bridge = plan.bridge != null ? plan.bridge : res.insertedUuid(plan.bridgeInsertIndex);
                        return CompletableFuture.completedFuture(new Outcome(bridge, plan.changes));
                    });
                });
    }

    static final class Plan {
        final List<Operation> ops = new ArrayList<>();
        final List<String> changes = new ArrayList<>();
        UUID bridge;
        int bridgeInsertIndex = -1;
    }

    static Plan plan(BridgeSpec spec, TransactResult read) {
        List<Row> bridges = read.selectedRows(0);
        List<Row> ports = read.selectedRows(1);
        List<Row> controllers = read.selectedRows(2);
        List<Row> root = read.selectedRows(3);
        if (root.size() != 1) {
            throw new OvsdbException.Malformed("expected exactly one Open_vSwitch row, found " + root.size());
        }
        UUID rootUuid = root.getFirst().uuid().orElseThrow();
        Plan plan = new Plan();
        Row desired = bridgeColumns(spec);
        if (bridges.isEmpty()) {
            planNewBridge(spec, desired, rootUuid, plan);
            return plan;
        }
        Row existing = bridges.getFirst();
        UUID bridge = existing.uuid().orElseThrow();
        plan.bridge = bridge;
        List<Condition> byUuid = List.of(new Condition("_uuid", Condition.Function.EQ, Atom.uuid(bridge)));

        Row.Builder diff = Row.builder();
        desired.columns().forEach((col, v) -> {
            Optional<Value> have = existing.get(col);
            if (v instanceof Value.MapValue want) {
                // Keys the spec does not name belong to someone else (ovs-vsctl, os-vif): merge, never drop them.
                Map<Atom, Atom> merged = new LinkedHashMap<>(
                        have.filter(h -> h instanceof Value.MapValue).map(h -> ((Value.MapValue) h).entries())
                                .orElse(Map.of()));
                if (!merged.entrySet().containsAll(want.entries().entrySet())) {
                    merged.putAll(want.entries());
                    diff.put(col, Value.map(merged));
                    plan.changes.add("update Bridge " + spec.name() + " " + col);
                }
            } else if (have.filter(e -> sameValue(e, v)).isEmpty()) {
                diff.put(col, v);
                plan.changes.add("update Bridge " + spec.name() + " " + col);
            }
        });
        Row diffRow = diff.build();
        if (!diffRow.columns().isEmpty()) {
            plan.ops.add(new Operation.Update("Bridge", byUuid, diffRow));
        }

        Set<UUID> bridgePorts = existing.uuids("ports");
        Set<String> presentPorts = new LinkedHashSet<>();
        for (Row p : ports) {
            if (p.uuid().filter(bridgePorts::contains).isPresent()) {
                p.string("name").ifPresent(presentPorts::add);
            }
        }
        Set<Atom> newPorts = new LinkedHashSet<>();
        int i = 0;
        for (BridgeSpec.PortSpec ps : spec.ports()) {
            if (!presentPorts.contains(ps.name())) {
                newPorts.add(insertPort(ps, i++, plan));
            }
        }
        Set<UUID> bridgeCtrls = existing.uuids("controller");
        Set<String> presentTargets = new LinkedHashSet<>();
        for (Row c : controllers) {
            if (c.uuid().filter(bridgeCtrls::contains).isPresent()) {
                c.string("target").ifPresent(presentTargets::add);
            }
        }
        Set<Atom> newCtrls = new LinkedHashSet<>();
        int j = 0;
        for (String t : spec.controllerTargets()) {
            if (!presentTargets.contains(t)) {
                newCtrls.add(insertController(t, j++, plan));
            }
        }
        List<Mutation> muts = new ArrayList<>();
        if (!newPorts.isEmpty()) {
            muts.add(Mutation.insert("ports", Value.set(newPorts)));
        }
        if (!newCtrls.isEmpty()) {
            muts.add(Mutation.insert("controller", Value.set(newCtrls)));
        }
        if (!muts.isEmpty()) {
            plan.ops.add(new Operation.Mutate("Bridge", byUuid, muts));
        }
        if (!root.getFirst().uuids("bridges").contains(bridge)) {
            plan.ops.add(new Operation.Mutate("Open_vSwitch", List.of(),
                    List.of(Mutation.insert("bridges", Value.set(Atom.uuid(bridge))))));
            plan.changes.add("link Bridge " + spec.name() + " into Open_vSwitch.bridges");
        }
        if (!plan.ops.isEmpty()) {
            plan.ops.add(Operation.comment("nvo3: ensure bridge " + spec.name()));
        }
        return plan;
    }

    private static void planNewBridge(BridgeSpec spec, Row desired, UUID rootUuid, Plan plan) {
        // Guard against a concurrent creator: "wait" with timeout 0 until no Bridge has this name.
        plan.ops.add(new Operation.Wait("Bridge", OptionalLong.of(0), List.of(Condition.eq("name", spec.name())),
                List.of("name"), Operation.Wait.Until.EQ, List.of()));
        Set<Atom> portRefs = new LinkedHashSet<>();
        int i = 0;
        for (BridgeSpec.PortSpec ps : spec.ports()) {
            portRefs.add(insertPort(ps, i++, plan));
        }
        Set<Atom> ctrlRefs = new LinkedHashSet<>();
        int j = 0;
        for (String t : spec.controllerTargets()) {
            ctrlRefs.add(insertController(t, j++, plan));
        }
        Row.Builder b = Row.builder().put("name", spec.name());
        desired.columns().forEach(b::put);
        b.put("ports", Value.set(portRefs));
        b.put("controller", Value.set(ctrlRefs));
        plan.bridgeInsertIndex = plan.ops.size();
        plan.ops.add(Operation.insert("Bridge", b.build(), "bridge"));
        plan.changes.add("insert Bridge " + spec.name());
        // The bridge is a non-root table: unless referenced from Open_vSwitch.bridges it is garbage-collected.
        plan.ops.add(new Operation.Mutate("Open_vSwitch", List.of(new Condition("_uuid", Condition.Function.EQ,
                Atom.uuid(rootUuid))), List.of(Mutation.insert("bridges", Value.set(Atom.named("bridge"))))));
        plan.ops.add(Operation.comment("nvo3: create bridge " + spec.name()));
    }

    private static Atom insertPort(BridgeSpec.PortSpec ps, int i, Plan plan) {
        String ifName = "iface" + i;
        String portName = "port" + i;
        Row.Builder iface = Row.builder().put("name", ps.name());
        ps.interfaceType().ifPresent(t -> iface.put("type", t));
        if (!ps.options().isEmpty()) {
            iface.put("options", Value.stringMap(ps.options()));
        }
        plan.ops.add(Operation.insert("Interface", iface.build(), ifName));
        Row.Builder port = Row.builder().put("name", ps.name()).put("interfaces", Value.set(Atom.named(ifName)));
        if (!ps.externalIds().isEmpty()) {
            port.put("external_ids", Value.stringMap(ps.externalIds()));
        }
        plan.ops.add(Operation.insert("Port", port.build(), portName));
        plan.changes.add("insert Port " + ps.name());
        return Atom.named(portName);
    }

    private static Atom insertController(String target, int i, Plan plan) {
        String name = "ctrl" + i;
        plan.ops.add(Operation.insert("Controller", Row.builder().put("target", target).build(), name));
        plan.changes.add("insert Controller " + target);
        return Atom.named(name);
    }

    private static Row bridgeColumns(BridgeSpec spec) {
        Row.Builder b = Row.builder();
        spec.failMode().ifPresent(m -> b.put("fail_mode", m));
        if (!spec.protocols().isEmpty()) {
            b.put("protocols", Value.stringSet(spec.protocols().toArray(String[]::new)));
        }
        spec.datapathType().ifPresent(d -> b.put("datapath_type", d));
        if (!spec.otherConfig().isEmpty()) {
            b.put("other_config", Value.stringMap(spec.otherConfig()));
        }
        if (!spec.externalIds().isEmpty()) {
            b.put("external_ids", Value.stringMap(spec.externalIds()));
        }
        return b.build();
    }

    /** Equality modulo §5.1's "a 1-element set ... may also be represented as {@code <atom>}". */
    static boolean sameValue(Value a, Value b) {
        if (a instanceof Value.MapValue || b instanceof Value.MapValue) {
            return a.equals(b);
        }
        return a.asSet().equals(b.asSet());
    }

}
