package io.nvo3.bgp.wire.capabilities;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** A capability advertised in OPEN (RFC 5492). Unknown codes are kept with their value. */
public sealed interface Capability {
    int code();

    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int EXTENDED_MESSAGE = 6;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;
    int ADD_PATH = 69;
    int ENHANCED_ROUTE_REFRESH = 70;
    int FQDN = 73;

    /** RFC 4760 §8: AFI (2), reserved (1), SAFI (1). */
    record Multiprotocol(AfiSafi family) implements Capability {
        public Multiprotocol {
            Objects.requireNonNull(family);
        }

        public int code() {
            return MULTIPROTOCOL;
        }
    }

    /** RFC 2918 §3: capability code 2, length 0. */
    record RouteRefresh() implements Capability {
        public int code() {
            return ROUTE_REFRESH;
        }
    }

    /** RFC 7313 §3: capability code 70, length 0. */
    record EnhancedRouteRefresh() implements Capability {
        public int code() {
            return ENHANCED_ROUTE_REFRESH;
        }
    }

    /** RFC 8654 §3: capability code 6, length 0. */
    record ExtendedMessage() implements Capability {
        public int code() {
            return EXTENDED_MESSAGE;
        }
    }

    /** RFC 6793 §3: "the Capability Value field ... contains the 4-octet AS number of the speaker". */
    record FourOctetAs(long asNumber) implements Capability {
        public FourOctetAs {
            if (asNumber < 0 || asNumber > 0xffff_ffffL) {
                throw new IllegalArgumentException("AS number out of range: " + asNumber);
            }
        }

        public int code() {
            return FOUR_OCTET_AS;
        }
    }

    /**
     * RFC 4724 §3: Restart Flags (4 bits: R, and N from RFC 8538), Restart Time in seconds (12 bits),
     * then per AFI/SAFI a Flags octet whose most significant bit says forwarding state was preserved.
     */
    record GracefulRestart(boolean restartState, boolean notification, int restartTimeSeconds, List<GracefulRestartFamily> families)
            implements Capability {
        public GracefulRestart {
            if (restartTimeSeconds < 0 || restartTimeSeconds > 0xfff) {
                throw new IllegalArgumentException("restart time must fit 12 bits: " + restartTimeSeconds);
            }
            families = List.copyOf(families);
        }

        public int code() {
            return GRACEFUL_RESTART;
        }
    }

    record GracefulRestartFamily(AfiSafi family, boolean forwardingStatePreserved) {
        public GracefulRestartFamily {
            Objects.requireNonNull(family);
        }
    }

    /** RFC 7911 §4: per AFI/SAFI, Send/Receive 1 = receive, 2 = send, 3 = both. */
    record AddPath(List<AddPathFamily> families) implements Capability {
        public AddPath {
            families = List.copyOf(families);
        }

        public int code() {
            return ADD_PATH;
        }
    }

    record AddPathFamily(AfiSafi family, boolean receive, boolean send) {
        public AddPathFamily {
            Objects.requireNonNull(family);
            if (!receive && !send) {
                throw new IllegalArgumentException("ADD-PATH Send/Receive must be 1, 2 or 3");
            }
        }
    }

    /** draft-walton-bgp-hostname-capability (code 73): hostname and domain name, each length-prefixed. */
    record Fqdn(String hostname, String domainName) implements Capability {
        public Fqdn {
            if (hostname.getBytes(StandardCharsets.UTF_8).length > 255 || domainName.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("FQDN capability names are at most 255 octets");
            }
        }

        public int code() {
            return FQDN;
        }
    }

    /** A capability this codec does not interpret, kept as received. */
    record UnknownCapability(int code, Bytes value) implements Capability {
        public UnknownCapability {
            if (code < 0 || code > 255 || value.length() > 255) {
                throw new IllegalArgumentException("capability code or length out of range");
            }
        }
    }
}
