package io.nvo3.fib.flow;

/** OpenFlow 1.3 group types used by the FIB. */
public enum GroupType {
    /** OFPGT_ALL: "Execute all buckets in the group" — used for flooding (ingress replication). */
    ALL
}
