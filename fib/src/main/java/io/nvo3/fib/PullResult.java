package io.nvo3.fib;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.input.MacAddress;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;

/** What the controller does with a pull packet-in. Packet-out actions apply to the packet-in's frame and in_port. */
public sealed interface PullResult {
    /**
     * Install {@code install} (empty when the destination is pre-installed and the miss was a race), then send the
     * frame with {@code packetOut}.
     */
    record Forward(List<FlowEntry> install, List<Action> packetOut) implements PullResult {
        public Forward {
            install = List.copyOf(install);
            packetOut = List.copyOf(packetOut);
        }
    }

    /**
     * Proxy ARP: send an ARP reply (RFC 826, ar$op = 2) built from these fields to the requester, by
     * {@code packetOut} (OFPP_IN_PORT of the request). Ethernet source = {@code senderMac}, destination =
     * {@code targetMac}; sender = the answered address, target = the requester.
     */
    record ArpReply(MacAddress senderMac, Inet4Address senderIp, MacAddress targetMac, Inet4Address targetIp,
                    List<Action> packetOut) implements PullResult {
        public ArpReply {
            Objects.requireNonNull(senderMac, "senderMac");
            Objects.requireNonNull(senderIp, "senderIp");
            Objects.requireNonNull(targetMac, "targetMac");
            Objects.requireNonNull(targetIp, "targetIp");
            packetOut = List.copyOf(packetOut);
        }
    }

    /** Flood the frame in the VN (packet-out into its flood group from local ports). */
    record Flood(List<Action> packetOut) implements PullResult {
        public Flood {
            packetOut = List.copyOf(packetOut);
        }
    }

    /** Drop the frame. */
    record Drop(String reason) implements PullResult {
        public Drop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
