package io.nvo3.openflow.group;

/** {@code enum ofp_group_type} (§7.3.4.2). */
public final class GroupType {
    public static final int ALL = 0;
    public static final int SELECT = 1;
    public static final int INDIRECT = 2;
    public static final int FF = 3;

    private GroupType() {}
}
