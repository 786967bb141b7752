package io.nvo3.bgp.fsm;

/** RFC 4271 §8.2.2 session states. */
public enum SessionState {
    IDLE,
    CONNECT,
    ACTIVE,
    OPEN_SENT,
    OPEN_CONFIRM,
    ESTABLISHED
}
