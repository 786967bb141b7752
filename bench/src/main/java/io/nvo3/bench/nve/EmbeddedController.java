package io.nvo3.bench.nve;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nvo3.api.ApiServer;
import io.nvo3.api.Principal;
import io.nvo3.api.TokenRegistry;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.nve.NveManager;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * The controller's store, model, NVE manager and API wired in this JVM (as {@code ControllerRuntime} wires them), so
 * that the plug benchmark can read each NVE's desired state and sync flag directly instead of polling the switches.
 */
final class EmbeddedController implements AutoCloseable {
    static final String TOKEN = "bench-admin-token";

    private final KvStore store;
    private final ModelService model;
    private final NveManager nve;
    private final ApiServer api;

    private EmbeddedController(KvStore store, ModelService model, NveManager nve, ApiServer api) {
        this.store = store;
        this.model = model;
        this.nve = nve;
        this.api = api;
    }

    /** OVSDB and OpenFlow listen on free ports of {@code managementAddress}, the API on a free loopback port. */
    static EmbeddedController start(Path dataDir, String managementAddress) throws Exception {
        KvStore store = KvStores.embedded(dataDir);
        ModelService model = null;
        NveManager nve = null;
        try {
            model = ModelService.open(store, ModelConfig.defaults());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            nve = NveManager.start(NveManager.Options.of(new InetSocketAddress(managementAddress, 0),
                    new InetSocketAddress(managementAddress, 0)), model, store, meters);
            ApiServer api = ApiServer.start(ApiServer.Options.of(new InetSocketAddress("127.0.0.1", 0)), model,
                    TokenRegistry.of(Map.of(TOKEN, new Principal(TokenRegistry.ADMIN_PROJECT, true))), store,
                    nve::nves, meters);
            return new EmbeddedController(store, model, nve, api);
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
