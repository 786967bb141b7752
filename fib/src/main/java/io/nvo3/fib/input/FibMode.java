package io.nvo3.fib.input;

/**
 * How a VN's FIB is populated on its NVEs (DESIGN.md, step 4: "entry for on-demand install on a table miss (pull),
 * per VN policy").
 */
public enum FibMode {
    /** Every known destination is pre-installed on every NVE of the VN (the default). */
    PUSH,
    /**
     * Only local destinations are pre-installed; a unicast L2 miss from a local port and every ARP request from a
     * local port go to the controller, which installs the entry on demand or answers the ARP ({@code Pull}).
     */
    PULL,
    /**
     * ARP requests for known IPv4 addresses are answered in the datapath; destinations of
     * {@link FibClass#LATENCY_SENSITIVE} tenant systems are pre-installed, the rest are pulled.
     */
    HYBRID
}
