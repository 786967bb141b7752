package io.nvo3.app.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nvo3.app.cli.BgpCommands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Talking to a controller's BGP API and CLI from tests, and GoBGP's config for a passive neighbor. */
final class BgpTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BgpTestSupport() {}

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    static JsonNode yaml(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply call(String api, String token, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + api + path)).timeout(Duration.ofSeconds(10))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode get(String api, String token, String path) {
        Reply r = call(api, token, "GET", path, null);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " -> " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /** {@code nvo3 bgp ARGS --api API --token TOKEN} in this JVM: exit code and standard output. */
    record CliRun(int exit, String out) {}

    static synchronized CliRun cli(String api, String token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", api, "--token", token));
        PrintStream before = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            int exit = new CommandLine(new BgpCommands()).execute(all.toArray(String[]::new));
            return new CliRun(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(before);
        }
    }

    /** A passive GoBGP neighbor for {@code address} (we connect to GoBGP, never the other way round). */
    static String goBgpPassiveNeighbor(String address, long as, String localAddress, String... families) {
        return io.nvo3.testbed.GoBgp.passiveNeighborToml(address, as, localAddress, null, families);
    }
}
