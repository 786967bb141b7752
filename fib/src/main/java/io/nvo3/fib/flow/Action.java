package io.nvo3.fib.flow;

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
}
