package io.nvo3.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nvo3.api.nativeapi.NativeRoutes;
import io.nvo3.api.neutron.NeutronRoutes;
import io.nvo3.controller.model.ModelException;
import io.nvo3.controller.model.ModelService;
import io.nvo3.store.KvStore;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: Neutron v2.0 subset under {@code /v2.0}, the native API under {@code /api/v1},
 * {@code /metrics}. Jetty 12 core, one virtual thread per request.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /**
     * @param bind        where to listen (port 0 = ephemeral)
     * @param extraRoutes endpoints added by other features (BGP neighbors, NVEs, ...)
     */
    public record Options(InetSocketAddress bind, List<Route> extraRoutes) {
        public Options {
            Objects.requireNonNull(bind, "bind");
            extraRoutes = List.copyOf(extraRoutes);
        }

        public static Options of(InetSocketAddress bind) {
            return new Options(bind, List.of());
        }

        public Options withRoutes(List<Route> routes) {
            List<Route> all = new ArrayList<>(extraRoutes);
            all.addAll(routes);
            return new Options(bind, all);
        }
    }

    private final Server server;
    private final InetSocketAddress address;
    private final List<Route> routes;

    private ApiServer(Server server, InetSocketAddress address, List<Route> routes) {
        this.server = server;
        this.address = address;
        this.routes = routes;
    }

    /**
     * Starts the API. A taken port is a {@link BindException} naming the address.
     * {@code meters} may be any registry; {@code /metrics} serves it when it is a Prometheus one,
     * otherwise a Prometheus registry of the API's own meters.
     */
    public static ApiServer start(Options options, ModelService model, TokenRegistry tokens, KvStore store,
                                  NveStatusSource nves, MeterRegistry meters) throws IOException {
        PrometheusMeterRegistry prometheus = meters instanceof PrometheusMeterRegistry p ? p
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Router router = new Router();
        NeutronRoutes.register(router::add, model);
        NativeRoutes.register(router::add, model, store, nves == null ? NveStatusSource.empty() : nves, prometheus);
        options.extraRoutes().forEach(router::add);

        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("nvo3-api");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(options.bind().getAddress() == null ? options.bind().getHostString()
                : options.bind().getAddress().getHostAddress());
        connector.setPort(options.bind().getPort());
        connector.setReuseAddress(true);
        server.addConnector(connector);
        server.setHandler(new Dispatcher(router, tokens, prometheus));
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // best effort
            }
            Throwable t = e;
            while (t != null && !(t instanceof BindException)) {
                t = t.getCause();
            }
            if (t != null || (e.getMessage() != null && e.getMessage().contains("bind"))) {
                BindException be = new BindException("API address " + options.bind() + " is not available: "
                        + (t != null ? t.getMessage() : e.getMessage()));
                throw be;
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("API server failed to start on " + options.bind() + ": " + e.getMessage(), e);
        }
        InetSocketAddress actual = new InetSocketAddress(options.bind().getAddress(), connector.getLocalPort());
        LOG.info("API listening on {}", actual);
        return new ApiServer(server, actual, router.routes());
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The route table this server dispatches on: the core routes, then {@link Options#extraRoutes()}. */
    public List<Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("API server stop failed", e);
        }
    }

    /** Turns Jetty requests into route calls and answers into Jetty responses. */
    private static final class Dispatcher extends Handler.Abstract {
        private final Router router;
        private final TokenRegistry tokens;
        private final MeterRegistry meters;
        private final Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

        Dispatcher(Router router, TokenRegistry tokens, MeterRegistry meters) {
            this.router = router;
            this.tokens = tokens;
            this.meters = meters;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            String method = request.getMethod();
            String path = Request.getPathInContext(request);
            String template = "unmatched";
            String requestId = "req-" + UUID.randomUUID();
            response.getHeaders().put("X-Openstack-Request-Id", requestId);
            ApiResponse out;
            try {
                Router.Result r = router.find(method, path);
                out = switch (r) {
                    case Router.NotFound nf -> throw new ApiException(404, "HTTPNotFound", null,
                            "The resource could not be found.");
                    case Router.MethodNotAllowed na -> {
                        response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", na.allowed()));
                        throw new ApiException(405, "HTTPMethodNotAllowed", null,
                                "The method " + method + " is not allowed for this resource.");
                    }
                    case Router.Found f -> {
                        template = f.match().route().template();
                        yield call(f.match(), request, method, path);
                    }
                };
            } catch (ApiException e) {
                out = error(e.status(), e.type(), e.getMessage(), method, path, e.field());
            } catch (ModelException e) {
                int status = switch (e) {
                    case ModelException.NotFound x -> 404;
                    case ModelException.Conflict x -> 409;
                    case ModelException.BadRequest x -> 400;
                    case ModelException.Unavailable x -> 503;
                };
                out = error(status, e.type(), e.getMessage(), method, path, e.field());
            } catch (Exception e) {
                LOG.error("{} {} failed", method, path, e);
                out = ApiResponse.json(500, Json.neutronError("HTTPInternalServerError",
                        "Request Failed: internal server error while processing your request."));
            }
            response.setStatus(out.status());
            if (out.status() == 401) {
                response.getHeaders().put("WWW-Authenticate", "Keystone uri=\"\"");
            }
            switch (out) {
                case ApiResponse.Full full -> {
                    if (full.contentType() != null) {
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, full.contentType());
                    }
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, full.body().length);
                    response.write(true, ByteBuffer.wrap(full.body()), callback);
                }
                case ApiResponse.Streamed s -> stream(s, response, callback);
            }
            record(method, template, out.status(), start);
            LOG.debug("{} {} -> {} ({} µs)", method, path, out.status(), (System.nanoTime() - start) / 1000);
            return true;
        }

        private ApiResponse call(Router.Match m, Request request, String method, String path) throws Exception {
            Principal principal = null;
            String token = request.getHeaders().get("X-Auth-Token");
            if (token != null) {
                principal = tokens.lookup(token).orElse(null);
            }
            if (m.route().authenticated() && principal == null) {
                throw new ApiException(401, "HTTPUnauthorized", null,
                        "The request you have made requires authentication.");
            }
            String body = switch (method) {
                case "POST", "PUT", "PATCH" -> Content.Source.asString(request, StandardCharsets.UTF_8);
                default -> "";
            };
            Map<String, String> headers = new HashMap<>();
            for (HttpField f : request.getHeaders()) {
                headers.putIfAbsent(f.getLowerCaseName(), f.getValue());
            }
            String scheme = request.getHttpURI().getScheme() == null ? "http" : request.getHttpURI().getScheme();
            String base = scheme + "://" + hostPort(Request.getServerName(request), Request.getServerPort(request));
            ApiRequest ar = new ApiRequest(method, path, parseQuery(request.getHttpURI().getQuery()), m.vars(),
                    headers, body, principal, base);
            return m.route().handler().handle(ar);
        }

        private static String hostPort(String host, int port) {
            String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
            return h + ":" + port;
        }

        private static ApiResponse error(int status, String type, String message, String method, String path,
                                         String field) {
            if (status >= 500) {
                LOG.warn("{} {} -> {} {}: {}", method, path, status, type, message);
            } else {
                LOG.warn("{} {} -> {} {}{}: {}", method, path, status, type, field == null ? "" : " (field " + field + ")",
                        message);
            }
            return ApiResponse.json(status, Json.neutronError(type, message));
        }

        private static void stream(ApiResponse.Streamed s, Response response, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, s.contentType());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            try {
                s.writer().write(chunk -> {
                    Callback.Completable c = new Callback.Completable();
                    response.write(false, ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)), c);
                    try {
                        c.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IOException("client gone", e.getCause());
                    }
                });
                response.write(true, ByteBuffer.allocate(0), callback);
            } catch (Exception e) {
                LOG.debug("stream ended: {}", e.toString());
                callback.failed(e);
            }
        }

        private void record(String method, String template, int status, long start) {
            String key = method + " " + template + " " + status;
            timers.computeIfAbsent(key, k -> Timer.builder("nvo3.api.requests")
                    .description("HTTP API requests")
                    .tag("method", method).tag("route", template).tag("status", Integer.toString(status))
                    .register(meters)).record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
