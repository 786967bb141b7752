package io.nvo3.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@code nvo3 controller} runs with, after merging the YAML file and the flags (flags win).
 *
 * @param bgp the raw {@code bgp:} section (null when absent), validated by the BGP wiring
 * @param storeFsync whether each group commit of the store is forced to disk (survives power loss) or only written
 *                   to the file (survives a crash or kill -9 of the process, not of the machine)
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
        boolean storeFsync) {

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
        if (vniMin < 1 || vniMax > DEFAULT_VNI_MAX || vniMin > vniMax) {
            throw new ConfigException("vni-range: " + vniMin + ":" + vniMax + " must lie within 1:16777215 with min <= max");
        }
    }
}
