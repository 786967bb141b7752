package io.nvo3.testbed;

/** A command exited non-zero or overran its timeout; the message carries its stdout and stderr. */
public final class ProcessFailedException extends RuntimeException {
    private final transient ProcessResult result;

    ProcessFailedException(ProcessResult result, String why) {
        super(why + ": " + String.join(" ", result.command())
                + "\n--- exit " + result.exitCode()
                + "\n--- stdout\n" + abbreviate(result.stdout())
                + "\n--- stderr\n" + abbreviate(result.stderr()));
        this.result = result;
    }

    /** The result, with exit code -1 when the command timed out. */
    public ProcessResult result() {
        return result;
    }

    private static String abbreviate(String s) {
        return s.length() <= 8000 ? s : s.substring(0, 8000) + "\n[... " + (s.length() - 8000) + " more chars]";
    }
}
