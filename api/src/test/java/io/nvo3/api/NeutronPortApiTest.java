package io.nvo3.api;

import static io.nvo3.api.TestApi.ADMIN;
import static io.nvo3.api.TestApi.ALICE;
import static io.nvo3.api.TestApi.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeutronPortApiTest {
    private TestApi api;
    private String net;

    @BeforeEach
    void start() throws Exception {
        api = new TestApi();
        net = api.post("/v2.0/networks", ALICE, "{\"network\": {\"name\": \"n\"}}").json().at("/network/id").asText();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String subnet(String body) {
        TestApi.Reply r = api.post("/v2.0/subnets", ALICE, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/subnet/id").asText();
    }

    private static void assertError(TestApi.Reply r, int status, String type, String mentions) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().at("/NeutronError/type").asText()).as(r.body()).isEqualTo(type);
        assertThat(r.json().at("/NeutronError/message").asText()).contains(mentions);
    }

    @Test
    void createsIpv4AndIpv6SubnetsWithNeutronDefaults() {
        TestApi.Reply r = api.post("/v2.0/subnets", ALICE, "{\"subnet\": {\"network_id\": \"" + net
                + "\", \"ip_version\": 4, \"cidr\": \"203.0.113.0/24\", \"dns_nameservers\": [\"198.51.100.53\"],"
                + " \"host_routes\": [{\"destination\": \"198.51.100.0/24\", \"nexthop\": \"203.0.113.254\"}]}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode s = r.json().get("subnet");
        assertThat(s.get("gateway_ip").asText()).isEqualTo("203.0.113.1");
        assertThat(s.get("allocation_pools").get(0).get("start").asText()).isEqualTo("203.0.113.2");
        assertThat(s.get("allocation_pools").get(0).get("end").asText()).isEqualTo("203.0.113.254");
        assertThat(s.get("enable_dhcp").asBoolean()).isTrue();
        assertThat(s.get("ip_version").asInt()).isEqualTo(4);
        assertThat(s.at("/host_routes/0/nexthop").asText()).isEqualTo("203.0.113.254");
        TestApi.Reply v6 = api.post("/v2.0/subnets", ALICE, "{\"subnet\": {\"network_id\": \"" + net
                + "\", \"ip_version\": 6, \"cidr\": \"2001:DB8:1::/64\", \"gateway_ip\": null,"
                + " \"ipv6_address_mode\": \"dhcpv6-stateful\", \"ipv6_ra_mode\": \"dhcpv6-stateful\"}}");
        assertThat(v6.status()).as(v6.body()).isEqualTo(201);
        assertThat(v6.json().at("/subnet/cidr").asText()).isEqualTo("2001:db8:1::/64");
        assertThat(v6.json().at("/subnet/gateway_ip").isNull()).isTrue();
        assertThat(api.get("/v2.0/networks/" + net, ALICE).json().at("/network/subnets")).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"ip_version\": 4, \"cidr\": \"203.0.113.0/33\"|cidr",
            "\"ip_version\": 4, \"cidr\": \"not-a-cidr\"|cidr",
            "\"ip_version\": 4, \"cidr\": \"203.0.113.5/24\"|cidr",
            "\"ip_version\": 6, \"cidr\": \"203.0.113.0/24\"|ip_version",
            "\"ip_version\": 5, \"cidr\": \"203.0.113.0/24\"|ip_version",
            "\"ip_version\": 4, \"cidr\": \"203.0.113.0/24\", \"gateway_ip\": \"203.0.113.300\"|gateway_ip",
            "\"ip_version\": 4, \"cidr\": \"203.0.113.0/24\", \"dns_nameservers\": [\"x\"]|dns_nameservers",
            "\"ip_version\": 4, \"cidr\": \"203.0.113.0/24\", \"allocation_pools\": [{\"start\": \"203.0.113.10\", \"end\": \"203.0.114.1\"}]|allocation pool",
            "\"ip_version\": 4, \"cidr\": \"203.0.113.0/24\", \"host_routes\": [{\"destination\": \"1.2.3.4\", \"nexthop\": \"203.0.113.1\"}]|host_routes"})
    void invalidSubnetsAre400NamingTheField(String attrs, String field) {
        long rev = api.store.revision();
        TestApi.Reply r = api.post("/v2.0/subnets", ALICE, "{\"subnet\": {\"network_id\": \"" + net + "\", " + attrs + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().at("/NeutronError/message").asText()).contains(field);
        assertThat(api.store.revision()).isEqualTo(rev);
    }

    @Test
    void overlappingCidrsInDifferentNetworksAreNormal() {
        String other = api.post("/v2.0/networks", BOB, "{\"network\": {}}").json().at("/network/id").asText();
        subnet("{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\": \"198.51.100.0/24\"}}");
        TestApi.Reply r = api.post("/v2.0/subnets", BOB, "{\"subnet\": {\"network_id\": \"" + other
                + "\", \"ip_version\": 4, \"cidr\": \"198.51.100.0/24\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertError(api.post("/v2.0/subnets", BOB, "{\"subnet\": {\"network_id\": \"" + net
                + "\", \"ip_version\": 4, \"cidr\": \"203.0.113.0/24\"}}"), 404, "NetworkNotFound", net);
    }

    @Test
    void createsAPortWithAllocatedMacAndAddressThenUpdatesAndDeletesIt() {
        String sub = subnet("{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\": \"203.0.113.0/24\"}}");
        TestApi.Reply r = api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net
                + "\", \"name\": \"vm1\", \"device_id\": \"d1\", \"device_owner\": \"compute:nova\","
                + " \"allowed_address_pairs\": [{\"ip_address\": \"198.51.100.0/24\"}]}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode p = r.json().get("port");
        String id = p.get("id").asText();
        assertThat(p.get("mac_address").asText()).matches("fa:16:3e(:[0-9a-f]{2}){3}");
        assertThat(p.at("/fixed_ips/0/ip_address").asText()).isEqualTo("203.0.113.2");
        assertThat(p.at("/fixed_ips/0/subnet_id").asText()).isEqualTo(sub);
        assertThat(p.get("status").asText()).isEqualTo("DOWN");
        assertThat(p.get("port_security_enabled").asBoolean()).isTrue();
        assertThat(p.at("/allowed_address_pairs/0/mac_address").asText()).isEqualTo(p.get("mac_address").asText());
        assertThat(p.has("binding:host_id")).as("binding attributes are admin-only").isFalse();

        JsonNode admin = api.get("/v2.0/ports/" + id, ADMIN).json().get("port");
        assertThat(admin.get("binding:vif_type").asText()).isEqualTo("unbound");
        TestApi.Reply bound = api.put("/v2.0/ports/" + id, ADMIN, "{\"port\": {\"binding:host_id\": \"hv1\"}}");
        assertThat(bound.json().at("/port/binding:vif_type").asText()).isEqualTo("ovs");
        assertThat(bound.json().at("/port/binding:vif_details/bridge_name").asText()).isEqualTo("br-int");

        TestApi.Reply u = api.put("/v2.0/ports/" + id, ALICE, "{\"port\": {\"fixed_ips\": [{\"subnet_id\": \"" + sub
                + "\", \"ip_address\": \"203.0.113.50\"}], \"admin_state_up\": false}}");
        assertThat(u.status()).as(u.body()).isEqualTo(200);
        assertThat(u.json().at("/port/fixed_ips/0/ip_address").asText()).isEqualTo("203.0.113.50");
        // .2 was given back
        TestApi.Reply second = api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net + "\"}}");
        assertThat(second.json().at("/port/fixed_ips/0/ip_address").asText()).isEqualTo("203.0.113.2");

        assertError(api.delete("/v2.0/networks/" + net, ALICE), 409, "NetworkInUse", net);
        assertThat(api.delete("/v2.0/ports/" + id, ALICE).status()).isEqualTo(204);
        assertError(api.get("/v2.0/ports/" + id, ALICE), 404, "PortNotFound", id);
    }

    @Test
    void addressConflictsAndExhaustionAre409() {
        String sub = subnet("{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\": \"203.0.113.0/24\","
                + " \"allocation_pools\": [{\"start\": \"203.0.113.10\", \"end\": \"203.0.113.10\"}]}}");
        String port = "{\"port\": {\"network_id\": \"" + net + "\"}}";
        assertThat(api.post("/v2.0/ports", ALICE, port).status()).isEqualTo(201);
        long rev = api.store.revision();
        assertError(api.post("/v2.0/ports", ALICE, port), 409, "IpAddressGenerationFailure", "No more IP addresses");
        assertError(api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net
                + "\", \"fixed_ips\": [{\"ip_address\": \"203.0.113.10\"}]}}"), 409, "IpAddressInUse", "203.0.113.10");
        assertError(api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net
                + "\", \"fixed_ips\": [{\"subnet_id\": \"" + sub + "\", \"ip_address\": \"198.51.100.1\"}]}}"), 400,
                "InvalidIpForSubnet", "198.51.100.1");
        assertError(api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net
                + "\", \"mac_address\": \"zz:16:3e:00:00:01\", \"fixed_ips\": []}}"), 400, "InvalidInput", "mac_address");
        assertThat(api.store.revision()).isEqualTo(rev);
        String mac = api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net + "\", \"fixed_ips\": []}}")
                .json().at("/port/mac_address").asText();
        assertError(api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net
                + "\", \"mac_address\": \"" + mac + "\", \"fixed_ips\": []}}"), 409, "MacAddressInUse", mac);
    }

    @Test
    void portSecurityRulesFollowNeutron() {
        assertError(api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net
                + "\", \"port_security_enabled\": false, \"allowed_address_pairs\": [{\"ip_address\": \"203.0.113.9\"}]}}"),
                409, "AddressPairAndPortSecurityRequired", "Port Security");
        assertError(api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net
                + "\", \"security_groups\": [\"not-a-uuid\"]}}"), 400, "InvalidInput", "security_groups");
        assertError(api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net
                + "\", \"binding:host_id\": \"hv1\"}}"), 403, "PolicyNotAuthorized", "binding:host_id");
    }

    @Test
    void portsGetTheProjectsDefaultSecurityGroupAsInNeutron() {
        JsonNode groups = api.get("/v2.0/security-groups?name=default", ALICE).json().get("security_groups");
        assertThat(groups).hasSize(1);
        String sg = groups.get(0).get("id").asText();
        assertThat(groups.get(0).get("project_id").asText()).isEqualTo("alice");
        assertThat(groups.get(0).get("security_group_rules")).hasSize(4);
        JsonNode p = api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net + "\"}}").json().get("port");
        assertThat(p.get("security_groups").get(0).asText()).isEqualTo(sg);
        assertThat(api.get("/v2.0/security-groups/" + sg, ALICE).status()).isEqualTo(200);
        assertError(api.get("/v2.0/security-groups/" + sg, BOB), 404, "SecurityGroupNotFound", sg);
        JsonNode open = api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net
                + "\", \"port_security_enabled\": false}}").json().get("port");
        assertThat(open.get("security_groups")).isEmpty();
        assertError(api.put("/v2.0/ports/" + p.get("id").asText(), ALICE, "{\"port\": {\"port_security_enabled\": false}}"),
                409, "PortSecurityPortHasSecurityGroup", "security group");
    }

    @Test
    void anotherProjectCannotSeeOrTouchPorts() {
        String id = api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net + "\"}}").json().at("/port/id").asText();
        assertError(api.get("/v2.0/ports/" + id, BOB), 404, "PortNotFound", id);
        assertError(api.delete("/v2.0/ports/" + id, BOB), 404, "PortNotFound", id);
        assertError(api.post("/v2.0/ports", BOB, "{\"port\": {\"network_id\": \"" + net + "\"}}"), 404,
                "NetworkNotFound", net);
        assertThat(api.get("/v2.0/ports", BOB).json().get("ports")).isEmpty();
        assertThat(api.get("/v2.0/ports", ADMIN).json().get("ports")).hasSize(1);
    }
}
