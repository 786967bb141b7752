package io.nvo3.controller.nve;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the controller remembers of an NVE across its own restarts, so that the first reconcile after a restart
 * already knows every NVE and where each port is plugged (no flow towards a not-yet-reconnected NVE is withdrawn).
 *
 * @param plugs    Neutron port id to OpenFlow port on br-int
 * @param remoteIp the address its OVSDB connection came from (null in records written before it was kept)
 */
public record NveRecord(String systemId, String vtep, int tunnelOfport, String datapathType, Map<String, Integer> plugs,
                        String remoteIp) {
    public NveRecord {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(vtep, "vtep");
        datapathType = datapathType == null ? "" : datapathType;
        plugs = plugs == null ? Map.of() : Map.copyOf(new TreeMap<>(plugs));
    }
}
