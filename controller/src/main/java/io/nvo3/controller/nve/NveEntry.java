package io.nvo3.controller.nve;

import io.nvo3.controller.reconcile.NveReconciler;
import io.nvo3.openflow.channel.SwitchConnection;
import java.net.Inet4Address;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;

/** One known NVE: its facts, its connections, its reconciler. Confined to the manager's thread. */
final class NveEntry {
    final String systemId;
    final NveReconciler reconciler;
    Inet4Address vtep;
    int tunnelOfport;
    String datapathType = "";
    /** Where its OVSDB connection last came from (remembered across controller restarts). */
    String remoteIp;
    /** The OVSDB session that owns this system-id; null while disconnected. */
    OvsdbSessionState session;
    /** The br-int OpenFlow connection; null while disconnected. */
    SwitchConnection openflow;
    OptionalLong datapathId = OptionalLong.empty();
    /** Plugs last reported (or remembered from before a restart), by Neutron port id. */
    Map<String, NveFacts.Plug> plugs = new TreeMap<>();
    List<String> factWarnings = List.of();
    /** Remote addresses of other hypervisors that claim this system-id. */
    final Set<String> duplicateClaims = new LinkedHashSet<>();
    final Set<String> logged = new HashSet<>();
    boolean inFib;
    ScheduledFuture<?> goneTimer;

    NveEntry(String systemId, NveReconciler reconciler) {
        this.systemId = systemId;
        this.reconciler = reconciler;
    }
}
