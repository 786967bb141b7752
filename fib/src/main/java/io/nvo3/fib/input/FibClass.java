package io.nvo3.fib.input;

/** How urgently a tenant system's L2 entry is wanted on remote NVEs of a {@link FibMode#HYBRID} VN. */
public enum FibClass {
    /** Pulled on first use in a hybrid VN. */
    STANDARD,
    /** Pushed to every NVE of the VN in a hybrid VN: the first packet must not wait for the controller. */
    LATENCY_SENSITIVE
}
