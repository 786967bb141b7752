package io.nvo3.bgp.wire.nlri;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * RFC 4364 §4.3.4 / RFC 8277 labeled VPN-IPv4 (and RFC 4659 VPN-IPv6) NLRI: label stack, RD, prefix.
 * {@code labels} are the raw 3-octet fields (label value in the high 20 bits, then TC, then the
 * bottom-of-stack bit), so what was received is re-encoded unchanged; see {@link Labels}.
 */
public record VpnPrefix(long pathId, List<Integer> labels, RouteDistinguisher rd, InetAddress prefix, int length) implements Nlri {
    public VpnPrefix {
        Nlri.checkPathId(pathId);
        labels = List.copyOf(labels);
        if (labels.isEmpty() || labels.size() > VpnCodec.MAX_LABELS) {
            throw new IllegalArgumentException("VPN label stack needs 1.." + VpnCodec.MAX_LABELS + " entries");
        }
        for (int l : labels) {
            Labels.checkField(l);
        }
        Objects.requireNonNull(rd);
        Objects.requireNonNull(prefix);
        Prefixes.checkMasked(prefix, length, "VPN prefix");
    }

    /** One MPLS label with the bottom-of-stack bit set. */
    public static VpnPrefix of(int mplsLabel, RouteDistinguisher rd, InetAddress prefix, int length) {
        return new VpnPrefix(NO_PATH_ID, List.of(Labels.mpls(mplsLabel, true)), rd, prefix, length);
    }

    @Override
    public String toString() {
        return rd + ":" + prefix.getHostAddress() + "/" + length + " labels " + labels.stream().map(l -> Integer.toString(Labels.mplsValue(l))).toList();
    }
}
