package io.nvo3.openflow.action;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.match.Oxm;

/**
 * An action (OpenFlow 1.3.5 §7.2.5). Nicira experimenter actions are kept as {@link Nicira} with their
 * subtype name and bytes, so a flow-stats reply holding any of them still parses (OVS reports actions
 * other tools wrote).
 */
public sealed interface Action {

    /** OFPP_CONTROLLER, OFPP_IN_PORT, ... (§7.2.1, {@code enum ofp_port_no}). */
    long OFPP_IN_PORT = 0xfffffff8L;
    long OFPP_ALL = 0xfffffffcL;
    long OFPP_CONTROLLER = 0xfffffffdL;
    long OFPP_LOCAL = 0xfffffffeL;
    long OFPP_ANY = 0xffffffffL;
    /** "OFPCML_NO_BUFFER: indicates that no buffering should be applied" (§7.2.5). */
    int OFPCML_NO_BUFFER = 0xffff;

    record Output(long port, int maxLen) implements Action {
        public Output {
            checkU32(port, "port");
            if (maxLen < 0 || maxLen > 0xffff) {
                throw new IllegalArgumentException("maxLen out of range");
            }
        }

        public static Output to(long port) {
            return new Output(port, port == OFPP_CONTROLLER ? OFPCML_NO_BUFFER : 0);
        }
    }

    record Group(long groupId) implements Action {
        public Group {
            checkU32(groupId, "groupId");
        }
    }

    /** OFPAT_SET_FIELD; the OXM carries no mask in OpenFlow 1.3. */
    record SetField(Oxm field) implements Action {
        public SetField {
            if (field == null || field.hasMask()) {
                throw new IllegalArgumentException("set_field needs an unmasked field");
            }
        }
    }

    record PushVlan(int ethertype) implements Action {
        public PushVlan {
            if (ethertype < 0 || ethertype > 0xffff) {
                throw new IllegalArgumentException("ethertype out of range");
            }
        }
    }

    record PopVlan() implements Action {}

    record DecNwTtl() implements Action {}

    record SetNwTtl(int ttl) implements Action {
        public SetNwTtl {
            if (ttl < 0 || ttl > 255) {
                throw new IllegalArgumentException("ttl out of range");
            }
        }
    }

    /**
     * NXAST_RESUBMIT_TABLE (Nicira subtype 14): {@code in_port} is an OpenFlow 1.0 port number
     * (0xfff8 = use the packet's in_port), {@code table} 255 = the current table.
     */
    record NxResubmit(int inPort, int table) implements Action {
        public NxResubmit {
            if (inPort < 0 || inPort > 0xffff || table < 0 || table > 255) {
                throw new IllegalArgumentException("resubmit port/table out of range");
            }
        }

        public static NxResubmit toTable(int table) {
            return new NxResubmit(0xfff8, table);
        }
    }

    /**
     * NXAST_LEARN (Nicira subtype 16, OVS include/openflow/nicira-ext.h {@code struct nx_action_learn}):
     * the fixed part decoded, the flow_mod_specs kept as bytes (padding included) so it re-encodes exactly.
     */
    record NxLearn(int idleTimeout, int hardTimeout, int priority, long cookie, int flags, int tableId,
            int finIdleTimeout, int finHardTimeout, Bytes specs) implements Action {
        public NxLearn {
            for (int v : new int[] {idleTimeout, hardTimeout, priority, flags, finIdleTimeout, finHardTimeout}) {
                if (v < 0 || v > 0xffff) {
                    throw new IllegalArgumentException("learn field out of u16 range: " + v);
                }
            }
            if (tableId < 0 || tableId > 255 || specs.length() % 8 != 0) {
                throw new IllegalArgumentException("learn table out of range or specs not padded to 8");
            }
        }
    }

    /** Any other Nicira action: subtype and the bytes after it, padding included. */
    record Nicira(int subtype, Bytes body) implements Action {
        public Nicira {
            if (subtype < 0 || subtype > 0xffff || (body.length() + 2) % 8 != 0
                    || subtype == NiciraSubtype.RESUBMIT_TABLE || subtype == NiciraSubtype.LEARN) {
                throw new IllegalArgumentException("Nicira action body must pad the action to 8 bytes");
            }
        }

        public String name() {
            return NiciraSubtype.name(subtype);
        }
    }

    /** An experimenter action of another vendor. */
    record Experimenter(long experimenter, Bytes data) implements Action {
        public Experimenter {
            checkU32(experimenter, "experimenter");
            if (data.length() % 8 != 0 || experimenter == NiciraSubtype.NX_VENDOR) {
                throw new IllegalArgumentException("experimenter data must pad to 8; Nicira uses Nicira");
            }
        }
    }

    /** A standard action type this codec does not model; body after the 4-byte type/len header. */
    record Unknown(int type, Bytes body) implements Action {
        public Unknown {
            if (type < 0 || type > 0xfffe || (body.length() + 4) % 8 != 0 || ActionCodec.isModelled(type)) {
                throw new IllegalArgumentException("bad unknown action " + type);
            }
        }
    }

    private static void checkU32(long v, String name) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(name + " out of u32 range: " + v);
        }
    }
}
