package io.nvo3.api.neutron;

import io.nvo3.api.Principal;
import io.nvo3.controller.model.ModelService;
import io.nvo3.model.AllocationPool;
import io.nvo3.model.AllowedAddressPair;
import io.nvo3.model.FixedIp;
import io.nvo3.model.HostRoute;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neutron's JSON representation of the model. Policy-hidden attributes (provider:*, binding:*
 * except vnic_type) are left out for non-admins, as Neutron's default policy does.
 */
public final class Views {
    private Views() {}

    public static Map<String, Object> network(Network n, ModelService model, Principal who) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("name", n.name());
        m.put("tenant_id", n.projectId());
        m.put("project_id", n.projectId());
        m.put("admin_state_up", n.adminStateUp());
        m.put("mtu", n.mtu());
        m.put("status", "ACTIVE");
        m.put("subnets", model.subnetIdsOf(n.id()));
        m.put("shared", n.shared());
        m.put("availability_zone_hints", List.of());
        m.put("availability_zones", List.of());
        m.put("ipv4_address_scope", null);
        m.put("ipv6_address_scope", null);
        m.put("router:external", false);
        m.put("description", n.description());
        m.put("port_security_enabled", n.portSecurityEnabled());
        m.put("l2_adjacency", true);
        m.put("tags", List.of());
        m.put("created_at", n.createdAt().toString());
        m.put("updated_at", n.updatedAt().toString());
        m.put("revision_number", n.revisionNumber());
        // nvo3 extension attribute (issue 6): how the network's FIB is populated
        m.put("fib_policy", Map.of("mode", n.fibPolicy().mode().apiName(),
                "suspended", n.fibPolicy().suspended().apiName()));
        if (who == null || who.admin()) {
            m.put("provider:network_type", "vxlan");
            m.put("provider:physical_network", null);
            m.put("provider:segmentation_id", n.vni());
        }
        return m;
    }

    public static Map<String, Object> subnet(Subnet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("tenant_id", s.projectId());
        m.put("project_id", s.projectId());
        m.put("network_id", s.networkId());
        m.put("ip_version", s.ipVersion());
        m.put("subnetpool_id", null);
        m.put("enable_dhcp", s.enableDhcp());
        m.put("ipv6_ra_mode", s.ipv6RaMode());
        m.put("ipv6_address_mode", s.ipv6AddressMode());
        m.put("gateway_ip", s.gatewayIp());
        m.put("cidr", s.cidr());
        List<Map<String, Object>> pools = new ArrayList<>();
        for (AllocationPool p : s.allocationPools()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("start", p.start());
            pm.put("end", p.end());
            pools.add(pm);
        }
        m.put("allocation_pools", pools);
        List<Map<String, Object>> routes = new ArrayList<>();
        for (HostRoute h : s.hostRoutes()) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("destination", h.destination());
            hm.put("nexthop", h.nexthop());
            routes.add(hm);
        }
        m.put("host_routes", routes);
        m.put("dns_nameservers", s.dnsNameservers());
        m.put("description", s.description());
        m.put("service_types", List.of());
        m.put("segment_id", null);
        m.put("tags", List.of());
        m.put("created_at", s.createdAt().toString());
        m.put("updated_at", s.updatedAt().toString());
        m.put("revision_number", s.revisionNumber());
        return m;
    }

    public static Map<String, Object> port(Port p, Principal who) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("network_id", p.networkId());
        m.put("tenant_id", p.projectId());
        m.put("project_id", p.projectId());
        m.put("mac_address", p.macAddress());
        m.put("admin_state_up", p.adminStateUp());
        m.put("status", p.status());
        m.put("device_id", p.deviceId());
        m.put("device_owner", p.deviceOwner());
        List<Map<String, Object>> ips = new ArrayList<>();
        for (FixedIp f : p.fixedIps()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("subnet_id", f.subnetId());
            fm.put("ip_address", f.ipAddress());
            ips.add(fm);
        }
        m.put("fixed_ips", ips);
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (AllowedAddressPair a : p.allowedAddressPairs()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("ip_address", a.ipAddress());
            am.put("mac_address", a.macAddress());
            pairs.add(am);
        }
        m.put("allowed_address_pairs", pairs);
        m.put("extra_dhcp_opts", List.of());
        m.put("security_groups", p.securityGroups());
        m.put("port_security_enabled", p.portSecurityEnabled());
        m.put("description", p.description());
        m.put("binding:vnic_type", "normal");
        if (who == null || who.admin()) {
            boolean bound = !p.hostId().isEmpty();
            m.put("binding:host_id", p.hostId());
            m.put("binding:profile", p.bindingProfile());
            m.put("binding:vif_type", bound ? "ovs" : "unbound");
            Map<String, Object> details = new LinkedHashMap<>();
            if (bound) {
                details.put("connectivity", "l2");
                details.put("port_filter", true);
                details.put("ovs_hybrid_plug", false);
                details.put("datapath_type", "system");
                details.put("bridge_name", "br-int");
            }
            m.put("binding:vif_details", details);
        }
        m.put("tags", List.of());
        m.put("created_at", p.createdAt().toString());
        m.put("updated_at", p.updatedAt().toString());
        m.put("revision_number", p.revisionNumber());
        return m;
    }
}
