package io.nvo3.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Issue 6 from the command line: moves, a network's FIB population mode, the mobility redirects in force. */
public final class LifecycleCommands {
    private LifecycleCommands() {}

    private static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Command(name = "move", mixinStandardHelpOptions = true,
            description = "Move a tenant system to another NVE (POST /api/v1/tenant-systems/{id}/move).")
    public static final class Move extends CliCommands.Base {
        @Parameters(index = "0", paramLabel = "PORT_ID")
        String portId;

        @Parameters(index = "1", paramLabel = "SYSTEM_ID", description = "The NVE (hypervisor system-id) to move to.")
        String to;

        @Override
        void run(ApiClient api) {
            ObjectNode body = ApiClient.JSON.createObjectNode().put("to", to);
            System.out.println(api.post("/api/v1/tenant-systems/" + seg(portId) + "/move", body).toPrettyString());
        }
    }

    @Command(name = "fib-policy", mixinStandardHelpOptions = true,
            description = "Show a network's FIB population mode, or change it with --mode / --suspended.")
    public static final class FibPolicy extends CliCommands.Base {
        @Parameters(paramLabel = "NETWORK_ID")
        String networkId;

        @Option(names = "--mode", description = "push, pull or hybrid.")
        String mode;

        @Option(names = "--suspended", description = "What SUSPENDED does to BGP routes: withdraw or keep.")
        String suspended;

        @Override
        void run(ApiClient api) {
            String path = "/api/v1/networks/" + seg(networkId) + "/fib-policy";
            JsonNode res;
            if (mode == null && suspended == null) {
                res = api.get(path);
            } else {
                ObjectNode body = ApiClient.JSON.createObjectNode();
                if (mode != null) {
                    body.put("mode", mode);
                }
                if (suspended != null) {
                    body.put("suspended", suspended);
                }
                res = api.put(path, body);
            }
            System.out.println(res.toPrettyString());
        }
    }

    @Command(name = "redirects", mixinStandardHelpOptions = true,
            description = "Moved tenant systems whose old NVE still tunnels their traffic on (grace time).")
    public static final class Redirects extends CliCommands.Base {
        @Override
        void run(ApiClient api) {
            show(api.get("/api/v1/mobility/redirects").path("redirects"), "network_id", "mac_address", "from_nve",
                    "to_vtep", "vni");
        }
    }
}
