package io.nvo3.app.e2e;

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
 * The controller's parts wired as ControllerRuntime will wire them (store, model, NVE manager, API), in this JVM so
 * that a test can stop and start it again on the same data directory and ports. Stopping it drops every OVSDB and
 * OpenFlow connection, exactly as a process exit does; the new instance knows only what the data directory holds.
 */
final class InProcessController implements AutoCloseable {
    static final String TOKEN = "e2e-admin-token";

    private final KvStore store;
    private final ModelService model;
    private final NveManager nve;
    private final ApiServer api;

    private InProcessController(KvStore store, ModelService model, NveManager nve, ApiServer api) {
        this.store = store;
        this.model = model;
        this.nve = nve;
        this.api = api;
    }

    /** Port 0 picks free ports; pass the previous instance's ports to restart in place. */
    static InProcessController start(Path dataDir, String managementAddress, int ovsdbPort, int openflowPort,
                                     int apiPort) throws Exception {
        KvStore store = KvStores.embedded(dataDir);
        ModelService model = null;
        NveManager nve = null;
        try {
            model = ModelService.open(store, ModelConfig.defaults());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            nve = NveManager.start(NveManager.Options.of(new InetSocketAddress(managementAddress, ovsdbPort),
                    new InetSocketAddress(managementAddress, openflowPort)), model, store, meters);
            ApiServer api = ApiServer.start(ApiServer.Options.of(new InetSocketAddress("127.0.0.1", apiPort)), model,
                    TokenRegistry.of(Map.of(TOKEN, new Principal(TokenRegistry.ADMIN_PROJECT, true))), store,
                    nve::nves, meters);
            return new InProcessController(store, model, nve, api);
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
