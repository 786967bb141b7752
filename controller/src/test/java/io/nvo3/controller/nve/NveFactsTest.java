package io.nvo3.controller.nve;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.ovsdb.Atom;
import io.nvo3.ovsdb.Row;
import io.nvo3.ovsdb.Value;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NveFactsTest {
    final Map<String, Map<UUID, Row>> tables = new HashMap<>();

    UUID put(String table, Row row) {
        UUID u = UUID.randomUUID();
        tables.computeIfAbsent(table, k -> new LinkedHashMap<>()).put(u, row);
        return u;
    }

    void root(Map<String, String> ext, Map<String, String> other) {
        put("Open_vSwitch", Row.builder().put("external_ids", Value.stringMap(ext))
                .put("other_config", Value.stringMap(other)).build());
    }

    UUID iface(String name, long ofport, Map<String, String> ext) {
        UUID i = put("Interface", Row.builder().put("name", name).put("ofport", ofport)
                .put("external_ids", Value.stringMap(ext)).build());
        return put("Port", Row.builder().put("name", name).put("interfaces", Value.set(Atom.uuid(i))).build());
    }

    void bridge(String name, String dpid, UUID... ports) {
        Row.Builder b = Row.builder().put("name", name).put("ports", Value.set(java.util.Arrays.stream(ports)
                .map(Atom::uuid).toList()));
        if (dpid != null) {
            b.put("datapath_id", dpid);
        }
        put("Bridge", b.build());
    }

    @Test
    void aNamedHypervisorWithBrIntReportsItsTunnelPortPlugsAndDatapathId() {
        root(Map.of("system-id", "hv1", "nvo3-datapath-type", "netdev"), Map.of("local_ip", "198.18.0.1"));
        UUID tun = iface(NveFacts.TUNNEL_PORT, 1, Map.of());
        UUID vm = iface("tap1", 2, Map.of("iface-id", "port-a", "attached-mac", "fa:16:3e:00:00:01",
                "iface-status", "active"));
        UUID pending = iface("tap2", -1, Map.of("iface-id", "port-b"));
        bridge("br-int", "00000000000000ab", tun, vm, pending);
        NveFacts f = NveFacts.of(tables);
        assertThat(f.systemId()).contains("hv1");
        assertThat(f.localIp()).contains("198.18.0.1");
        assertThat(f.datapathType()).contains("netdev");
        NveFacts.BrInt br = f.brInt().orElseThrow();
        assertThat(br.datapathId().getAsLong()).isEqualTo(0xab);
        assertThat(br.tunnelOfport().getAsInt()).isEqualTo(1);
        assertThat(br.plugs()).containsOnlyKeys("port-a");
        assertThat(br.plugs().get("port-a").ofport()).isEqualTo(2);
        assertThat(f.misplaced()).isEmpty();
    }

    @Test
    void missingNamesAreEmptyAndForeignBridgesOnlyYieldMisplacedPlugs() {
        root(Map.of(), Map.of("local_ip", " "));
        UUID stray = iface("stray0", 5, Map.of("iface-id", "port-a"));
        UUID other = iface("eth1", 6, Map.of());
        bridge("br-other", null, stray, other);
        NveFacts f = NveFacts.of(tables);
        assertThat(f.systemId()).isEmpty();
        assertThat(f.localIp()).isEmpty();
        assertThat(f.brInt()).isEmpty();
        assertThat(f.misplaced()).containsExactly(new NveFacts.Misplaced("port-a", "stray0", "br-other"));
    }

    @Test
    void anIfaceIdOnTwoInterfacesOfBrIntIsReportedOnce() {
        root(Map.of("system-id", "hv1"), Map.of("local_ip", "198.18.0.1"));
        UUID a = iface("tap1", 2, Map.of("iface-id", "port-a"));
        UUID b = iface("tap2", 3, Map.of("iface-id", "port-a"));
        bridge("br-int", null, a, b);
        NveFacts.BrInt br = NveFacts.of(tables).brInt().orElseThrow();
        assertThat(br.plugs()).hasSize(1);
        assertThat(br.duplicates()).containsExactly("port-a");
        assertThat(br.datapathId()).isEmpty();
        assertThat(br.tunnelOfport()).isEmpty();
    }
}
