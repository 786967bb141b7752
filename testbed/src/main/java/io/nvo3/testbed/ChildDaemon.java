package io.nvo3.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A daemon run in the foreground as a child of this JVM, its output in a log file and its pid in
 * {@code NAME.pid} so that {@link Testbed#cleanupStale()} can end it after a crash.
 */
final class ChildDaemon {
    private final String name;
    private final Process process;
    private final Path log;

    ChildDaemon(String name, Path dir, List<String> command) {
        this.name = name;
        this.log = dir.resolve(name + ".out");
        try {
            this.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Files.writeString(dir.resolve(name + ".pid"), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The daemon's stdout and stderr so far (for failure messages). */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Fails with the daemon's output if it died. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output());
        }
    }

    void stop(Duration timeout) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            Await.until(name + " to exit", timeout, () -> !process.isAlive());
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            Await.until(name + " to die", timeout, () -> !process.isAlive());
        }
    }
}
