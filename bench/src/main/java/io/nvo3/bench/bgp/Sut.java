package io.nvo3.bench.bgp;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A system under test: one BGP daemon on {@link Topology#sut()} with two passive eBGP neighbors — the
 * feeder (import everything, export nothing) and the receiver (export everything learned by BGP) —
 * for one family, pinned to one CPU.
 */
sealed interface Sut extends AutoCloseable permits FrrSut, BirdSut, GoBgpSut, NvoSut {

    String name();

    /** Starts the daemon pinned to {@code cpu}, with its files in {@code dir}; returns when it answers queries. */
    void start(Topology t, FeedKind feed, String cpu, Path dir) throws Exception;

    long pid();

    /** Routes from the feeder the daemon currently holds (its accepted / received-prefix counter). */
    long accepted() throws Exception;

    /** Extra memory facts (the JVM's heap after a full GC), if the daemon has any to tell. */
    default Optional<String> memoryNote() throws Exception {
        return Optional.empty();
    }

    /**
     * The daemon's own count of its table after ingest, independent of the per-neighbor counter that
     * {@link #accepted} polls (so that a counter running ahead of the table would show), if it has one.
     */
    default Optional<String> tableNote(FeedKind feed) throws Exception {
        return Optional.empty();
    }

    /** Whether this daemon can take {@code feed} at all (BIRD 2.0 has no EVPN). */
    default boolean supports(FeedKind feed) {
        return true;
    }

    /** The last lines of the daemon's log, for failure messages. */
    String log();

    @Override
    void close();
}
