package io.nvo3.bgp.fsm;

/** What the FSM asks of the session layer and tells it. Called on the session's thread. */
public interface FsmListener {
    /** Start an outbound TCP connection; report {@link FsmEvent.TcpConnected} or {@link FsmEvent.TcpFails}. */
    void connect();

    void stateChanged(SessionState from, SessionState to, String reason);

    /** The session reached Established on {@code connection}. */
    void established(Connection connection, Negotiated negotiated);

    /** The Established session ended (only called after {@link #established}). */
    void sessionDown(DownReason reason);
}
