package io.nvo3.openflow.multipart;

/** {@code enum ofp_multipart_type} (OpenFlow 1.3.5 §7.3.5). */
public final class MultipartType {
    public static final int DESC = 0;
    public static final int FLOW = 1;
    public static final int AGGREGATE = 2;
    public static final int TABLE = 3;
    public static final int PORT_STATS = 4;
    public static final int GROUP = 6;
    public static final int GROUP_DESC = 7;
    public static final int METER = 9;
    public static final int PORT_DESC = 13;

    private MultipartType() {}
}
