package io.nvo3.ovsdb;

/**
 * Receives the contents of a monitor: first the initial rows ({@code initial} true), then every "update"
 * notification, all on the connection's event loop and in wire order.
 */
@FunctionalInterface
public interface MonitorListener {
    void onUpdate(TableUpdates updates, boolean initial);
}
