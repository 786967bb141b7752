package io.nvo3.app;

import io.nvo3.app.config.ConfigException;
import io.nvo3.app.config.ConfigLoader;
import io.nvo3.app.config.ControllerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nvo3 controller}: runs the controller in the foreground until SIGTERM/SIGINT. */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = "Run the controller in the foreground (embedded store under --data-dir).")
public final class ControllerCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Store, admin token and state (default ./data).")
    String dataDir;

    @Option(names = "--api", paramLabel = "HOST:PORT", description = "Neutron and native REST API (default 127.0.0.1:9696).")
    String api;

    @Option(names = "--openflow", paramLabel = "HOST:PORT", description = "OpenFlow 1.3 listener for NVEs (default 0.0.0.0:6653).")
    String openflow;

    @Option(names = "--ovsdb", paramLabel = "HOST:PORT", description = "OVSDB manager listener for NVEs (default 0.0.0.0:6640).")
    String ovsdb;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration; every flag has a key there, flags win.")
    Path config;

    @Option(names = "--token-file", paramLabel = "FILE", description = "API tokens, one per line: TOKEN PROJECT_ID ROLE (admin|member).")
    String tokenFile;

    @Option(names = "--vni-range", paramLabel = "MIN:MAX", description = "VNIs allocated to networks created without one (default 1000:16777215).")
    String vniRange;

    @Option(names = "--store-fsync", paramLabel = "true|false",
            description = "Force every group commit to disk (default true). false: acknowledged writes survive a crash or kill -9 of the controller, not a power loss.")
    String storeFsync;

    @Override
    public Integer call() {
        ControllerRuntime runtime;
        try {
            ControllerConfig cfg = ConfigLoader.load(config,
                    new ConfigLoader.Flags(dataDir, api, openflow, ovsdb, tokenFile, vniRange, storeFsync));
            runtime = ControllerRuntime.start(cfg);
        } catch (ConfigException e) {
            System.err.println("nvo3 controller: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            // Not foreseen: still one line for the operator; the stack trace only with NVO3_LOG_LEVEL=debug.
            org.slf4j.LoggerFactory.getLogger(ControllerCommand.class).debug("start-up failed", e);
            System.err.println("nvo3 controller: failed to start: " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
            // A stop asked for by SIGTERM/SIGINT that went cleanly is a successful exit, not 143.
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }, "nvo3-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
