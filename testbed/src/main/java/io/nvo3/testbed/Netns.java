package io.nvo3.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ip netns} and {@code ip link} helpers. */
final class Netns {
    private Netns() {}

    static void add(String ns) {
        ProcessRunner.check("ip", "netns", "add", ns);
        ProcessRunner.check("ip", "-n", ns, "link", "set", "lo", "up");
    }

    static List<String> list() {
        List<String> names = new ArrayList<>();
        for (String line : ProcessRunner.check("ip", "netns", "list").lines()) {
            names.add(line.split("\\s+")[0]);
        }
        return names;
    }

    /** Root-namespace link names (without the {@code @peer} suffix). */
    static List<String> rootLinks() {
        List<String> names = new ArrayList<>();
        for (String line : ProcessRunner.check("ip", "-o", "link", "show").lines()) {
            String[] f = line.split(":\\s+", 3);
            if (f.length >= 2) {
                String n = f[1];
                int at = n.indexOf('@');
                names.add(at >= 0 ? n.substring(0, at) : n);
            }
        }
        return names;
    }

    static boolean linkExists(String ns, String link) {
        List<String> cmd = ns == null ? List.of("ip", "link", "show", "dev", link)
                : List.of("ip", "-n", ns, "link", "show", "dev", link);
        return ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, Map.of(), cmd).succeeded();
    }

    /** Pids of the processes living in the namespace. */
    static List<Long> pids(String ns) {
        ProcessResult r = ProcessRunner.run("ip", "netns", "pids", ns);
        if (!r.succeeded()) {
            return List.of();
        }
        return r.lines().stream().map(Long::parseLong).toList();
    }

    /** Kills every process in the namespace (all were started by the testbed), then deletes it. */
    static void delete(String ns) {
        for (Long pid : pids(ns)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        try {
            Await.until("processes of " + ns + " to exit", Duration.ofSeconds(5), () -> pids(ns).isEmpty());
        } catch (ConditionTimeoutException e) {
            for (Long pid : pids(ns)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            Await.until("processes of " + ns + " to die", Duration.ofSeconds(5), () -> pids(ns).isEmpty());
        }
        ProcessRunner.run("ip", "netns", "del", ns);
    }

    static void deleteLink(String link) {
        ProcessRunner.run("ip", "link", "del", "dev", link);
    }

    /** {@code ip netns exec NS} + command. */
    static List<String> exec(String ns, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return cmd;
    }

    /** Turns off transmit checksum offload (the userspace datapath needs finished checksums). */
    static void txChecksumOff(String ns, String link) {
        List<String> cmd = ns == null ? List.of("ethtool", "-K", link, "tx", "off")
                : exec(ns, "ethtool", "-K", link, "tx", "off");
        ProcessRunner.check(ProcessRunner.DEFAULT_TIMEOUT, Map.of(), cmd);
    }
}
