package io.nvo3.openflow.channel;

/** The connection closed before the switch answered. */
public final class ConnectionClosedException extends RuntimeException {
    public ConnectionClosedException(String reason) {
        super(reason);
    }
}
