package io.nvo3.bgp.wire.errors;

/** A named NOTIFICATION subcode under one {@link ErrorCode}. */
public sealed interface Subcode permits HeaderSubcode, OpenSubcode, UpdateSubcode, CeaseSubcode, FsmSubcode {
    ErrorCode errorCode();

    int code();
}
