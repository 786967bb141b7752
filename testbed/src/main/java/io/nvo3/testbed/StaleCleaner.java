package io.nvo3.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what testbeds left behind, by name pattern ({@link Names}) and by their state directory
 * {@code $TMPDIR/nvo3-testbed/PREFIX/} whose {@code owner} file holds the pid of the JVM that made it.
 * A prefix whose owner is still alive belongs to a concurrent run and is never touched.
 */
final class StaleCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(StaleCleaner.class);
    /** Daemons the testbed starts outside namespaces too; only these are killed by pidfile. */
    private static final Set<String> OWN_DAEMONS = Set.of("ovsdb-server", "ovs-vswitchd", "gobgpd", "bgpd", "zebra");

    private StaleCleaner() {}

    static Path stateRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "nvo3-testbed");
    }

    /** A fresh {@code $TMPDIR/nvo3-testbed/PREFIX/} owned by this JVM (its pid in {@code owner}). */
    static Path newStateDir() {
        Path root = stateRoot();
        while (true) {
            Path dir = root.resolve(Names.newPrefix());
            try {
                Files.createDirectories(root);
                Files.createDirectory(dir);
                Files.writeString(dir.resolve("owner"), Long.toString(ProcessHandle.current().pid()));
                return dir;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // another run drew the same prefix: draw again
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a state directory under " + root, e);
            }
        }
    }

    static Optional<Long> owner(String prefix) {
        Path f = stateRoot().resolve(prefix).resolve("owner");
        try {
            return Files.isRegularFile(f) ? Optional.of(Long.parseLong(Files.readString(f).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean ownedByLiveProcess(String prefix) {
        return owner(prefix).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Names of namespaces and root links of this prefix that still exist. */
    static List<String> leftovers(String prefix) {
        List<String> found = new ArrayList<>();
        for (String ns : Netns.list()) {
            Matcher m = Names.NETNS.matcher(ns);
            if (m.matches() && m.group(1).equals(prefix)) {
                found.add("netns " + ns);
            }
        }
        for (String link : Netns.rootLinks()) {
            Matcher m = Names.ROOT_LINK.matcher(link);
            if (m.matches() && m.group(1).equals(prefix)) {
                found.add("link " + link);
            }
        }
        return found;
    }

    static List<String> cleanupStale() {
        Set<String> prefixes = new TreeSet<>();
        for (String ns : Netns.list()) {
            Matcher m = Names.NETNS.matcher(ns);
            if (m.matches()) {
                prefixes.add(m.group(1));
            }
        }
        for (String link : Netns.rootLinks()) {
            Matcher m = Names.ROOT_LINK.matcher(link);
            if (m.matches()) {
                prefixes.add(m.group(1));
            }
        }
        if (Files.isDirectory(stateRoot())) {
            try (Stream<Path> dirs = Files.list(stateRoot())) {
                dirs.map(p -> p.getFileName().toString()).filter(n -> Names.PREFIX.matcher(n).matches())
                        .forEach(prefixes::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String prefix : prefixes) {
            if (ownedByLiveProcess(prefix)) {
                LOG.debug("testbed {} belongs to live pid {}, leaving it", prefix, owner(prefix).orElseThrow());
                continue;
            }
            removed.addAll(removeAll(prefix));
        }
        if (!removed.isEmpty()) {
            LOG.info("removed stale testbed leftovers: {}", removed);
        }
        return removed;
    }

    /** Removes every namespace, link, daemon and file of the prefix; returns what it removed. */
    static List<String> removeAll(String prefix) {
        List<String> removed = new ArrayList<>();
        killByPidfiles(stateRoot().resolve(prefix), removed);
        for (String ns : Netns.list()) {
            Matcher m = Names.NETNS.matcher(ns);
            if (m.matches() && m.group(1).equals(prefix)) {
                Netns.delete(ns);
                removed.add("netns " + ns);
            }
        }
        for (String link : Netns.rootLinks()) {
            Matcher m = Names.ROOT_LINK.matcher(link);
            if (m.matches() && m.group(1).equals(prefix)) {
                Netns.deleteLink(link);
                removed.add("link " + link);
            }
        }
        deleteTree(stateRoot().resolve(prefix));
        return removed;
    }

    private static void killByPidfiles(Path dir, List<String> removed) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<ProcessHandle> victims = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                try {
                    long pid = Long.parseLong(Files.readString(f).strip());
                    ProcessHandle.of(pid).filter(StaleCleaner::isOwnDaemon).ifPresent(victims::add);
                } catch (IOException | NumberFormatException ignored) {
                    // a half-written pidfile: the daemon never started
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        victims.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : victims) {
            try {
                Await.until("pid " + h.pid() + " to exit", Duration.ofSeconds(5), () -> !h.isAlive());
            } catch (ConditionTimeoutException e) {
                h.destroyForcibly();
            }
            removed.add("pid " + h.pid());
        }
    }

    private static boolean isOwnDaemon(ProcessHandle h) {
        return h.info().command().map(c -> Path.of(c).getFileName().toString()).map(OWN_DAEMONS::contains)
                .orElse(false);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
