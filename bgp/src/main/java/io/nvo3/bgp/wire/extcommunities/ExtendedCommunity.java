package io.nvo3.bgp.wire.extcommunities;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.MacAddress;
import java.util.Objects;
import java.util.Optional;

/** An 8-octet extended community (RFC 4360 §2). Kinds this codec does not interpret stay {@link Unknown}. */
public sealed interface ExtendedCommunity {

    /** RFC 4360 §4: sub-type 0x02; "65001:100", "198.19.0.1:5", "4200000000L:5". */
    record RouteTarget(AdministratorType type, long global, long local) implements ExtendedCommunity {
        public RouteTarget {
            Objects.requireNonNull(type).check(global, local);
        }

        public static RouteTarget parse(String s) {
            AdministratorType[] t = new AdministratorType[1];
            long[] v = AdministratorType.parse(s, t);
            return new RouteTarget(t[0], v[0], v[1]);
        }

        @Override
        public String toString() {
            return "RT:" + AdministratorType.format(type, global, local);
        }

        public String value() {
            return AdministratorType.format(type, global, local);
        }
    }

    /** RFC 4360 §5: sub-type 0x03 (Site of Origin). */
    record RouteOrigin(AdministratorType type, long global, long local) implements ExtendedCommunity {
        public RouteOrigin {
            Objects.requireNonNull(type).check(global, local);
        }

        @Override
        public String toString() {
            return "SoO:" + AdministratorType.format(type, global, local);
        }
    }

    /**
     * RFC 9012 §4.1 (formerly RFC 5512 §4.5): "Encapsulation Extended Community ... type 0x03,
     * sub-type 0x0c ... The last two octets of the Value field encode a tunnel type".
     */
    record Encapsulation(int tunnelType) implements ExtendedCommunity {
        public Encapsulation {
            if (tunnelType < 0 || tunnelType > 0xffff) {
                throw new IllegalArgumentException("tunnel type out of range: " + tunnelType);
            }
        }

        public static Encapsulation of(TunnelType t) {
            return new Encapsulation(t.code());
        }

        public Optional<TunnelType> known() {
            return TunnelType.of(tunnelType);
        }

        @Override
        public String toString() {
            return "encap:" + known().map(Enum::name).orElse("TunnelType(" + tunnelType + ")");
        }
    }

    /**
     * RFC 7432 §7.7: type 0x06, sub-type 0x00, "Flags (1 octet) ... Reserved=0 ... Sequence Number";
     * "The low-order bit of the Flags octet is defined as the 'Sticky/static' flag".
     */
    record MacMobility(boolean sticky, long sequence) implements ExtendedCommunity {
        public MacMobility {
            if (sequence < 0 || sequence > 0xffff_ffffL) {
                throw new IllegalArgumentException("MAC mobility sequence out of range: " + sequence);
            }
        }
    }

    /**
     * RFC 7432 §7.5: type 0x06, sub-type 0x01, Flags (low bit "Single-Active"), 2 reserved octets,
     * 3-octet ESI Label (raw label field, same convention as the route labels).
     */
    record EsiLabel(boolean singleActive, int label) implements ExtendedCommunity {
        public EsiLabel {
            if (label < 0 || label > 0xffffff) {
                throw new IllegalArgumentException("ESI label field must fit 24 bits");
            }
        }
    }

    /** RFC 9135 §8.1: EVPN Router's MAC, type 0x06, sub-type 0x03, 6-octet MAC. */
    record RouterMac(MacAddress mac) implements ExtendedCommunity {
        public RouterMac {
            Objects.requireNonNull(mac);
        }
    }

    /** RFC 7432 §7.8: "Default Gateway extended community ... defined in [RFC5512]" type 0x03, sub-type 0x0d. */
    record DefaultGateway() implements ExtendedCommunity {
    }

    /** Any other extended community, kept whole (type, sub-type and value: 8 octets). */
    record Unknown(Bytes value) implements ExtendedCommunity {
        public Unknown {
            if (value.length() != 8) {
                throw new IllegalArgumentException("extended community is 8 octets, got " + value.length());
            }
        }

        public int type() {
            return value.get(0);
        }

        /** RFC 4360 §2: "T - Transitive bit ... Value 0: The community is transitive". */
        public boolean transitive() {
            return (type() & 0x40) == 0;
        }
    }
}
