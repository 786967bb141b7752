package io.nvo3.bgp.fsm;

import io.nvo3.bgp.wire.errors.CeaseSubcode;
import java.util.Objects;

/**
 * RFC 4271 §8.1 events, as far as this implementation distinguishes them. Timer events are raised
 * by the FSM itself through its {@link Scheduler}; the others come from the session layer.
 */
public sealed interface FsmEvent {
    /** Event 1 ManualStart (or 4, with passive TCP establishment, as configured). */
    record ManualStart() implements FsmEvent {}

    /** Event 2 ManualStop: a Cease NOTIFICATION with {@code cease} (RFC 4486), no automatic restart. */
    record ManualStop(String reason, CeaseSubcode cease) implements FsmEvent {
        public ManualStop {
            java.util.Objects.requireNonNull(cease);
        }

        /** Cease / Administrative Shutdown. */
        public ManualStop(String reason) {
            this(reason, CeaseSubcode.ADMINISTRATIVE_SHUTDOWN);
        }
    }

    /** Event 3 AutomaticStart: raised when the IdleHoldTimer expires. */
    record AutomaticStart() implements FsmEvent {}

    record ConnectRetryTimerExpires() implements FsmEvent {}

    record HoldTimerExpires() implements FsmEvent {}

    record KeepaliveTimerExpires() implements FsmEvent {}

    /** Event 13 IdleHoldTimer_Expires. */
    record IdleHoldTimerExpires() implements FsmEvent {}

    /** Event 16/17 Tcp_CR_Acked / TcpConnectionConfirmed: a connection we opened, or one the neighbor opened. */
    record TcpConnected(Connection connection) implements FsmEvent {
        public TcpConnected {
            Objects.requireNonNull(connection);
        }
    }

    /** Event 18 TcpConnectionFails; {@code connection} is null when an outbound attempt failed before connecting. */
    record TcpFails(Connection connection, String why) implements FsmEvent {}

    /** Event 19 BGPOpen. */
    record OpenReceived(Connection connection, PeerOpen open) implements FsmEvent {}

    /** Event 26 KeepAliveMsg. */
    record KeepaliveReceived(Connection connection) implements FsmEvent {}

    /** Event 27 UpdateMsg (the FSM only checks the state and restarts the HoldTimer). */
    record UpdateReceived(Connection connection) implements FsmEvent {}

    /** ROUTE-REFRESH (RFC 2918), which restarts the HoldTimer like any message. */
    record RouteRefreshReceived(Connection connection) implements FsmEvent {}

    /** Events 24/25 NotifMsgVerErr / NotifMsg. */
    record NotificationReceived(Connection connection, Notification notification) implements FsmEvent {}

    /**
     * Events 21/22/28 BGPHeaderErr / BGPOpenMsgErr / UpdateMsgErr, and any other reason to send a
     * NOTIFICATION and drop the session (e.g. Cease / Maximum Number of Prefixes Reached).
     */
    record FatalError(Connection connection, Notification toSend, String why) implements FsmEvent {}
}
