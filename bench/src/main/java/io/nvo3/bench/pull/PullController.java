package io.nvo3.bench.pull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nvo3.api.ApiServer;
import io.nvo3.api.Principal;
import io.nvo3.api.TokenRegistry;
import io.nvo3.api.lifecycle.LifecycleRoutes;
import io.nvo3.controller.mobility.LifecycleOptions;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.nve.NveManager;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * Store, model, NVE manager (with the pull settings under test) and API with the lifecycle routes, wired in this JVM
 * as {@code ControllerRuntime} wires them.
 */
final class PullController implements AutoCloseable {
    static final String TOKEN = "bench-pull-token";

    private final KvStore store;
    private final ModelService model;
    private final NveManager nve;
    private final ApiServer api;

    private PullController(KvStore store, ModelService model, NveManager nve, ApiServer api) {
        this.store = store;
        this.model = model;
        this.nve = nve;
        this.api = api;
    }

    /** OVSDB and OpenFlow listen on free ports of {@code managementAddress}, the API on a free loopback port. */
    static PullController start(Path dataDir, String managementAddress, LifecycleOptions lifecycle) throws Exception {
        KvStore store = KvStores.embedded(dataDir);
        ModelService model = null;
        NveManager nve = null;
        try {
            model = ModelService.open(store, ModelConfig.defaults());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            nve = NveManager.start(NveManager.Options.of(new InetSocketAddress(managementAddress, 0),
                    new InetSocketAddress(managementAddress, 0)).withLifecycle(lifecycle), model, store, meters);
            ApiServer api = ApiServer.start(ApiServer.Options.of(new InetSocketAddress("127.0.0.1", 0))
                            .withRoutes(LifecycleRoutes.routes(model, nve::redirects)), model,
                    TokenRegistry.of(Map.of(TOKEN, new Principal(TokenRegistry.ADMIN_PROJECT, true))), store,
                    nve::nves, meters);
            return new PullController(store, model, nve, api);
        } catch (Exception | Error e) {
            if (nve != null) {
                nve.close();
            }
            if (model != null) {
                model.close();
            }
            store.close();
            throw e;
        }
    }

    int ovsdbPort() {
        return nve.ovsdbAddress().getPort();
    }

    int openflowPort() {
        return nve.openflowAddress().getPort();
    }

    int apiPort() {
        return api.address().getPort();
    }

    @Override
    public void close() {
        try {
            api.close();
        } finally {
            try {
                nve.close();
            } finally {
                try {
                    model.close();
                } finally {
                    store.close();
                }
            }
        }
    }
}
