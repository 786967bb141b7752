package io.nvo3.fib;

import io.nvo3.fib.input.MacAddress;
import java.net.Inet4Address;
import java.util.Objects;

/** What a packet-in from a pull or hybrid VN asks ({@link Pull#resolve}); the cookie's rule is PULL_MISS. */
public sealed interface PullQuery {
    /** A unicast frame from a local port missed table 40: where is {@code dstMac}? */
    record UnicastMiss(MacAddress dstMac) implements PullQuery {
        public UnicastMiss {
            Objects.requireNonNull(dstMac, "dstMac");
        }
    }

    /** An ARP request from a local port (pull VNs): who has {@code targetIp}? Sender fields as in the request. */
    record ArpRequest(MacAddress senderMac, Inet4Address senderIp, Inet4Address targetIp) implements PullQuery {
        public ArpRequest {
            Objects.requireNonNull(senderMac, "senderMac");
            Objects.requireNonNull(senderIp, "senderIp");
            Objects.requireNonNull(targetIp, "targetIp");
        }
    }
}
