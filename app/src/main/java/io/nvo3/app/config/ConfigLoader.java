package io.nvo3.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nvo3.controller.bgp.BgpConfigParser;
import io.nvo3.controller.mobility.LifecycleOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the YAML configuration file and merges it with the command-line flags.
 * Every flag has a key of the same name (without the dashes); unknown keys are an error,
 * so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
    /** Keys of the top level of the file. */
    static final Set<String> KEYS = new TreeSet<>(List.of(
            "data-dir", "api", "openflow", "ovsdb", "token-file", "vni-range", "store-fsync", "bgp",
            "lifecycle"));

    private ConfigLoader() {}

    /** Flags as given on the command line; null means "not given". */
    public record Flags(String dataDir, String api, String openflow, String ovsdb, String tokenFile, String vniRange,
                        String storeFsync) {
        public Flags(String dataDir, String api, String openflow, String ovsdb, String tokenFile, String vniRange) {
            this(dataDir, api, openflow, ovsdb, tokenFile, vniRange, null);
        }
    }

    public static ControllerConfig load(Path configFile, Flags flags) {
        JsonNode file = configFile == null ? null : readFile(configFile);
        String where = configFile == null ? "" : configFile + ": ";
        String dataDir = pick(flags.dataDir(), file, "data-dir", where, ControllerConfig.DEFAULT_DATA_DIR);
        String api = pick(flags.api(), file, "api", where, ControllerConfig.DEFAULT_API);
        String openflow = pick(flags.openflow(), file, "openflow", where, ControllerConfig.DEFAULT_OPENFLOW);
        String ovsdb = pick(flags.ovsdb(), file, "ovsdb", where, ControllerConfig.DEFAULT_OVSDB);
        String tokenFile = pick(flags.tokenFile(), file, "token-file", where, null);
        String vniRange = pick(flags.vniRange(), file, "vni-range", where,
                ControllerConfig.DEFAULT_VNI_MIN + ":" + ControllerConfig.DEFAULT_VNI_MAX);
        int[] vni = parseRange(flags.vniRange() != null ? "--vni-range" : where + "vni-range", vniRange);
        String fsync = pick(flags.storeFsync(), file, "store-fsync", where, "true");
        if (!fsync.equals("true") && !fsync.equals("false")) {
            throw new ConfigException((flags.storeFsync() != null ? "--store-fsync" : where + "store-fsync")
                    + ": '" + fsync + "' is not true or false");
        }
        JsonNode bgp = file == null ? null : file.get("bgp");
        if (bgp != null && !bgp.isObject()) {
            throw new ConfigException(where + "bgp: expected a mapping");
        }
        if (bgp != null) {
            try {
                BgpConfigParser.parse(bgp); // fail before anything opens, naming the key path
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + e.getMessage());
            }
        }
        LifecycleOptions lifecycle;
        try {
            lifecycle = LifecycleConfigParser.parse(file == null ? null : file.get("lifecycle"));
        } catch (ConfigException e) {
            throw new ConfigException(where + e.getMessage());
        }
        return new ControllerConfig(
                Path.of(dataDir),
                HostPort.parse(label(flags.api(), "--api", where + "api"), api),
                HostPort.parse(label(flags.openflow(), "--openflow", where + "openflow"), openflow),
                HostPort.parse(label(flags.ovsdb(), "--ovsdb", where + "ovsdb"), ovsdb),
                tokenFile == null ? null : Path.of(tokenFile),
                vni[0], vni[1], bgp, Boolean.parseBoolean(fsync), lifecycle);
    }

    private static String label(String flag, String flagName, String key) {
        return flag != null ? flagName : key;
    }

    static JsonNode readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ConfigException("config file " + file + " is not valid YAML" + loc + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return null; // an empty file is an empty configuration
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + ": expected a mapping of keys at the top level");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("config file " + file + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (known: " + String.join(", ", KEYS) + ")");
        }
        return root;
    }

    private static String pick(String flag, JsonNode file, String key, String where, String def) {
        if (flag != null) {
            return flag;
        }
        if (file != null && file.has(key) && !file.get(key).isNull()) {
            JsonNode v = file.get(key);
            if (!v.isValueNode()) {
                throw new ConfigException(where + key + ": expected a single value, not a " + v.getNodeType().name().toLowerCase());
            }
            return v.asText();
        }
        return def;
    }

    static int[] parseRange(String what, String text) {
        String[] parts = text.trim().split("[:-]");
        if (parts.length != 2) {
            throw new ConfigException(what + ": '" + text + "' is not MIN:MAX");
        }
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = Integer.parseInt(parts[1].trim());
            if (min < 1 || max > ControllerConfig.DEFAULT_VNI_MAX || min > max) {
                throw new ConfigException(what + ": '" + text + "' must lie within 1:16777215 with MIN <= MAX");
            }
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw new ConfigException(what + ": '" + text + "' is not MIN:MAX of numbers");
        }
    }
}
