package io.nvo3.api.bgpvpn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nvo3.api.ApiServer;
import io.nvo3.api.Json;
import io.nvo3.api.NveStatusSource;
import io.nvo3.api.Principal;
import io.nvo3.api.TokenRegistry;
import io.nvo3.controller.federation.BgpVpnCreate;
import io.nvo3.controller.federation.BgpVpnService;
import io.nvo3.controller.federation.BgpVpnType;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.model.NetworkRequest;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real {@code openstack bgpvpn} commands (python3-openstackclient with the networking-bgpvpn
 * client plugin) against the in-process API on a loopback port.
 */
class BgpVpnCliIT {
    private static final String ADMIN = "admin-token";
    private static final String ALICE = "alice-token";

    @TempDir
    Path home;
    private KvStore store;
    private ModelService model;
    private BgpVpnService bgpvpns;
    private ApiServer server;

    record Run(int rc, String out, String err) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON (rc " + rc + "): " + out + "\n" + err, e);
            }
        }
    }

    @BeforeEach
    void start() throws IOException {
        store = KvStores.inMemory();
        model = ModelService.open(store, ModelConfig.defaults());
        bgpvpns = BgpVpnService.open(store, id -> model.network(id).isPresent());
        server = ApiServer.start(new ApiServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        BgpVpnRoutes.routes(bgpvpns, model)), model,
                TokenRegistry.of(Map.of(ADMIN, new Principal("admin", true), ALICE, new Principal("alice", false))),
                store, NveStatusSource.empty(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void stop() {
        server.close();
        bgpvpns.close();
        model.close();
        store.close();
    }

    private Run os(String token, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openstack", "--os-auth-type", "admin_token", "--os-token", token,
                "--os-endpoint", "http://127.0.0.1:" + server.address().getPort(), "--os-interface", "public"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("OS_"));
        pb.environment().put("HOME", home.toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openstack " + String.join(" ", args) + " timed out");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private JsonNode ok(String token, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("-f", "json"));
        Run r = os(token, a.toArray(String[]::new));
        assertThat(r.rc()).as("openstack %s\n%s", String.join(" ", args), r.err()).isZero();
        return r.json();
    }

    private void okQuiet(String token, String... args) throws Exception {
        Run r = os(token, args);
        assertThat(r.rc()).as("openstack %s\n%s", String.join(" ", args), r.err()).isZero();
    }

    @Test
    void adminManagesABgpvpnAndAProjectAssociatesItsNetwork() throws Exception {
        JsonNode created = ok(ADMIN, "bgpvpn", "create", "--name", "blue", "--type", "l2", "--route-target",
                "65001:100", "--import-target", "65002:2000", "--route-distinguisher", "198.19.0.1:5", "--vni", "5000");
        // the CLI prints display names
        String id = created.get("ID").asText();
        assertThat(created.get("Name").asText()).isEqualTo("blue");
        assertThat(created.get("Type").asText()).isEqualTo("l2");
        assertThat(created.get("Route Targets").toString()).isEqualTo("[\"65001:100\"]");
        assertThat(created.get("Route Distinguishers").toString()).isEqualTo("[\"198.19.0.1:5\"]");
        assertThat(created.get("VNI").asInt()).isEqualTo(5000);
        assertThat(bgpvpns.bgpvpn(id).orElseThrow().vni()).isEqualTo(5000);

        okQuiet(ADMIN, "bgpvpn", "set", id, "--name", "green", "--export-target", "65001:200");
        JsonNode shown = ok(ADMIN, "bgpvpn", "show", id);
        assertThat(shown.get("Name").asText()).isEqualTo("green");
        assertThat(shown.get("Export Targets").toString()).isEqualTo("[\"65001:200\"]");
        assertThat(ok(ADMIN, "bgpvpn", "list").findValuesAsText("ID")).containsExactly(id);

        // a BGPVPN handed to a project, which associates one of its networks with it
        String mine = bgpvpns.create(BgpVpnCreate.of("alice", "for-alice", BgpVpnType.L2, List.of("65001:300"))).id();
        String net = model.createNetwork(NetworkRequest.named("alice", "alice-net")).id();
        assertThat(ok(ALICE, "bgpvpn", "list").findValuesAsText("ID")).containsExactly(mine);
        JsonNode assoc = ok(ALICE, "bgpvpn", "network", "association", "create", mine, net);
        assertThat(assoc.get("Network ID").asText()).isEqualTo(net);
        assertThat(ok(ALICE, "bgpvpn", "network", "association", "list", mine).findValuesAsText("Network ID"))
                .containsExactly(net);
        assertThat(bgpvpns.networkIdsOf(mine)).containsExactly(net);
        okQuiet(ALICE, "bgpvpn", "network", "association", "delete", assoc.get("ID").asText(), mine);
        assertThat(bgpvpns.networkIdsOf(mine)).isEmpty();

        Run refused = os(ALICE, "bgpvpn", "delete", mine);
        assertThat(refused.rc()).isNotZero();
        okQuiet(ADMIN, "bgpvpn", "delete", id);
        assertThat(bgpvpns.bgpvpn(id)).isEmpty();
    }
}
