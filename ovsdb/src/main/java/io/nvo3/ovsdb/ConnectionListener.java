package io.nvo3.ovsdb;

/** Told about each connection an {@link OvsdbServer} accepts, on that connection's event loop. */
public interface ConnectionListener {
    /** The connection is active; {@link OvsdbConnection#localAddress()} is the address the peer reached. */
    void connected(OvsdbConnection connection);

    /** The connection closed (peer gone, inactivity probe, malformed input or {@link OvsdbConnection#close()}). */
    default void disconnected(OvsdbConnection connection) {
    }
}
