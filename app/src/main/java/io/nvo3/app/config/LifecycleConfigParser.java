package io.nvo3.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.controller.mobility.LifecycleOptions;
import io.nvo3.controller.nve.pull.PullService;
import io.nvo3.fib.PullPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code lifecycle:} section of the controller's YAML (issue 6): mobility grace time and pull-mode protection.
 *
 * <pre>
 * lifecycle:
 *   grace-time: 30          # seconds a moved tenant system's old NVE tunnels traffic on to the new one (0-3600)
 *   pull:
 *     idle-timeout: 60      # seconds an entry installed on demand lives without traffic (1-65535)
 *     unknown: flood        # a packet-in for a destination the FIB does not know: flood | drop
 *     packet-in-rate: 1000  # packet-ins per second and NVE the controller handles (the rest dropped and counted)
 *     packet-in-burst: 200  # tokens of that rate limiter
 *     switch-meter-pps: 2000  # OpenFlow meter on every NVE's packet-in path; 0 = no meter
 * </pre>
 * Every key is optional; an unknown key or a value out of range is an error naming the key path.
 */
public final class LifecycleConfigParser {
    static final Set<String> KEYS = new TreeSet<>(List.of("grace-time", "pull"));
    static final Set<String> PULL_KEYS = new TreeSet<>(List.of("idle-timeout", "unknown", "packet-in-rate",
            "packet-in-burst", "switch-meter-pps"));

    private LifecycleConfigParser() {}

    /** @param section the {@code lifecycle} node, or null for the defaults */
    public static LifecycleOptions parse(JsonNode section) {
        LifecycleOptions out = LifecycleOptions.defaults();
        if (section == null || section.isNull() || section.isMissingNode()) {
            return out;
        }
        if (!section.isObject()) {
            throw new ConfigException("lifecycle: expected a mapping");
        }
        known("lifecycle", section, KEYS);
        if (section.has("grace-time")) {
            out = out.withGrace(Duration.ofSeconds(integer("lifecycle.grace-time", section.get("grace-time"), 0, 3600)));
        }
        JsonNode pull = section.get("pull");
        if (pull != null && !pull.isNull()) {
            if (!pull.isObject()) {
                throw new ConfigException("lifecycle.pull: expected a mapping");
            }
            known("lifecycle.pull", pull, PULL_KEYS);
            PullService.Options p = out.pull();
            PullPolicy policy = p.policy();
            int idle = pull.has("idle-timeout")
                    ? (int) integer("lifecycle.pull.idle-timeout", pull.get("idle-timeout"), 1, 0xFFFF)
                    : policy.idleTimeoutSeconds();
            PullPolicy.Unknown unknown = policy.unknown();
            if (pull.has("unknown")) {
                String u = pull.get("unknown").asText().toLowerCase(Locale.ROOT);
                unknown = switch (u) {
                    case "flood" -> PullPolicy.Unknown.FLOOD;
                    case "drop" -> PullPolicy.Unknown.DROP;
                    default -> throw new ConfigException("lifecycle.pull.unknown: '" + pull.get("unknown").asText()
                            + "' is not flood or drop");
                };
            }
            p = p.withPolicy(new PullPolicy(idle, unknown));
            long rate = pull.has("packet-in-rate")
                    ? integer("lifecycle.pull.packet-in-rate", pull.get("packet-in-rate"), 1, 10_000_000)
                    : (long) p.ratePerSecond();
            long burst = pull.has("packet-in-burst")
                    ? integer("lifecycle.pull.packet-in-burst", pull.get("packet-in-burst"), 1, 10_000_000) : p.burst();
            p = p.withRate(rate, (int) burst);
            if (pull.has("switch-meter-pps")) {
                p = p.withSwitchMeter(integer("lifecycle.pull.switch-meter-pps", pull.get("switch-meter-pps"), 0,
                        100_000_000));
            }
            out = out.withPull(p);
        }
        return out;
    }

    private static void known(String where, JsonNode node, Set<String> keys) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (!keys.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(where + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (known: " + String.join(", ", keys) + ")");
        }
    }

    private static long integer(String key, JsonNode v, long min, long max) {
        if (!v.isIntegralNumber()) {
            throw new ConfigException(key + ": '" + v.asText() + "' is not a whole number");
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw new ConfigException(key + ": " + n + " is outside " + min + "-" + max);
        }
        return n;
    }
}
