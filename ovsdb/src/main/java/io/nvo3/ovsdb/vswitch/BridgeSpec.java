package io.nvo3.ovsdb.vswitch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired shape of one bridge in the Open_vSwitch database.
 *
 * @param failMode     Bridge.fail_mode ("secure" keeps OVS from acting as a learning switch without controller)
 * @param protocols    Bridge.protocols, e.g. "OpenFlow13"
 * @param datapathType Bridge.datapath_type ("netdev" for the userspace datapath)
 */
public record BridgeSpec(String name, Optional<String> failMode, List<String> protocols, Optional<String> datapathType,
                         Map<String, String> otherConfig, Map<String, String> externalIds,
                         List<String> controllerTargets, List<PortSpec> ports) {
    public BridgeSpec {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("bridge name must not be empty");
        }
        Objects.requireNonNull(failMode, "failMode");
        failMode.ifPresent(m -> {
            if (!m.equals("secure") && !m.equals("standalone")) {
                throw new IllegalArgumentException("failMode must be secure or standalone: " + m);
            }
        });
        protocols = List.copyOf(protocols);
        Objects.requireNonNull(datapathType, "datapathType");
        otherConfig = Map.copyOf(new LinkedHashMap<>(otherConfig));
        externalIds = Map.copyOf(new LinkedHashMap<>(externalIds));
        controllerTargets = List.copyOf(controllerTargets);
        ports = List.copyOf(ports);
        if (ports.stream().map(PortSpec::name).distinct().count() != ports.size()) {
            throw new IllegalArgumentException("duplicate port names in " + ports);
        }
    }

    /** One Port with its single Interface of the same name. */
    public record PortSpec(String name, Optional<String> interfaceType, Map<String, String> options,
                           Map<String, String> externalIds) {
        public PortSpec {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("port name must not be empty");
            }
            Objects.requireNonNull(interfaceType, "interfaceType");
            options = Map.copyOf(options);
            externalIds = Map.copyOf(externalIds);
        }

        /**
         * A flow-based VXLAN port: {@code options:remote_ip=flow options:key=flow options:local_ip=VTEP}, so flows
         * pick the peer and VNI (TESTBED.md).
         */
        public static PortSpec flowBasedVxlan(String name, String localIp) {
            Map<String, String> o = new LinkedHashMap<>();
            o.put("remote_ip", "flow");
            o.put("key", "flow");
            o.put("local_ip", localIp);
            return new PortSpec(name, Optional.of("vxlan"), o, Map.of());
        }
    }
}
