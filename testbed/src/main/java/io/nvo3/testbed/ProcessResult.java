package io.nvo3.testbed;

import java.util.List;
import java.util.Objects;

/** What a finished command left behind: its exit code and everything it printed. */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

    public ProcessResult {
        command = List.copyOf(command);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Non-empty lines of stdout, trimmed. */
    public List<String> lines() {
        return stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
