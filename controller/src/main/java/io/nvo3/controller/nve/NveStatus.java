package io.nvo3.controller.nve;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One NVE as {@code GET /api/v1/nves} shows it. {@code systemId} is null for a hypervisor whose OVSDB connection
 * did not name itself (its warnings say why).
 */
public record NveStatus(@JsonProperty("system_id") String systemId,
                        @JsonProperty("vtep") String vtep,
                        @JsonProperty("ovsdb") String ovsdb,
                        @JsonProperty("openflow") String openflow,
                        @JsonProperty("ovsdb_remote") String ovsdbRemote,
                        @JsonProperty("datapath_id") String datapathId,
                        @JsonProperty("datapath_type") String datapathType,
                        @JsonProperty("tunnel_ofport") Integer tunnelOfport,
                        @JsonProperty("ports") int ports,
                        @JsonProperty("flows_desired") int flowsDesired,
                        @JsonProperty("flows_installed") Integer flowsInstalled,
                        @JsonProperty("groups_desired") int groupsDesired,
                        @JsonProperty("in_sync") boolean inSync,
                        @JsonProperty("last_reconcile") LastReconcile lastReconcile,
                        @JsonProperty("warnings") List<String> warnings,
                        @JsonProperty("packet_in") io.nvo3.controller.nve.pull.PacketInStats packetIn) {
    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";

    public NveStatus {
        warnings = List.copyOf(warnings);
        packetIn = packetIn == null ? io.nvo3.controller.nve.pull.PacketInStats.NONE : packetIn;
    }

    /** Without packet-in counters (none handled). */
    public NveStatus(String systemId, String vtep, String ovsdb, String openflow, String ovsdbRemote,
                     String datapathId, String datapathType, Integer tunnelOfport, int ports, int flowsDesired,
                     Integer flowsInstalled, int groupsDesired, boolean inSync, LastReconcile lastReconcile,
                     List<String> warnings) {
        this(systemId, vtep, ovsdb, openflow, ovsdbRemote, datapathId, datapathType, tunnelOfport, ports,
                flowsDesired, flowsInstalled, groupsDesired, inSync, lastReconcile, warnings, null);
    }

    /** The last finished reconcile: when, whether the switch was read back first, what it sent and how long it took. */
    public record LastReconcile(@JsonProperty("at") String at,
                                @JsonProperty("full_read") boolean fullRead,
                                @JsonProperty("flow_adds") int flowAdds,
                                @JsonProperty("flow_mods") int flowMods,
                                @JsonProperty("flow_deletes") int flowDeletes,
                                @JsonProperty("group_adds") int groupAdds,
                                @JsonProperty("group_mods") int groupMods,
                                @JsonProperty("group_deletes") int groupDeletes,
                                @JsonProperty("duration_ms") double durationMs,
                                @JsonProperty("error") String error) {
    }
}
