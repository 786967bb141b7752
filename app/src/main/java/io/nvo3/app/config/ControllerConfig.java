package io.nvo3.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.controller.mobility.LifecycleOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@code nvo3 controller} runs with, after merging the YAML file and the flags (flags win).
 *
 * @param bgp the raw {@code bgp:} section (null when absent), validated by the BGP wiring
 * @param storeFsync whether each group commit of the store is forced to disk (survives power loss) or only written
 *                   to the file (survives a crash or kill -9 of the process, not of the machine)
 * @param lifecycle  the {@code lifecycle:} section (mobility grace time, pull protection), see
 *                   {@link LifecycleConfigParser}
 */
public record ControllerConfig(
        Path dataDir,
        HostPort api,
        HostPort openflow,
        HostPort ovsdb,
        Path tokenFile,
        int vniMin,
        int vniMax,
        JsonNode bgp,
        boolean storeFsync,
        LifecycleOptions lifecycle) {

    public static final String DEFAULT_DATA_DIR = "./data";
    public static final String DEFAULT_API = "127.0.0.1:9696";
    public static final String DEFAULT_OPENFLOW = "0.0.0.0:6653";
    public static final String DEFAULT_OVSDB = "0.0.0.0:6640";
    /** VXLAN VNIs are 24 bits (RFC 7348 §5); the low ones are left to operators who set them by hand. */
    public static final int DEFAULT_VNI_MIN = 1000;
    public static final int DEFAULT_VNI_MAX = 16_777_215;

    public ControllerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(openflow, "openflow");
        Objects.requireNonNull(ovsdb, "ovsdb");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (vniMin < 1 || vniMax > DEFAULT_VNI_MAX || vniMin > vniMax) {
            throw new ConfigException("vni-range: " + vniMin + ":" + vniMax + " must lie within 1:16777215 with min <= max");
        }
    }

    /**
     * A controller embedded in a test or benchmark JVM: API on 127.0.0.1, OVSDB and OpenFlow on
     * {@code managementAddress}, all on free ports (port 0), no BGP, defaults for everything else.
     */
    public static ControllerConfig embedded(Path dataDir, String managementAddress) {
        return new ControllerConfig(dataDir, new HostPort("127.0.0.1", 0), new HostPort(managementAddress, 0),
                new HostPort(managementAddress, 0), null, DEFAULT_VNI_MIN, DEFAULT_VNI_MAX, null, true,
                LifecycleOptions.defaults());
    }

    /** The same with these listen ports (0 = a free one), e.g. to restart in place on the previous ports. */
    public ControllerConfig withPorts(int apiPort, int ovsdbPort, int openflowPort) {
        return new ControllerConfig(dataDir, new HostPort(api.host(), apiPort), new HostPort(openflow.host(),
                openflowPort), new HostPort(ovsdb.host(), ovsdbPort), tokenFile, vniMin, vniMax, bgp, storeFsync,
                lifecycle);
    }

    public ControllerConfig withLifecycle(LifecycleOptions l) {
        return new ControllerConfig(dataDir, api, openflow, ovsdb, tokenFile, vniMin, vniMax, bgp, storeFsync, l);
    }

    public ControllerConfig withBgp(JsonNode section) {
        return new ControllerConfig(dataDir, api, openflow, ovsdb, tokenFile, vniMin, vniMax, section, storeFsync,
                lifecycle);
    }
}
