package io.nvo3.ovsdb.vswitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.ovsdb.Atom;
import io.nvo3.ovsdb.Operation;
import io.nvo3.ovsdb.OperationResult;
import io.nvo3.ovsdb.Row;
import io.nvo3.ovsdb.TransactResult;
import io.nvo3.ovsdb.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VswitchProvisionerTest {
    private static final UUID ROOT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final UUID BR = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final UUID PORT = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    private static final UUID CTRL = UUID.fromString("00000000-0000-0000-0000-0000000000d1");

    private static final BridgeSpec SPEC = new BridgeSpec("br-int", Optional.of("secure"), List.of("OpenFlow13"),
            Optional.of("netdev"), Map.of("disable-in-band", "true"), Map.of(), List.of("tcp:127.0.0.1:6653"),
            List.of(BridgeSpec.PortSpec.flowBasedVxlan("vxlan0", "198.18.0.1")));

    private static TransactResult read(List<Row> bridges, List<Row> ports, List<Row> ctrls, Value rootBridges) {
        Row root = Row.builder().put("_uuid", Atom.uuid(ROOT)).put("bridges", rootBridges).build();
        return new TransactResult(List.of(new OperationResult.Selected(bridges), new OperationResult.Selected(ports),
                new OperationResult.Selected(ctrls), new OperationResult.Selected(List.of(root))), Optional.empty());
    }

    /** The bridge as ovsdb-server returns it: 1-element sets as bare atoms (RFC 7047 §5.1). */
    private static Row existingBridge(Map<String, String> otherConfig) {
        return Row.builder().put("_uuid", Atom.uuid(BR)).put("name", "br-int").put("fail_mode", "secure")
                .put("protocols", Atom.string("OpenFlow13")).put("datapath_type", "netdev")
                .put("other_config", Value.stringMap(otherConfig)).put("ports", Atom.uuid(PORT))
                .put("controller", Atom.uuid(CTRL)).build();
    }

    @Test
    void createsEverythingWhenTheBridgeIsMissing() {
        VswitchProvisioner.Plan plan = VswitchProvisioner.plan(SPEC, read(List.of(), List.of(), List.of(),
                Value.emptySet()));
        assertThat(plan.ops.getFirst()).isInstanceOf(Operation.Wait.class);
        assertThat(plan.ops).filteredOn(o -> o instanceof Operation.Insert).extracting(o -> ((Operation.Insert) o).table())
                .containsExactly("Interface", "Port", "Controller", "Bridge");
        assertThat(plan.changes).containsExactly("insert Port vxlan0", "insert Controller tcp:127.0.0.1:6653",
                "insert Bridge br-int");
    }

    @Test
    void findsExistingRowsAndChangesNothing() {
        VswitchProvisioner.Plan plan = VswitchProvisioner.plan(SPEC, read(
                List.of(existingBridge(Map.of("disable-in-band", "true", "someone-else", "x"))),
                List.of(Row.builder().put("_uuid", Atom.uuid(PORT)).put("name", "vxlan0").build()),
                List.of(Row.builder().put("_uuid", Atom.uuid(CTRL)).put("target", "tcp:127.0.0.1:6653").build()),
                Atom.uuid(BR)));
        assertThat(plan.ops).isEmpty();
        assertThat(plan.changes).isEmpty();
        assertThat(plan.bridge).isEqualTo(BR);
    }

    @Test
    void mergesMapColumnsKeepingOtherWritersKeys() {
        VswitchProvisioner.Plan plan = VswitchProvisioner.plan(SPEC, read(
                List.of(existingBridge(Map.of("someone-else", "x"))),
                List.of(Row.builder().put("_uuid", Atom.uuid(PORT)).put("name", "vxlan0").build()),
                List.of(Row.builder().put("_uuid", Atom.uuid(CTRL)).put("target", "tcp:127.0.0.1:6653").build()),
                Atom.uuid(BR)));
        assertThat(plan.changes).containsExactly("update Bridge br-int other_config");
        Operation.Update u = (Operation.Update) plan.ops.getFirst();
        assertThat(u.row().stringMap("other_config"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("someone-else", "x", "disable-in-band", "true"));
    }
}
