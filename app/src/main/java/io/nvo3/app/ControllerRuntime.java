package io.nvo3.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nvo3.api.ApiServer;
import io.nvo3.api.NveStatusSource;
import io.nvo3.api.Route;
import io.nvo3.api.TokenRegistry;
import io.nvo3.api.bgpvpn.BgpVpnRoutes;
import io.nvo3.api.bgp.BgpRoutes;
import io.nvo3.controller.bgp.BgpConfigParser;
import io.nvo3.controller.bgp.BgpService;
import io.nvo3.controller.federation.BgpVpnService;
import io.nvo3.controller.federation.RdAllocator;
import io.nvo3.controller.federation.wiring.FederationWiring;
import io.nvo3.controller.federation.wiring.RemoteStore;
import io.nvo3.api.federation.FederationRoutes;
import io.nvo3.model.ModelEvent;
import java.util.ArrayList;
import java.util.List;
import io.nvo3.app.config.ConfigException;
import io.nvo3.app.config.ControllerConfig;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.nve.NveManager;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the controller's parts in order and stops them in reverse: what {@code nvo3 controller} runs, and what tests
 * and benchmarks embed (with {@link ControllerConfig#embedded}) so that they exercise exactly the production wiring.
 */
public final class ControllerRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControllerRuntime.class);

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private volatile boolean closed;
    private Path dataDir;
    private String adminToken;
    private ModelService model;
    private NveManager nve;
    private ApiServer api;
    private FederationWiring federation;
    private BgpService bgp;

    private ControllerRuntime() {}

    /** Starts everything or nothing: on a failure what was started is closed again and a ConfigException says why. */
    public static ControllerRuntime start(ControllerConfig cfg) {
        ControllerRuntime rt = new ControllerRuntime();
        try {
            rt.startParts(cfg);
            return rt;
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        }
    }

    private void startParts(ControllerConfig cfg) {
        Path dataDir = DataDir.prepare(cfg.dataDir());
        this.dataDir = dataDir;
        TokenRegistry tokens = tokens(cfg, dataDir);

        KvStore store;
        try {
            store = KvStores.embedded(dataDir, KvStores.Options.DEFAULT.withFsync(cfg.storeFsync()));
        } catch (RuntimeException e) {
            throw new ConfigException("cannot open the store in " + dataDir + ": " + e.getMessage(), e);
        }
        parts.push(store);
        boolean restartedWithState = store.revision() > 0;

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(metrics);
        parts.push(gc);
        parts.push(metrics::close);

        ModelService model = ModelService.open(store,
                ModelConfig.defaults().withVniRange(cfg.vniMin(), cfg.vniMax()));

        BgpVpnService bgpvpns = BgpVpnService.open(store, id -> model.network(id).isPresent());
        AutoCloseable netCleanup = model.subscribe(event -> {
            if (event instanceof ModelEvent.NetworkChanged n && n.after() == null) {
                bgpvpns.networkDeleted(n.id());
            }
        });
        parts.push(netCleanup);

        RemoteStore remoteStore = new RemoteStore(store);
        RemoteStore.Remembered remembered = remoteStore.load(); // remote (BGP) flows kept across a restart
        NveManager nve;
        try {
            nve = NveManager.start(NveManager.Options.of(cfg.ovsdb().resolve("--ovsdb"), cfg.openflow().resolve("--openflow"))
                            .withLifecycle(cfg.lifecycle()), model, store, metrics, remembered.asChanges());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while starting the NVE manager");
        } catch (Exception e) { // Netty's sync() rethrows a BindException undeclared
            throw new ConfigException(nveStartFailure(e, cfg), e);
        }
        parts.push(nve);
        NveStatusSource nves = nve::nves;
        BgpService bgp;
        io.nvo3.controller.bgp.BgpSettings bgpSettings = null;
        try {
            JsonNode section = cfg.bgp();
            if (section == null || section.isNull() || section.isMissingNode()) {
                bgp = BgpService.notConfigured();
            } else {
                // The neighbors start after federation originated our routes (below): a peer's first UPDATE from us
                // then holds all of them, so a restart never shows it a moment without our routes.
                bgpSettings = BgpConfigParser.parse(section);
                io.nvo3.controller.bgp.BgpSettings first = new io.nvo3.controller.bgp.BgpSettings(bgpSettings.asn(),
                        bgpSettings.routerId(), bgpSettings.listen(), List.of(), bgpSettings.restartTime());
                // A store with history means this is a restart: the NVEs kept forwarding (fail-mode secure), so we
                // restart gracefully as RFC 4724 describes rather than as a new speaker.
                bgp = BgpService.start(restartedWithState ? first.asRestarting() : first, metrics, java.time.Clock.systemUTC());
            }
        } catch (IllegalArgumentException e) { // a bad bgp: section or a taken bgp.listen, naming the key
            throw new ConfigException(e.getMessage());
        }
        parts.push(bgp);
        // Hitless restart: stop without NOTIFICATION so that the peers' graceful-restart helpers keep our routes
        // (RFC 4724 §4.2) while our NVEs keep forwarding; a Cease would make them withdraw at once.
        parts.push(() -> bgp.speaker().ifPresent(io.nvo3.bgp.speaker.BgpSpeaker::abort));
        FederationWiring federation = FederationWiring.start(FederationWiring.Options.defaults(), model, bgpvpns,
                RdAllocator.of(store), bgp, new FederationWiring.Nves() {
                    @Override
                    public java.util.Map<String, java.net.Inet4Address> vteps() {
                        return nve.vteps();
                    }

                    @Override
                    public void applyRemote(List<io.nvo3.fib.input.FibChange> changes) {
                        nve.applyRemote(changes);
                    }
                }, remoteStore, remembered, metrics);
        parts.push(federation);
        if (bgpSettings != null) {
            bgpSettings.neighbors().forEach(bgp::addNeighbor);
        }
        List<Route> routes = new ArrayList<>(BgpVpnRoutes.routes(bgpvpns, model));
        routes.addAll(BgpRoutes.routes(bgp));
        routes.addAll(FederationRoutes.routes(federation::view));
        routes.addAll(io.nvo3.api.lifecycle.LifecycleRoutes.routes(model, nve::redirects)); // issue 6

        ApiServer api;
        try {
            api = ApiServer.start(ApiServer.Options.of(cfg.api().resolve("--api")).withRoutes(routes), model, tokens, store, nves, metrics);
        } catch (BindException e) {
            throw new ConfigException("cannot listen on --api " + cfg.api() + ": " + bindReason(e));
        } catch (IOException e) {
            throw new ConfigException("cannot start the API on " + cfg.api() + ": " + e.getMessage(), e);
        }
        parts.push(api);
        this.model = model;
        this.nve = nve;
        this.api = api;
        this.federation = federation;
        this.bgp = bgp;

        log.info("nvo3 controller ready: api=http://{} openflow={} ovsdb={} data-dir={} store-revision={}",
                api.address().getHostString() + ":" + api.address().getPort(), hostPort(nve.openflowAddress()),
                hostPort(nve.ovsdbAddress()), dataDir, store.revision());
    }

    /** Names the listener that could not bind (OpenFlow or OVSDB) in one line. */
    private static String nveStartFailure(Exception e, ControllerConfig cfg) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException be) {
                String which = startedBy(be, "io.nvo3.ovsdb.") ? "--ovsdb " + cfg.ovsdb()
                        : startedBy(be, "io.nvo3.openflow.") ? "--openflow " + cfg.openflow()
                        : "--openflow " + cfg.openflow() + " or --ovsdb " + cfg.ovsdb();
                return "cannot listen on " + which + ": " + bindReason(be);
            }
        }
        return "cannot start the NVE manager: " + e.getMessage();
    }

    /** Whether the failed bind was asked for by code in {@code pkg} (Netty reports it through a suppressed trace). */
    private static boolean startedBy(Throwable t, String pkg) {
        List<Throwable> all = new ArrayList<>(List.of(t));
        all.addAll(List.of(t.getSuppressed()));
        for (Throwable x : all) {
            for (StackTraceElement el : x.getStackTrace()) {
                if (el.getClassName().startsWith(pkg)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** The token file's tokens, or the data directory's admin token (generated on first start; kept in {@link #adminToken}). */
    private TokenRegistry tokens(ControllerConfig cfg, Path dataDir) {
        if (cfg.tokenFile() != null) {
            try {
                TokenRegistry t = TokenRegistry.load(cfg.tokenFile());
                log.info("API tokens: {} from {}", t.size(), cfg.tokenFile());
                return t;
            } catch (NoSuchFileException e) {
                throw new ConfigException("token file " + cfg.tokenFile() + " does not exist");
            } catch (IOException e) {
                throw new ConfigException("cannot read token file " + cfg.tokenFile() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("token file " + e.getMessage());
            }
        }
        try {
            String admin = TokenRegistry.adminTokenIn(dataDir);
            this.adminToken = admin;
            log.info("API admin token in {}", dataDir.resolve(TokenRegistry.ADMIN_TOKEN_FILE));
            return TokenRegistry.of(java.util.Map.of()).withAdmin(admin);
        } catch (IOException e) {
            throw new ConfigException("cannot create the admin token in " + dataDir + ": " + e.getMessage());
        }
    }

    private static String bindReason(BindException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("in use") ? "address already in use" : m;
    }

    /** The data directory in use (holds the generated admin token, see {@link #adminToken()}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The admin token of the data directory; empty when the tokens came from a token file. */
    public java.util.Optional<String> adminToken() {
        return java.util.Optional.ofNullable(adminToken);
    }

    public java.net.InetSocketAddress apiAddress() {
        return api.address();
    }

    public java.net.InetSocketAddress ovsdbAddress() {
        return nve.ovsdbAddress();
    }

    public java.net.InetSocketAddress openflowAddress() {
        return nve.openflowAddress();
    }

    public ModelService model() {
        return model;
    }

    public NveManager nve() {
        return nve;
    }

    public BgpService bgp() {
        return bgp;
    }

    public FederationWiring federation() {
        return federation;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean started = !parts.isEmpty();
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        if (started) {
            log.info("nvo3 controller stopped");
        }
    }
}
