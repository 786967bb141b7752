package io.nvo3.fib.flow;

import io.nvo3.fib.flow.MatchField.Kind;
import java.net.Inet4Address;
import java.util.Objects;

/** Actions of an apply-actions instruction or a group bucket (OpenFlow 1.3 section 5.12, plus OVS fields). */
public sealed interface Action {
    /** OFPAT_OUTPUT. OVS never sends a packet back out of its in_port unless told OFPP_IN_PORT. */
    record Output(int port) implements Action {
        @Override
        public String toString() {
            return "output:" + Integer.toUnsignedString(port);
        }
    }

    /** OFPAT_GROUP. */
    record Group(int groupId) implements Action {
        @Override
        public String toString() {
            return "group:" + Integer.toUnsignedString(groupId);
        }
    }

    /** OFPAT_SET_FIELD of OXM_OF_TUNNEL_ID: the VNI a flow-based VXLAN port sends with. */
    record SetTunnelId(long tunnelId) implements Action {
        @Override
        public String toString() {
            return "set_field:" + tunnelId + "->tun_id";
        }
    }

    /** OFPAT_SET_FIELD of Nicira NXM_NX_TUN_IPV4_DST: the remote VTEP a flow-based VXLAN port sends to. */
    record SetTunnelIpv4Dst(Inet4Address vtep) implements Action {
        public SetTunnelIpv4Dst {
            Objects.requireNonNull(vtep, "vtep");
        }

        @Override
        public String toString() {
            return "set_field:" + vtep.getHostAddress() + "->tun_dst";
        }
    }

    /** OFPAT_SET_FIELD of Nicira NXM_NX_REG{index} (OVS register, 32 bits). */
    record SetRegister(int index, int value) implements Action {
        public SetRegister {
            if (index < 0 || index > 7) {
                throw new IllegalArgumentException("register index " + index + " outside 0..7");
            }
        }

        @Override
        public String toString() {
            return "set_field:" + Integer.toUnsignedString(value) + "->reg" + index;
        }
    }

    /**
     * OFPAT_OUTPUT to OFPP_CONTROLLER (OpenFlow 1.3 section 7.2.5: "max_len indicates the max number of bytes to
     * send"); the packet-in carries the flow's cookie, whose {@link RuleKind} says why it came.
     */
    record OutputController(int maxLen) implements Action {
        /** OFPCML_NO_BUFFER: "indicates that no buffering should be applied and the whole packet is to be sent". */
        public static final int NO_BUFFER = 0xffff;

        public OutputController {
            if (maxLen < 0 || maxLen > 0xffff) {
                throw new IllegalArgumentException("max_len " + maxLen + " outside 0..65535");
            }
        }

        @Override
        public String toString() {
            return "controller:" + maxLen;
        }
    }

    /**
     * OFPAT_OUTPUT to OFPP_IN_PORT: "Send the packet out the input port. This reserved port must be explicitly used
     * in order to send back out of the input port" (OpenFlow 1.3 section 4.5).
     */
    record OutputInPort() implements Action {
        @Override
        public String toString() {
            return "in_port";
        }
    }

    /**
     * OFPAT_SET_FIELD (section 7.2.5, "The Set-Field actions ... always apply to the outermost-possible header") with
     * the exact value of {@code field}; the field's prerequisites must hold in the packet (the flow's match
     * guarantees them). Tunnel id, tunnel destination and registers keep their own records above.
     */
    record SetField(MatchField field) implements Action {
        public SetField {
            Objects.requireNonNull(field, "field");
            byte[] mask = field.mask();
            for (byte b : mask) {
                if (b != (byte) 0xFF) {
                    throw new IllegalArgumentException("set_field needs an exact value: " + field);
                }
            }
            switch (field.kind()) {
                case ETH_SRC, ETH_DST, ARP_OP, ARP_SPA, ARP_SHA, ARP_TPA, ARP_THA -> {
                }
                default -> throw new IllegalArgumentException("set_field of " + field.kind() + " not supported; "
                        + "use SetTunnelId, SetTunnelIpv4Dst or SetRegister");
            }
        }

        @Override
        public String toString() {
            return "set_field:" + field;
        }
    }

    /**
     * Nicira NXAST_REG_MOVE (OVS "move:src[]->dst[]"): copies the low {@code nBits} bits of {@code src} over the low
     * {@code nBits} bits of {@code dst}. OpenFlow 1.3 has no copy-field action, so OVS's experimenter action is the
     * only way to turn a request into a reply in the datapath.
     */
    record MoveField(Kind src, Kind dst, int nBits) implements Action {
        public MoveField {
            Objects.requireNonNull(src, "src");
            Objects.requireNonNull(dst, "dst");
            if (nBits < 1 || nBits > src.bits() || nBits > dst.bits()) {
                throw new IllegalArgumentException(nBits + " bits do not fit " + src + " (" + src.bits() + ") and "
                        + dst + " (" + dst.bits() + ")");
            }
        }

        /** Copies all of {@code src} into {@code dst}, which must be as wide. */
        public static MoveField whole(Kind src, Kind dst) {
            if (src.bits() != dst.bits()) {
                throw new IllegalArgumentException(src + " and " + dst + " differ in width");
            }
            return new MoveField(src, dst, src.bits());
        }

        @Override
        public String toString() {
            return "move:" + src + "[0.." + (nBits - 1) + "]->" + dst;
        }
    }
}
