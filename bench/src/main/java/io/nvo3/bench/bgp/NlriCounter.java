package io.nvo3.bench.bgp;

/**
 * Counts the NLRI of an UPDATE frame without building objects, so the receiving side of the
 * benchmark costs little CPU. Knows IPv4/VPNv4 prefixes (length in bits) and EVPN routes (type,
 * length); no ADD-PATH (never negotiated by the benchmark's peers).
 */
final class NlriCounter {
    private NlriCounter() {}

    /** What one UPDATE carried. */
    record Count(int announced, int withdrawn, boolean endOfRib) {}

    /** {@code frame} is a whole message, header included (RFC 4271 §4.1: 16 marker, 2 length, 1 type). */
    static Count count(byte[] frame) {
        int len = u16(frame, 16);
        int p = 19;
        // RFC 4271 §4.3: Withdrawn Routes Length (2), Withdrawn Routes, Total Path Attribute Length (2), attributes, NLRI.
        int wlen = u16(frame, p);
        p += 2;
        int withdrawn = prefixes(frame, p, p + wlen, 0);
        p += wlen;
        int alen = u16(frame, p);
        p += 2;
        int attrEnd = p + alen;
        int announced = 0;
        boolean onlyEmptyUnreach = alen > 0;
        int attrs = 0;
        while (p < attrEnd) {
            int flags = frame[p] & 0xff;
            int type = frame[p + 1] & 0xff;
            boolean ext = (flags & 0x10) != 0;
            int vlen = ext ? u16(frame, p + 2) : frame[p + 2] & 0xff;
            int v = p + (ext ? 4 : 3);
            attrs++;
            if (type == 14) {
                announced += mpNlri(frame, v, v + vlen, true);
                onlyEmptyUnreach = false;
            } else if (type == 15) {
                int w = mpNlri(frame, v, v + vlen, false);
                withdrawn += w;
                onlyEmptyUnreach &= w == 0;
            } else {
                onlyEmptyUnreach = false;
            }
            p = v + vlen;
        }
        announced += prefixes(frame, attrEnd, len, 0);
        // RFC 4724 §2: IPv4 End-of-RIB = no withdrawn routes, no attributes, no NLRI; other families: only an empty MP_UNREACH_NLRI.
        boolean eor = (wlen == 0 && alen == 0 && len == 23) || (wlen == 0 && attrs == 1 && onlyEmptyUnreach && attrEnd == len);
        return new Count(announced, withdrawn, eor);
    }

    private static int mpNlri(byte[] f, int p, int end, boolean reach) {
        int afi = u16(f, p);
        int safi = f[p + 2] & 0xff;
        p += 3;
        if (reach) {
            int nhLen = f[p] & 0xff;
            p += 1 + nhLen + 1; // next hop, Reserved
        }
        if (afi == 25 && safi == 70) {
            int n = 0;
            while (p < end) {
                p += 2 + (f[p + 1] & 0xff); // RFC 7432 §7: Route Type (1), Length (1), Route Type specific
                n++;
            }
            return n;
        }
        return prefixes(f, p, end, 0);
    }

    private static int prefixes(byte[] f, int p, int end, int n) {
        while (p < end) {
            p += 1 + ((f[p] & 0xff) + 7) / 8;
            n++;
        }
        return n;
    }

    private static int u16(byte[] f, int p) {
        return (f[p] & 0xff) << 8 | (f[p + 1] & 0xff);
    }
}
