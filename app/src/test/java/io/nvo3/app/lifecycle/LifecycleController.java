package io.nvo3.app.lifecycle;

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

/** Store, model, NVE manager (with issue 6 settings) and API with the lifecycle routes, in this JVM. */
final class LifecycleController implements AutoCloseable {
    static final String TOKEN = "lifecycle-admin-token";

    private final KvStore store;
    private final ModelService model;
    private final NveManager nve;
    private final ApiServer api;

    private LifecycleController(KvStore store, ModelService model, NveManager nve, ApiServer api) {
        this.store = store;
        this.model = model;
        this.nve = nve;
        this.api = api;
    }

    static LifecycleController start(Path dataDir, String managementAddress, LifecycleOptions lifecycle)
            throws Exception {
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
            return new LifecycleController(store, model, nve, api);
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

    int apiPort() {
        return api.address().getPort();
    }

    NveManager nve() {
        return nve;
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
