package io.nvo3.controller.nve.pull;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Packet-ins of one NVE as {@code GET /api/v1/nves} shows them: handled, dropped by the per-NVE rate limit or a full
 * queue, not a pull miss or unparsable, the rate over the last second, and on-demand flows installed and held.
 */
public record PacketInStats(@JsonProperty("handled") long handled,
                            @JsonProperty("dropped_rate_limit") long droppedRateLimit,
                            @JsonProperty("dropped_queue_full") long droppedQueueFull,
                            @JsonProperty("ignored") long ignored,
                            @JsonProperty("rate_per_second") long ratePerSecond,
                            @JsonProperty("pulled_flows_installed") long pulledFlowsInstalled,
                            @JsonProperty("pulled_flows_held") int pulledFlowsHeld,
                            @JsonProperty("arp_replies") long arpReplies) {
    public static final PacketInStats NONE = new PacketInStats(0, 0, 0, 0, 0, 0, 0, 0);
}
