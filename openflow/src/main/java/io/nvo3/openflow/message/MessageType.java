package io.nvo3.openflow.message;

/** {@code enum ofp_type} (OpenFlow 1.3.5 §7.1). */
public final class MessageType {
    public static final int HELLO = 0;
    public static final int ERROR = 1;
    public static final int ECHO_REQUEST = 2;
    public static final int ECHO_REPLY = 3;
    public static final int EXPERIMENTER = 4;
    public static final int FEATURES_REQUEST = 5;
    public static final int FEATURES_REPLY = 6;
    public static final int GET_CONFIG_REQUEST = 7;
    public static final int GET_CONFIG_REPLY = 8;
    public static final int SET_CONFIG = 9;
    public static final int PACKET_IN = 10;
    public static final int FLOW_REMOVED = 11;
    public static final int PORT_STATUS = 12;
    public static final int PACKET_OUT = 13;
    public static final int FLOW_MOD = 14;
    public static final int GROUP_MOD = 15;
    public static final int PORT_MOD = 16;
    public static final int TABLE_MOD = 17;
    public static final int MULTIPART_REQUEST = 18;
    public static final int MULTIPART_REPLY = 19;
    public static final int BARRIER_REQUEST = 20;
    public static final int BARRIER_REPLY = 21;
    public static final int ROLE_REQUEST = 24;
    public static final int ROLE_REPLY = 25;
    public static final int METER_MOD = 29;

    private MessageType() {}
}
