package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.WireFormatException;
import io.nvo3.bgp.wire.WireReader;
import io.nvo3.bgp.wire.WireWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 8277 §2.2 labeled NLRI with an RD (RFC 4364 §4.3.4): Length in bits, then
 * "one or more labels", then the 8-octet RD, then the prefix.
 */
final class VpnCodec {
    static final int MAX_LABELS = 8;

    private VpnCodec() {
    }

    static VpnPrefix decode(WireReader r, long pathId, int width) {
        int bits = r.u8("VPN prefix length");
        List<Integer> labels = new ArrayList<>();
        int remaining = bits;
        while (true) {
            if (remaining < 24 + 64) {
                throw new WireFormatException("VPN NLRI length " + bits + " leaves no room for label, RD and prefix");
            }
            int label = r.u24("label");
            remaining -= 24;
            labels.add(label);
            // RFC 8277 §2.4: in a withdrawal the label field may be 0x800000 (RFC 3107) or 0; stop there.
            if (Labels.bottomOfStack(label) || label == Labels.WITHDRAW_COMPAT || label == 0) {
                break;
            }
            if (labels.size() == MAX_LABELS) {
                throw new WireFormatException("VPN label stack deeper than " + MAX_LABELS);
            }
        }
        RouteDistinguisher rd = new RouteDistinguisher(r.value(8, "route distinguisher"));
        remaining -= 64;
        InetAddress prefix = Prefixes.read(r, remaining, width, "VPN prefix");
        return new VpnPrefix(pathId, labels, rd, prefix, remaining);
    }

    static void encode(VpnPrefix p, WireWriter w) {
        int bits = p.labels().size() * 24 + 64 + p.length();
        if (bits > 255) {
            throw new IllegalArgumentException("VPN NLRI longer than 255 bits: " + p);
        }
        w.u8(bits);
        for (int l : p.labels()) {
            w.u24(l);
        }
        w.bytes(p.rd().bytes());
        w.bytes(p.prefix().getAddress(), 0, Prefixes.octets(p.length()));
    }
}
