package io.nvo3.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs external commands with a timeout and captures their output.
 *
 * <p>Output goes to temporary files, not pipes: a daemon started with {@code --detach} may keep an
 * inherited pipe open for its whole life and a pipe reader would then never see end-of-file.
 */
public final class ProcessRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    /** Default timeout of {@link #check(String...)} and {@link #run(String...)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private ProcessRunner() {}

    /** Runs the command; throws {@link ProcessFailedException} on a non-zero exit or a timeout. */
    public static ProcessResult check(String... command) {
        return check(DEFAULT_TIMEOUT, Map.of(), List.of(command));
    }

    public static ProcessResult check(Duration timeout, Map<String, String> env, List<String> command) {
        ProcessResult r = run(timeout, env, command);
        if (!r.succeeded()) {
            throw new ProcessFailedException(r, "command failed");
        }
        return r;
    }

    /** Runs the command and returns whatever happened; only a timeout throws. */
    public static ProcessResult run(String... command) {
        return run(DEFAULT_TIMEOUT, Map.of(), List.of(command));
    }

    /**
     * Runs the command and returns its result whatever the exit code; a command that does not finish
     * within the timeout is killed and reported as {@link ProcessFailedException} (exit code -1).
     */
    public static ProcessResult run(Duration timeout, Map<String, String> env, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("nvo3tb-out", ".txt");
            err = Files.createTempFile("nvo3tb-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            LOG.debug("run {}", command);
            Process p = pb.start();
            int exit;
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = p.exitValue();
            } else {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                exit = -1;
            }
            ProcessResult r = new ProcessResult(command, exit,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            if (exit == -1) {
                throw new ProcessFailedException(r, "timed out after " + timeout);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left in /tmp is harmless
            }
        }
    }
}
