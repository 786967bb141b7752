package io.nvo3.controller.nve;

import io.nvo3.ovsdb.Atom;
import io.nvo3.ovsdb.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What one hypervisor's Open_vSwitch database says, reduced to what the controller acts on. A pure function of the
 * monitored rows ({@link #of}); the adapter recomputes it after every monitor update.
 *
 * @param systemId     Open_vSwitch external_ids:system-id
 * @param localIp      Open_vSwitch other_config:local_ip (the VTEP), as written
 * @param datapathType Open_vSwitch external_ids:nvo3-datapath-type
 * @param brInt        the integration bridge, when it exists
 * @param misplaced    interfaces carrying an iface-id on a bridge other than br-int
 */
public record NveFacts(Optional<String> systemId, Optional<String> localIp, Optional<String> datapathType,
                       Optional<BrInt> brInt, List<Misplaced> misplaced) {
    public static final String BR_INT = "br-int";
    /** The flow-based VXLAN port the controller creates on br-int. */
    public static final String TUNNEL_PORT = "vxlan-nvo3";
    public static final String DATAPATH_TYPE_KEY = "nvo3-datapath-type";

    public NveFacts {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(localIp, "localIp");
        Objects.requireNonNull(datapathType, "datapathType");
        Objects.requireNonNull(brInt, "brInt");
        misplaced = List.copyOf(misplaced);
    }

    /**
     * br-int as reported.
     *
     * @param datapathId   Bridge.datapath_id, set by ovs-vswitchd once the bridge runs
     * @param tunnelOfport OpenFlow port of {@link #TUNNEL_PORT}, once ovs-vswitchd assigned one
     * @param plugs        os-vif style interfaces with an OpenFlow port, by iface-id (the Neutron port id)
     * @param duplicates   iface-ids carried by more than one interface on br-int (only the first is used)
     * @param controllers  Controller targets of br-int
     */
    public record BrInt(UUID uuid, OptionalLong datapathId, OptionalInt tunnelOfport, Map<String, Plug> plugs,
                        List<String> duplicates, List<String> controllers) {
        public BrInt {
            plugs = Map.copyOf(plugs);
            duplicates = List.copyOf(duplicates);
            controllers = List.copyOf(controllers);
        }
    }

    /** A VM interface plugged into br-int as os-vif does it. */
    public record Plug(String portId, String iface, int ofport, Optional<String> attachedMac,
                       Optional<String> ifaceStatus) {
    }

    public record Misplaced(String portId, String iface, String bridge) {
    }

    /** Computes the facts from the monitored tables (uuid to row, per table). */
    public static NveFacts of(Map<String, Map<UUID, Row>> tables) {
        Map<UUID, Row> roots = tables.getOrDefault("Open_vSwitch", Map.of());
        Row root = roots.values().stream().findFirst().orElse(Row.empty());
        Optional<String> systemId = nonBlank(root.stringMap("external_ids").get("system-id"));
        Optional<String> localIp = nonBlank(root.stringMap("other_config").get("local_ip"));
        Optional<String> dpType = nonBlank(root.stringMap("external_ids").get(DATAPATH_TYPE_KEY));

        Map<UUID, Row> bridges = tables.getOrDefault("Bridge", Map.of());
        Map<UUID, Row> ports = tables.getOrDefault("Port", Map.of());
        Map<UUID, Row> ifaces = tables.getOrDefault("Interface", Map.of());
        Map<UUID, Row> controllers = tables.getOrDefault("Controller", Map.of());

        Optional<BrInt> brInt = Optional.empty();
        List<Misplaced> misplaced = new ArrayList<>();
        // Sorted by bridge name so the result does not depend on hash order.
        Map<String, Map.Entry<UUID, Row>> byName = new TreeMap<>();
        bridges.forEach((u, r) -> r.string("name").ifPresent(n -> byName.put(n, Map.entry(u, r))));
        for (Map.Entry<UUID, Row> e : byName.values()) {
            Row bridge = e.getValue();
            String name = bridge.string("name").orElse("");
            boolean isBrInt = BR_INT.equals(name);
            OptionalInt tunnel = OptionalInt.empty();
            Map<String, Plug> plugs = new TreeMap<>();
            List<String> dups = new ArrayList<>();
            for (UUID pu : bridge.uuids("ports")) {
                Row port = ports.get(pu);
                if (port == null) {
                    continue;
                }
                for (UUID iu : port.uuids("interfaces")) {
                    Row iface = ifaces.get(iu);
                    if (iface == null) {
                        continue;
                    }
                    String ifName = iface.string("name").orElse("?");
                    OptionalInt ofport = ofport(iface);
                    if (isBrInt && TUNNEL_PORT.equals(ifName)) {
                        tunnel = ofport;
                        continue;
                    }
                    Map<String, String> ext = iface.stringMap("external_ids");
                    Optional<String> portId = nonBlank(ext.get("iface-id"));
                    if (portId.isEmpty()) {
                        continue;
                    }
                    if (!isBrInt) {
                        misplaced.add(new Misplaced(portId.get(), ifName, name));
                    } else if (ofport.isPresent()) {
                        Plug p = new Plug(portId.get(), ifName, ofport.getAsInt(), nonBlank(ext.get("attached-mac")),
                                nonBlank(ext.get("iface-status")));
                        if (plugs.putIfAbsent(portId.get(), p) != null) {
                            dups.add(portId.get());
                        }
                    }
                }
            }
            if (isBrInt) {
                List<String> targets = new ArrayList<>();
                for (UUID cu : bridge.uuids("controller")) {
                    Row c = controllers.get(cu);
                    if (c != null) {
                        c.string("target").ifPresent(targets::add);
                    }
                }
                brInt = Optional.of(new BrInt(e.getKey(), datapathId(bridge), tunnel, plugs, dups, targets));
            }
        }
        misplaced.sort(java.util.Comparator.comparing(Misplaced::iface));
        return new NveFacts(systemId, localIp, dpType, brInt, misplaced);
    }

    /** Interface.ofport: "-1 if the interface cannot be created"; empty until ovs-vswitchd sets it. */
    private static OptionalInt ofport(Row iface) {
        for (Atom a : iface.set("ofport")) {
            if (a instanceof Atom.IntegerAtom(long v) && v > 0 && v < 0xffff_ff00L) {
                return OptionalInt.of((int) v);
            }
        }
        return OptionalInt.empty();
    }

    /** Bridge.datapath_id: "Reports the OpenFlow datapath ID in use. Exactly 16 hex digits." */
    private static OptionalLong datapathId(Row bridge) {
        Optional<String> s = bridge.string("datapath_id");
        if (s.isEmpty() || s.get().length() != 16) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(s.get(), 16));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

}
