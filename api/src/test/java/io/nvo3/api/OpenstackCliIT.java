package io.nvo3.api;

import static io.nvo3.api.TestApi.ADMIN;
import static io.nvo3.api.TestApi.ALICE;
import static io.nvo3.api.TestApi.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real {@code openstack} CLI (python3-openstackclient, openstacksdk) against the
 * in-process API on a loopback port: network/subnet/port create, list, show by name, set,
 * delete, and isolation between projects.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenstackCliIT {
    private static TestApi api;
    @TempDir
    static Path home;

    record Run(int rc, String out, String err) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON (rc " + rc + "): " + out + "\n" + err, e);
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        api = new TestApi();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static Run os(String token, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openstack", "--os-auth-type", "admin_token", "--os-token", token,
                "--os-endpoint", api.base(), "--os-interface", "public"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("OS_"));
        pb.environment().put("HOME", home.toString()); // no clouds.yaml from the machine
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openstack " + args[0] + " timed out");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static JsonNode ok(String token, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("-f", "json"));
        Run r = os(token, a.toArray(String[]::new));
        assertThat(r.rc()).as("openstack %s\n%s", String.join(" ", args), r.err()).isZero();
        return r.json();
    }

    private static void okNoOutput(String token, String... args) throws Exception {
        Run r = os(token, args);
        assertThat(r.rc()).as("openstack %s\n%s", String.join(" ", args), r.err()).isZero();
    }

    @Test
    @Order(1)
    void createsNetworkSubnetsAndPort() throws Exception {
        JsonNode net = ok(ALICE, "network", "create", "cli-net", "--description", "made by the CLI");
        assertThat(net.get("name").asText()).isEqualTo("cli-net");
        assertThat(net.get("project_id").asText()).isEqualTo("alice");
        assertThat(net.get("mtu").asInt()).isEqualTo(1450);
        JsonNode v4 = ok(ALICE, "subnet", "create", "cli-v4", "--network", "cli-net", "--subnet-range",
                "203.0.113.0/24", "--allocation-pool", "start=203.0.113.10,end=203.0.113.100", "--dns-nameserver",
                "198.51.100.53");
        assertThat(v4.get("cidr").asText()).isEqualTo("203.0.113.0/24");
        assertThat(v4.get("gateway_ip").asText()).isEqualTo("203.0.113.1");
        JsonNode v6 = ok(ALICE, "subnet", "create", "cli-v6", "--network", "cli-net", "--ip-version", "6",
                "--subnet-range", "2001:db8:1::/64");
        assertThat(v6.get("ip_version").asInt()).isEqualTo(6);
        JsonNode port = ok(ALICE, "port", "create", "cli-port", "--network", "cli-net", "--fixed-ip",
                "subnet=cli-v4,ip-address=203.0.113.20", "--device", "vm-1", "--device-owner", "compute:nova");
        assertThat(port.get("status").asText()).isEqualTo("DOWN");
        assertThat(port.get("mac_address").asText()).startsWith("fa:16:3e:");
        assertThat(port.get("fixed_ips").toString()).contains("203.0.113.20");
        JsonNode auto = ok(ALICE, "port", "create", "cli-port-2", "--network", "cli-net", "--security-group", "default");
        assertThat(auto.get("security_group_ids").toString()).contains(
                ok(ALICE, "security", "group", "show", "default").get("id").asText());
        assertThat(auto.get("fixed_ips").toString()).contains("203.0.113.10").contains("2001:db8:1::");
    }

    @Test
    @Order(2)
    void listsAndShowsByName() throws Exception {
        assertThat(ok(ALICE, "network", "list").findValuesAsText("Name")).containsExactly("cli-net");
        assertThat(ok(ALICE, "subnet", "list").findValuesAsText("Name")).containsExactlyInAnyOrder("cli-v4", "cli-v6");
        assertThat(ok(ALICE, "port", "list").findValuesAsText("Name")).containsExactlyInAnyOrder("cli-port", "cli-port-2");
        assertThat(ok(ALICE, "port", "list", "--network", "cli-net", "--fixed-ip", "ip-address=203.0.113.20")
                .findValuesAsText("Name")).containsExactly("cli-port");
        assertThat(ok(ALICE, "network", "show", "cli-net").get("subnets")).hasSize(2);
        assertThat(ok(ALICE, "subnet", "show", "cli-v4").get("allocation_pools").toString()).contains("203.0.113.100");
        assertThat(ok(ALICE, "port", "show", "cli-port").get("device_id").asText()).isEqualTo("vm-1");
        JsonNode asAdmin = ok(ADMIN, "network", "show", "cli-net");
        assertThat(asAdmin.get("provider:network_type").asText()).isEqualTo("vxlan");
        assertThat(asAdmin.get("provider:segmentation_id").asLong()).isBetween(1000L, 16777215L);
    }

    @Test
    @Order(3)
    void setsAttributes() throws Exception {
        okNoOutput(ALICE, "network", "set", "cli-net", "--name", "cli-net-2", "--description", "renamed");
        okNoOutput(ALICE, "subnet", "set", "cli-v4", "--dns-nameserver", "198.51.100.54");
        okNoOutput(ALICE, "port", "set", "cli-port", "--name", "cli-port-b", "--fixed-ip", "subnet=cli-v4,ip-address=203.0.113.21");
        assertThat(ok(ALICE, "network", "show", "cli-net-2").get("description").asText()).isEqualTo("renamed");
        assertThat(ok(ALICE, "subnet", "show", "cli-v4").get("dns_nameservers").toString()).contains("198.51.100.54");
        JsonNode port = ok(ALICE, "port", "show", "cli-port-b");
        assertThat(port.get("fixed_ips").toString()).contains("203.0.113.20").contains("203.0.113.21");
    }

    @Test
    @Order(4)
    void anotherProjectSeesNothing() throws Exception {
        Run show = os(BOB, "network", "show", "cli-net-2");
        assertThat(show.rc()).isNotZero();
        assertThat(show.err()).contains("cli-net-2");
        assertThat(os(BOB, "port", "show", "cli-port-b").rc()).isNotZero();
        assertThat(ok(BOB, "network", "list")).isEmpty();
        assertThat(ok(BOB, "subnet", "list")).isEmpty();
        assertThat(ok(BOB, "port", "list")).isEmpty();
        assertThat(os(BOB, "network", "delete", "cli-net-2").rc()).isNotZero();
        assertThat(ok(ALICE, "network", "list")).hasSize(1);
    }

    @Test
    @Order(5)
    void reportsConflictsAndAnAdminPicksTheVni() throws Exception {
        Run dup = os(ALICE, "port", "create", "dup", "--network", "cli-net-2", "--fixed-ip",
                "subnet=cli-v4,ip-address=203.0.113.20");
        assertThat(dup.rc()).isNotZero();
        assertThat(dup.err()).contains("203.0.113.20").contains("in use");
        Run inUse = os(ALICE, "network", "delete", "cli-net-2");
        assertThat(inUse.rc()).isNotZero();
        JsonNode adminNet = ok(ADMIN, "network", "create", "admin-net", "--provider-network-type", "vxlan",
                "--provider-segment", "4242");
        assertThat(adminNet.get("provider:segmentation_id").asInt()).isEqualTo(4242);
        Run clash = os(ADMIN, "network", "create", "clash", "--provider-network-type", "vxlan", "--provider-segment", "4242");
        assertThat(clash.rc()).isNotZero();
        assertThat(clash.err()).contains("4242");
        Run member = os(ALICE, "network", "create", "m", "--provider-network-type", "vxlan", "--provider-segment", "4243");
        assertThat(member.rc()).isNotZero();
        assertThat(member.err()).contains("disallowed by policy");
        assertThat(os(ALICE, "network", "show", "admin-net").rc()).isNotZero();
        okNoOutput(ADMIN, "network", "delete", "admin-net");
    }

    @Test
    @Order(6)
    void deletesEverything() throws Exception {
        okNoOutput(ALICE, "port", "delete", "cli-port-b", "cli-port-2");
        okNoOutput(ALICE, "subnet", "delete", "cli-v6");
        okNoOutput(ALICE, "network", "delete", "cli-net-2");
        assertThat(ok(ALICE, "network", "list")).isEmpty();
        assertThat(ok(ALICE, "subnet", "list")).isEmpty();
        assertThat(ok(ALICE, "port", "list")).isEmpty();
        assertThat(api.store.range("/nvo3/")).isEmpty();
    }
}
