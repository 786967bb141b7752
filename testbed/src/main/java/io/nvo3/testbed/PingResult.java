package io.nvo3.testbed;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The summary line of iputils {@code ping}: "N packets transmitted, M received". */
public record PingResult(int transmitted, int received, String output) {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");

    public PingResult {
        if (transmitted < 0 || received < 0) {
            throw new IllegalArgumentException("negative counts: " + transmitted + "/" + received);
        }
    }

    public int lost() {
        return Math.max(0, transmitted - received);
    }

    public double lossPercent() {
        return transmitted == 0 ? 100.0 : 100.0 * lost() / transmitted;
    }

    /** At least one request went out and every one was answered. */
    public boolean allReceived() {
        return transmitted > 0 && received >= transmitted;
    }

    static PingResult parse(ProcessResult r) {
        Matcher m = SUMMARY.matcher(r.stdout());
        if (!m.find()) {
            throw new ProcessFailedException(r, "no ping summary in output");
        }
        return new PingResult(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), r.stdout());
    }
}
