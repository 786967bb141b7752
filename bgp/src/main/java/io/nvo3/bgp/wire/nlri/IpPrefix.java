package io.nvo3.bgp.wire.nlri;

import java.net.InetAddress;
import java.util.Objects;

/** An IPv4 or IPv6 unicast prefix (AFI 1 or 2, SAFI 1). Host bits must be zero. */
public record IpPrefix(long pathId, InetAddress prefix, int length) implements Nlri {
    public IpPrefix {
        Nlri.checkPathId(pathId);
        Objects.requireNonNull(prefix);
        Prefixes.checkMasked(prefix, length, "IP prefix");
    }

    public static IpPrefix of(InetAddress prefix, int length) {
        return new IpPrefix(NO_PATH_ID, prefix, length);
    }

    @Override
    public String toString() {
        return prefix.getHostAddress() + "/" + length + (pathId == NO_PATH_ID ? "" : " path " + pathId);
    }
}
