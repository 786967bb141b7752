package io.nvo3.bgp.fsm;

/**
 * One TCP connection to the neighbor, as the FSM drives it. The session layer implements it over a
 * Netty channel; the messages it sends are built from the session's local configuration.
 */
public interface Connection {
    /** True when the neighbor opened it (we accepted), false when we connected out. */
    boolean inbound();

    void sendOpen();

    void sendKeepalive();

    void sendNotification(Notification notification);

    /** Closes after flushing what was sent. Idempotent. */
    void close();
}
