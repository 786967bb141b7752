package io.nvo3.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The JSON side of a controller's API as tests and benchmarks drive it: every call carries {@code X-Auth-Token} and
 * must answer the expected status, else an IllegalStateException names the call and shows the body.
 */
public final class JsonRest {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final String base;
    private final String token;

    /** @param name for messages; @param base e.g. {@code http://127.0.0.1:9696} */
    public JsonRest(String name, String base, String token) {
        this.name = name;
        this.base = base;
        this.token = token;
    }

    public static JsonRest local(String name, int apiPort, String token) {
        return new JsonRest(name, "http://127.0.0.1:" + apiPort, token);
    }

    public String token() {
        return token;
    }

    /** {@code method path} with {@code body} (any Jackson-serialisable value, or null); the answer's JSON. */
    public JsonNode send(String method, String path, Object body, int expect) {
        HttpResponse<String> r = exchange(method, path, body, true);
        if (r.statusCode() != expect) {
            throw new IllegalStateException(name + ": " + method + " " + path + " answered " + r.statusCode() + ": "
                    + r.body());
        }
        try {
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode get(String path) {
        return send("GET", path, null, 200);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body, 201);
    }

    /** The status code of {@code method path} (any: for calls that must be refused). */
    public int status(String method, String path, Object body) {
        return exchange(method, path, body, true).statusCode();
    }

    /** A GET answering text (e.g. /metrics). */
    public String text(String path) {
        HttpResponse<String> r = exchange("GET", path, null, false);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(name + ": GET " + path + " answered " + r.statusCode());
        }
        return r.body();
    }

    private HttpResponse<String> exchange(String method, String path, Object body, boolean json) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("X-Auth-Token", token);
            if (json) {
                b.header("Accept", "application/json");
            }
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
