package io.nvo3.openflow.match;

import io.nvo3.openflow.Bytes;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Comparator;

/**
 * One OXM TLV: a header {@code class(16) field(7) hasmask(1) length(8)} and a value (OpenFlow 1.3.5
 * §7.2.3.2). Named fields decode to {@link Field}; any other class/field stays {@link Unknown} with
 * its bytes.
 */
public sealed interface Oxm permits Oxm.Field, Oxm.Unknown {

    int oxmClass();

    int fieldCode();

    boolean hasMask();

    /** Canonical order used by {@link Match#normalized()}: by class, then field. */
    Comparator<Oxm> CANONICAL_ORDER = Comparator.comparingInt(Oxm::oxmClass)
            .thenComparingInt(Oxm::fieldCode)
            .thenComparing(Object::toString);

    /**
     * A named field.
     *
     * @param mask null when the entry carries no mask
     */
    record Field(OxmType type, Bytes value, Bytes mask) implements Oxm {
        public Field {
            if (type == null || value == null) {
                throw new IllegalArgumentException("type and value are required");
            }
            if (value.length() != type.length()) {
                throw new IllegalArgumentException(type + " needs " + type.length() + " bytes, got " + value.length());
            }
            if (mask != null) {
                if (!type.maskable()) {
                    throw new IllegalArgumentException(type + " is not maskable");
                }
                if (mask.length() != type.length()) {
                    throw new IllegalArgumentException(type + " mask needs " + type.length() + " bytes");
                }
            }
        }

        @Override
        public int oxmClass() {
            return type.oxmClass();
        }

        @Override
        public int fieldCode() {
            return type.field();
        }

        @Override
        public boolean hasMask() {
            return mask != null;
        }

        public long longValue() {
            return value.toLong();
        }

        @Override
        public String toString() {
            return type.name().toLowerCase() + "=" + value + (mask == null ? "" : "/" + mask);
        }
    }

    /** A field this codec does not name; payload is value (and mask) as on the wire. */
    record Unknown(int oxmClass, int fieldCode, boolean hasMask, Bytes payload) implements Oxm {
        public Unknown {
            if (oxmClass < 0 || oxmClass > 0xffff || fieldCode < 0 || fieldCode > 0x7f) {
                throw new IllegalArgumentException("class/field out of range");
            }
            if (payload.length() > 255 || (hasMask && payload.length() % 2 != 0)) {
                throw new IllegalArgumentException("bad OXM payload length " + payload.length());
            }
            if (oxmClass == 0xffff && payload.length() < 4) {
                throw new IllegalArgumentException("experimenter OXM needs a 4-byte experimenter id");
            }
        }
    }

    static Field exact(OxmType type, long value) {
        return new Field(type, Bytes.ofLong(value, type.length()), null);
    }

    static Field masked(OxmType type, long value, long mask) {
        return new Field(type, Bytes.ofLong(value, type.length()), Bytes.ofLong(mask, type.length()));
    }

    static Field inPort(long port) {
        return exact(OxmType.IN_PORT, port);
    }

    static Field metadata(long value, long mask) {
        return masked(OxmType.METADATA, value, mask);
    }

    static Field metadata(long value) {
        return exact(OxmType.METADATA, value);
    }

    static Field ethDst(long mac48) {
        return exact(OxmType.ETH_DST, mac48);
    }

    static Field ethSrc(long mac48) {
        return exact(OxmType.ETH_SRC, mac48);
    }

    static Field ethType(int ethType) {
        return exact(OxmType.ETH_TYPE, ethType);
    }

    static Field ipProto(int proto) {
        return exact(OxmType.IP_PROTO, proto);
    }

    static Field ipv4Src(Inet4Address a) {
        return new Field(OxmType.IPV4_SRC, Bytes.of(a.getAddress()), null);
    }

    static Field ipv4Dst(Inet4Address a) {
        return new Field(OxmType.IPV4_DST, Bytes.of(a.getAddress()), null);
    }

    static Field ipv6Dst(Inet6Address a) {
        return new Field(OxmType.IPV6_DST, Bytes.of(a.getAddress()), null);
    }

    static Field arpTpa(Inet4Address a) {
        return new Field(OxmType.ARP_TPA, Bytes.of(a.getAddress()), null);
    }

    static Field tunnelId(long vni) {
        return exact(OxmType.TUNNEL_ID, vni);
    }

    static Field tunIpv4Dst(Inet4Address a) {
        return new Field(OxmType.NXM_NX_TUN_IPV4_DST, Bytes.of(a.getAddress()), null);
    }

    static Field tunIpv4Src(Inet4Address a) {
        return new Field(OxmType.NXM_NX_TUN_IPV4_SRC, Bytes.of(a.getAddress()), null);
    }

    static Field reg(int n, long value) {
        return exact(OxmType.register(n), value);
    }
}
