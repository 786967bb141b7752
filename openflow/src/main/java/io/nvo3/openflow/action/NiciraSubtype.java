package io.nvo3.openflow.action;

import java.util.Map;

/** Names of Nicira action subtypes (OVS lib/ofp-actions.c, {@code enum ofp_raw_action_type} "NX1.0+(n)"). */
public final class NiciraSubtype {
    public static final long NX_VENDOR = 0x00002320L;
    public static final int RESUBMIT = 1;
    public static final int RESUBMIT_TABLE = 14;
    public static final int LEARN = 16;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "resubmit"), Map.entry(2, "set_tunnel"), Map.entry(4, "set_queue"),
            Map.entry(5, "pop_queue"), Map.entry(6, "reg_move"), Map.entry(7, "reg_load"), Map.entry(8, "note"),
            Map.entry(9, "set_tunnel64"), Map.entry(10, "multipath"), Map.entry(12, "bundle"),
            Map.entry(13, "bundle_load"), Map.entry(14, "resubmit_table"), Map.entry(15, "output_reg"),
            Map.entry(16, "learn"), Map.entry(17, "exit"), Map.entry(18, "dec_ttl"), Map.entry(19, "fin_timeout"),
            Map.entry(20, "controller"), Map.entry(21, "dec_ttl_cnt_ids"), Map.entry(22, "write_metadata"),
            Map.entry(23, "push_mpls"), Map.entry(24, "pop_mpls"), Map.entry(25, "set_mpls_ttl"),
            Map.entry(26, "dec_mpls_ttl"), Map.entry(27, "stack_push"), Map.entry(28, "stack_pop"),
            Map.entry(29, "sample"), Map.entry(30, "set_mpls_label"), Map.entry(31, "set_mpls_tc"),
            Map.entry(32, "output_reg2"), Map.entry(33, "reg_load2"), Map.entry(34, "conjunction"),
            Map.entry(35, "ct"), Map.entry(36, "nat"), Map.entry(37, "controller2"), Map.entry(38, "sample2"),
            Map.entry(39, "output_trunc"), Map.entry(40, "group"), Map.entry(41, "sample3"), Map.entry(42, "clone"),
            Map.entry(43, "ct_clear"), Map.entry(44, "resubmit_table_ct"), Map.entry(45, "learn2"),
            Map.entry(46, "encap"), Map.entry(47, "decap"), Map.entry(48, "dec_nsh_ttl"),
            Map.entry(254, "debug_slow"), Map.entry(255, "debug_recirc"));

    private NiciraSubtype() {}

    public static String name(int subtype) {
        return NAMES.getOrDefault(subtype, "nx_subtype_" + subtype);
    }
}
