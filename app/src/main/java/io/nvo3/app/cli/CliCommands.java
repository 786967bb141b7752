package io.nvo3.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Admin subcommands: read and change a running controller through its API. */
public final class CliCommands {
    private CliCommands() {}

    /** Where the controller is and how to authenticate; shared by every admin subcommand. */
    public static final class Target {
        @Option(names = "--api", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9696",
                description = "Controller API address (default ${DEFAULT-VALUE}).")
        String api;

        @Option(names = "--token", paramLabel = "TOKEN", description = "API token (else $NVO3_TOKEN, else DATA_DIR/admin-token).")
        String token;

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data", description = "Where to find admin-token (default ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or json.")
        String output;

        ApiClient client() {
            return new ApiClient(api, token, dataDir);
        }

        boolean json() {
            return "json".equalsIgnoreCase(output);
        }
    }

    abstract static class Base implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public final Integer call() {
            try {
                run(target.client());
                return 0;
            } catch (CliException e) {
                System.err.println("nvo3: " + e.getMessage());
                return 1;
            }
        }

        abstract void run(ApiClient api);

        void show(JsonNode rows, String... columns) {
            if (target.json()) {
                System.out.println(rows.toPrettyString());
            } else {
                Table.print(System.out, rows, columns);
            }
        }
    }

    @Command(name = "nves", mixinStandardHelpOptions = true, description = "List the NVEs (hypervisors) and their connection and flow state.")
    public static final class Nves extends Base {
        @Override
        void run(ApiClient api) {
            show(api.get("/api/v1/nves").path("nves"), "system_id", "vtep", "ovsdb", "openflow", "flows_desired",
                    "flows_installed", "last_reconcile", "warnings");
        }
    }

    @Command(name = "networks", mixinStandardHelpOptions = true, description = "List tenant networks.")
    public static final class Networks extends Base {
        @Override
        void run(ApiClient api) {
            show(api.get("/v2.0/networks").path("networks"), "id", "name", "project_id", "provider:segmentation_id", "status");
        }
    }

    @Command(name = "ports", mixinStandardHelpOptions = true, description = "List ports (tenant systems) with their binding and state.")
    public static final class Ports extends Base {
        @Override
        void run(ApiClient api) {
            show(api.get("/v2.0/ports").path("ports"), "id", "network_id", "mac_address", "fixed_ips", "binding:host_id", "status");
        }
    }

    @Command(name = "tenant-system", mixinStandardHelpOptions = true,
            description = "Show a tenant system's state, or change it with --state.")
    public static final class TenantSystem extends Base {
        @Parameters(paramLabel = "PORT_ID")
        String portId;

        @Option(names = "--state", description = "NOT_DEPLOYED, RUNNING, SUSPENDED, SHUTDOWN, SHUT_OFF, MOVING or OTHER.")
        String state;

        @Option(names = "--substate", description = "Free-form sub-state (with --state OTHER).")
        String substate;

        @Override
        void run(ApiClient api) {
            JsonNode res;
            if (state == null) {
                res = api.get("/api/v1/tenant-systems/" + portId);
            } else {
                ObjectNode body = ApiClient.JSON.createObjectNode().put("state", state.toUpperCase());
                if (substate != null) {
                    body.put("substate", substate);
                }
                res = api.put("/api/v1/tenant-systems/" + portId, body);
            }
            System.out.println(res.toPrettyString());
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true, description = "Follow the model change stream (server-sent events).")
    public static final class Events extends Base {
        @Option(names = "--from", paramLabel = "REVISION", description = "Replay from this store revision.")
        Long from;

        @Override
        void run(ApiClient api) {
            HttpResponse<java.io.InputStream> res = api.stream("/api/v1/events" + (from == null ? "" : "?from=" + from));
            if (res.statusCode() != 200) {
                throw new CliException("HTTP " + res.statusCode() + " from /api/v1/events");
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("data:")) {
                        System.out.println(line.substring(5).trim());
                    }
                }
            } catch (IOException e) {
                throw new CliException("event stream ended: " + e.getMessage());
            }
        }
    }
}
