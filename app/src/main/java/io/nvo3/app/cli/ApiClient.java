package io.nvo3.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the admin subcommands use to talk to a running controller's API. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    ApiClient(String api, String token, Path dataDir) {
        this.base = api.startsWith("http") ? api : "http://" + api;
        this.token = token != null ? token : tokenFrom(dataDir);
    }

    private static String tokenFrom(Path dataDir) {
        String env = System.getenv("NVO3_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        Path file = dataDir.resolve("admin-token");
        try {
            String first = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).findFirst().orElse("");
            return first.trim().split("\\s+")[0];
        } catch (IOException e) {
            throw new CliException("no token: give --token, set NVO3_TOKEN, or point --data-dir at the controller's data dir ("
                    + file + " is not readable)");
        }
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    JsonNode put(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    HttpResponse<java.io.InputStream> stream(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Auth-Token", token)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private JsonNode send(HttpRequest.Builder req) {
        try {
            HttpResponse<String> res = http.send(req.header("X-Auth-Token", token).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = res.body().isEmpty() ? JSON.nullNode() : parse(res.body());
            if (res.statusCode() >= 400) {
                JsonNode err = body.path("NeutronError");
                String msg = err.isMissingNode() ? res.body() : err.path("message").asText();
                throw new CliException("HTTP " + res.statusCode() + ": " + msg);
            }
            return body;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private CliException unreachable(IOException e) {
        String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
        return new CliException("cannot reach the controller API at " + base + ": " + why);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
