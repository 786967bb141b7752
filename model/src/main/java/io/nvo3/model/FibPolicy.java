package io.nvo3.model;

import java.util.Locale;

/**
 * How a network's FIB is populated on its NVEs (issue 6): {@code mode} push (every NVE gets every entry), pull
 * (entries installed on demand after a table miss, ARP answered by the controller) or hybrid (ARP answers and
 * latency-sensitive tenant systems pushed, the rest pulled); {@code suspended} says whether a SUSPENDED tenant
 * system's routes are withdrawn (default) or kept advertised. Null components take the defaults, so records stored
 * before this attribute existed decode as push/withdraw.
 */
public record FibPolicy(Mode mode, Suspended suspended) {
    public static final FibPolicy DEFAULT = new FibPolicy(Mode.PUSH, Suspended.WITHDRAW);

    public enum Mode {
        PUSH, PULL, HYBRID;

        /** The API spelling ({@code push|pull|hybrid}, case-insensitive); null when unknown. */
        public static Mode parse(String text) {
            return Enums.parse(Mode.class, text);
        }

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Suspended {
        WITHDRAW, KEEP;

        public static Suspended parse(String text) {
            return Enums.parse(Suspended.class, text);
        }

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FibPolicy {
        mode = mode == null ? Mode.PUSH : mode;
        suspended = suspended == null ? Suspended.WITHDRAW : suspended;
    }

    public FibPolicy withMode(Mode m) {
        return new FibPolicy(m, suspended);
    }

    public FibPolicy withSuspended(Suspended s) {
        return new FibPolicy(mode, s);
    }
}
