package io.nvo3.openflow;

import java.util.List;
import java.util.Map;

/**
 * Readable names of OFPT_ERROR type/code pairs (OpenFlow 1.3.5 §A.4.4) and of the ONF bundle
 * experimenter errors OVS sends for OpenFlow 1.3 (experimenter 0x4f4e4600, exp_type 2300..2315,
 * OVS include/openvswitch/ofp-errors.h "ONF1.3(2300)").
 */
public final class ErrorCodes {
    public static final int OFPET_HELLO_FAILED = 0;
    public static final int OFPET_BAD_REQUEST = 1;
    public static final int OFPET_BAD_ACTION = 2;
    public static final int OFPET_BAD_INSTRUCTION = 3;
    public static final int OFPET_BAD_MATCH = 4;
    public static final int OFPET_FLOW_MOD_FAILED = 5;
    public static final int OFPET_GROUP_MOD_FAILED = 6;
    public static final int OFPET_METER_MOD_FAILED = 12;
    public static final int OFPET_EXPERIMENTER = 0xffff;

    public static final int OFPHFC_INCOMPATIBLE = 0;
    public static final int OFPBRC_BAD_VERSION = 0;
    public static final int OFPBRC_BAD_TYPE = 1;
    public static final int OFPBRC_BAD_MULTIPART = 2;
    public static final int OFPBRC_BAD_LEN = 6;
    public static final int OFPBAC_BAD_LEN = 1;
    public static final int OFPBIC_BAD_LEN = 7;
    public static final int OFPBMC_BAD_TYPE = 0;
    public static final int OFPBMC_BAD_LEN = 1;
    public static final int OFPBMC_BAD_FIELD = 6;
    public static final int OFPBMC_BAD_PREREQ = 9;

    /** ONF experimenter id, used for the OpenFlow 1.3 bundle extension (EXT-230). */
    public static final long ONF_EXPERIMENTER = 0x4f4e4600L;
    /** Nicira experimenter id. */
    public static final long NX_EXPERIMENTER = 0x00002320L;

    private static final Map<Integer, String> TYPES = Map.ofEntries(
            Map.entry(0, "OFPET_HELLO_FAILED"), Map.entry(1, "OFPET_BAD_REQUEST"),
            Map.entry(2, "OFPET_BAD_ACTION"), Map.entry(3, "OFPET_BAD_INSTRUCTION"),
            Map.entry(4, "OFPET_BAD_MATCH"), Map.entry(5, "OFPET_FLOW_MOD_FAILED"),
            Map.entry(6, "OFPET_GROUP_MOD_FAILED"), Map.entry(7, "OFPET_PORT_MOD_FAILED"),
            Map.entry(8, "OFPET_TABLE_MOD_FAILED"), Map.entry(9, "OFPET_QUEUE_OP_FAILED"),
            Map.entry(10, "OFPET_SWITCH_CONFIG_FAILED"), Map.entry(11, "OFPET_ROLE_REQUEST_FAILED"),
            Map.entry(12, "OFPET_METER_MOD_FAILED"), Map.entry(13, "OFPET_TABLE_FEATURES_FAILED"),
            Map.entry(0xffff, "OFPET_EXPERIMENTER"));

    private static final Map<Integer, String> PREFIX = Map.ofEntries(
            Map.entry(0, "OFPHFC_"), Map.entry(1, "OFPBRC_"), Map.entry(2, "OFPBAC_"), Map.entry(3, "OFPBIC_"),
            Map.entry(4, "OFPBMC_"), Map.entry(5, "OFPFMFC_"), Map.entry(6, "OFPGMFC_"), Map.entry(7, "OFPPMFC_"),
            Map.entry(8, "OFPTMFC_"), Map.entry(9, "OFPQOFC_"), Map.entry(10, "OFPSCFC_"), Map.entry(11, "OFPRRFC_"),
            Map.entry(12, "OFPMMFC_"), Map.entry(13, "OFPTFFC_"));

    private static final Map<Integer, List<String>> CODES = Map.ofEntries(
            Map.entry(0, List.of("INCOMPATIBLE", "EPERM")),
            Map.entry(1, List.of("BAD_VERSION", "BAD_TYPE", "BAD_MULTIPART", "BAD_EXPERIMENTER", "BAD_EXP_TYPE",
                    "EPERM", "BAD_LEN", "BUFFER_EMPTY", "BUFFER_UNKNOWN", "BAD_TABLE_ID", "IS_SLAVE", "BAD_PORT",
                    "BAD_PACKET", "MULTIPART_BUFFER_OVERFLOW")),
            Map.entry(2, List.of("BAD_TYPE", "BAD_LEN", "BAD_EXPERIMENTER", "BAD_EXP_TYPE", "BAD_OUT_PORT",
                    "BAD_ARGUMENT", "EPERM", "TOO_MANY", "BAD_QUEUE", "BAD_OUT_GROUP", "MATCH_INCONSISTENT",
                    "UNSUPPORTED_ORDER", "BAD_TAG", "BAD_SET_TYPE", "BAD_SET_LEN", "BAD_SET_ARGUMENT")),
            Map.entry(3, List.of("UNKNOWN_INST", "UNSUP_INST", "BAD_TABLE_ID", "UNSUP_METADATA",
                    "UNSUP_METADATA_MASK", "BAD_EXPERIMENTER", "BAD_EXP_TYPE", "BAD_LEN", "EPERM")),
            Map.entry(4, List.of("BAD_TYPE", "BAD_LEN", "BAD_TAG", "BAD_DL_ADDR_MASK", "BAD_NW_ADDR_MASK",
                    "BAD_WILDCARDS", "BAD_FIELD", "BAD_VALUE", "BAD_MASK", "BAD_PREREQ", "DUP_FIELD", "EPERM")),
            Map.entry(5, List.of("UNKNOWN", "TABLE_FULL", "BAD_TABLE_ID", "OVERLAP", "EPERM", "BAD_TIMEOUT",
                    "BAD_COMMAND", "BAD_FLAGS")),
            Map.entry(6, List.of("GROUP_EXISTS", "INVALID_GROUP", "WEIGHT_UNSUPPORTED", "OUT_OF_GROUPS",
                    "OUT_OF_BUCKETS", "CHAINING_UNSUPPORTED", "WATCH_UNSUPPORTED", "LOOP", "UNKNOWN_GROUP",
                    "CHAINED_GROUP", "BAD_TYPE", "BAD_COMMAND", "BAD_BUCKET", "BAD_WATCH", "EPERM")),
            Map.entry(7, List.of("BAD_PORT", "BAD_HW_ADDR", "BAD_CONFIG", "BAD_ADVERTISE", "EPERM")),
            Map.entry(8, List.of("BAD_TABLE", "BAD_CONFIG", "EPERM")),
            Map.entry(9, List.of("BAD_PORT", "BAD_QUEUE", "EPERM")),
            Map.entry(10, List.of("BAD_FLAGS", "BAD_LEN", "EPERM")),
            Map.entry(11, List.of("STALE", "UNSUP", "BAD_ROLE")),
            Map.entry(12, List.of("UNKNOWN", "METER_EXISTS", "INVALID_METER", "UNKNOWN_METER", "BAD_COMMAND",
                    "BAD_FLAGS", "BAD_RATE", "BAD_BURST", "BAD_BAND", "BAD_BAND_VALUE", "OUT_OF_METERS",
                    "OUT_OF_BANDS")),
            Map.entry(13, List.of("BAD_TABLE", "BAD_METADATA", "BAD_TYPE", "BAD_LEN", "BAD_ARGUMENT", "EPERM")));

    private static final List<String> ONF_BUNDLE = List.of("UNKNOWN", "EPERM", "BAD_ID", "BUNDLE_EXIST",
            "BUNDLE_CLOSED", "OUT_OF_BUNDLES", "BAD_TYPE", "BAD_FLAGS", "MSG_BAD_LEN", "MSG_BAD_XID",
            "MSG_UNSUP", "MSG_CONFLICT", "MSG_TOO_MANY", "MSG_FAILED", "TIMEOUT", "BUNDLE_IN_PROGRESS");

    private ErrorCodes() {}

    public static String typeName(int type) {
        return TYPES.getOrDefault(type, "OFPET_UNKNOWN(" + type + ")");
    }

    /** "OFPET_BAD_MATCH/OFPBMC_BAD_PREREQ"; unknown codes print as numbers. */
    public static String name(int type, int code) {
        List<String> codes = CODES.get(type);
        String c = codes != null && code >= 0 && code < codes.size()
                ? PREFIX.get(type) + codes.get(code) : Integer.toString(code);
        return typeName(type) + "/" + c;
    }

    /** Name of an experimenter error (type 0xffff): exp_type within the experimenter's space. */
    public static String experimenterName(long experimenter, int expType) {
        if (experimenter == ONF_EXPERIMENTER && expType >= 2300 && expType < 2300 + ONF_BUNDLE.size()) {
            return "OFPET_EXPERIMENTER(ONF)/OFPBFC_" + ONF_BUNDLE.get(expType - 2300);
        }
        return "OFPET_EXPERIMENTER(0x" + Long.toHexString(experimenter) + ")/" + expType;
    }
}
