package io.nvo3.bgp.fsm;

import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.CeaseSubcode;
import io.nvo3.bgp.wire.errors.FsmSubcode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The BGP finite state machine of one neighbor (RFC 4271 §8), with connection collision detection
 * (§6.8), ConnectRetry back-off and idle hold after errors (§8.1.1 DampPeerOscillations).
 *
 * <p>Single-threaded: every method runs on the neighbor's thread (its event loop). Time comes only
 * from the injected {@link Scheduler}. The FSM never builds messages; it tells the {@link Connection}
 * what to send.
 */
public final class Fsm {
    private final FsmConfig config;
    private final Scheduler scheduler;
    private final FsmListener listener;
    private LocalOpen local;

    private SessionState state = SessionState.IDLE;
    private boolean enabled;
    private Connection conn;
    private Negotiated negotiated;
    /** A second connection (§6.8 collision candidate) on which we sent OPEN and wait for the neighbor's. */
    private Connection pending;
    private Instant establishedSince;
    private int connectRetryCounter;
    private Duration connectRetryDelay;
    private Duration idleHoldDelay;

    private final FsmTimer connectRetryTimer = new FsmTimer(FsmEvent.ConnectRetryTimerExpires::new);
    private final FsmTimer holdTimer = new FsmTimer(FsmEvent.HoldTimerExpires::new);
    private final FsmTimer keepaliveTimer = new FsmTimer(FsmEvent.KeepaliveTimerExpires::new);
    private final FsmTimer idleHoldTimer = new FsmTimer(FsmEvent.IdleHoldTimerExpires::new);

    public Fsm(FsmConfig config, LocalOpen local, Scheduler scheduler, FsmListener listener) {
        this.config = Objects.requireNonNull(config);
        this.local = Objects.requireNonNull(local);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.listener = Objects.requireNonNull(listener);
        this.connectRetryDelay = config.connectRetryFirst();
        this.idleHoldDelay = config.idleHoldFirst();
    }

    public SessionState state() {
        return state;
    }

    public LocalOpen localOpen() {
        return local;
    }

    /** Changes what the next OPEN carries (e.g. clearing the graceful-restart R bit). */
    public void localOpen(LocalOpen local) {
        this.local = Objects.requireNonNull(local);
    }

    public Optional<Negotiated> negotiated() {
        return state == SessionState.ESTABLISHED || state == SessionState.OPEN_CONFIRM ? Optional.of(negotiated) : Optional.empty();
    }

    public Optional<Instant> establishedSince() {
        return state == SessionState.ESTABLISHED ? Optional.of(establishedSince) : Optional.empty();
    }

    public int connectRetryCounter() {
        return connectRetryCounter;
    }

    /** The current Established connection, if any. */
    public Optional<Connection> connection() {
        return state == SessionState.ESTABLISHED ? Optional.of(conn) : Optional.empty();
    }

    /**
     * Feeds one event. Returns true when the event was accepted as normal for the current state
     * and connection: for {@link FsmEvent.UpdateReceived} and {@link FsmEvent.RouteRefreshReceived}
     * the caller processes the message only then.
     */
    public boolean handle(FsmEvent event) {
        return switch (event) {
            case FsmEvent.ManualStart s -> manualStart();
            case FsmEvent.ManualStop s -> manualStop(s.reason(), s.cease());
            case FsmEvent.AutomaticStart s -> automaticStart();
            case FsmEvent.IdleHoldTimerExpires s -> automaticStart();
            case FsmEvent.ConnectRetryTimerExpires s -> connectRetryExpired();
            case FsmEvent.HoldTimerExpires s -> holdExpired();
            case FsmEvent.KeepaliveTimerExpires s -> keepaliveExpired();
            case FsmEvent.TcpConnected c -> tcpConnected(c.connection());
            case FsmEvent.TcpFails f -> tcpFails(f.connection(), f.why());
            case FsmEvent.OpenReceived o -> openReceived(o.connection(), o.open());
            case FsmEvent.KeepaliveReceived k -> keepaliveReceived(k.connection());
            case FsmEvent.UpdateReceived u -> messageInEstablished(u.connection(), "UPDATE");
            case FsmEvent.RouteRefreshReceived r -> messageInEstablished(r.connection(), "ROUTE-REFRESH");
            case FsmEvent.NotificationReceived n -> notificationReceived(n.connection(), n.notification());
            case FsmEvent.FatalError f -> fatal(f.connection(), f.toSend(), f.why());
        };
    }

    private boolean manualStart() {
        enabled = true;
        if (state != SessionState.IDLE) {
            return false;
        }
        idleHoldTimer.stop();
        connectRetryDelay = config.connectRetryFirst();
        idleHoldDelay = config.idleHoldFirst();
        start("manual start");
        return true;
    }

    private boolean automaticStart() {
        if (!enabled || state != SessionState.IDLE) {
            return false;
        }
        start("automatic start after idle hold");
        return true;
    }

    private void start(String why) {
        connectRetryCounter = 0;
        if (config.passive()) {
            // RFC 4271 §8.2.2 Idle, Event 4/5: "changes its state to Active" and listens.
            transition(SessionState.ACTIVE, why + " (passive)");
        } else {
            // Idle, Event 1/3: "starts the ConnectRetryTimer ..., initiates a TCP connection ..., changes its state to Connect".
            connectRetryTimer.start(connectRetryDelay);
            transition(SessionState.CONNECT, why);
            listener.connect();
        }
    }

    private boolean manualStop(String reason, CeaseSubcode cease) {
        enabled = false;
        idleHoldTimer.stop();
        if (state == SessionState.IDLE) {
            return false;
        }
        Optional<Notification> sent = Optional.empty();
        if (conn != null && (state == SessionState.OPEN_SENT || state == SessionState.OPEN_CONFIRM || state == SessionState.ESTABLISHED)) {
            // Event 2 in OpenSent/OpenConfirm/Established: "sends the NOTIFICATION with a Cease".
            Notification n = Notification.of(cease);
            conn.sendNotification(n);
            sent = Optional.of(n);
        }
        if (pending != null) {
            pending.sendNotification(Notification.of(cease));
        }
        toIdle("manual stop: " + reason, sent, Optional.empty(), true);
        return true;
    }

    private boolean connectRetryExpired() {
        switch (state) {
            case CONNECT -> {
                // Connect, Event 9: "drops the TCP connection, restarts the ConnectRetryTimer, ... initiates a TCP connection".
                connectRetryCounter++;
                connectRetryTimer.start(backoffConnectRetry());
                listener.connect();
                return true;
            }
            case ACTIVE -> {
                if (config.passive()) {
                    return false;
                }
                // Active, Event 9: "restarts the ConnectRetryTimer, initiates a TCP connection, changes its state to Connect".
                connectRetryCounter++;
                connectRetryTimer.start(backoffConnectRetry());
                transition(SessionState.CONNECT, "connect retry");
                listener.connect();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private Duration backoffConnectRetry() {
        Duration d = connectRetryDelay;
        Duration next = connectRetryDelay.multipliedBy(2);
        connectRetryDelay = next.compareTo(config.connectRetryMax()) > 0 ? config.connectRetryMax() : next;
        return d;
    }

    private boolean holdExpired() {
        if (state == SessionState.OPEN_SENT || state == SessionState.OPEN_CONFIRM || state == SessionState.ESTABLISHED) {
            // RFC 4271 §6.5: "If a system does not receive successive KEEPALIVE, UPDATE, and/or NOTIFICATION
            // messages within the period specified in the Hold Time field ..., the NOTIFICATION message with
            // the Hold Timer Expired Error Code is sent and the BGP connection is closed."
            Notification n = Notification.holdTimerExpired();
            conn.sendNotification(n);
            toIdle("hold timer expired", Optional.of(n), Optional.empty(), false);
            return true;
        }
        return false;
    }

    private boolean keepaliveExpired() {
        if (state == SessionState.OPEN_CONFIRM || state == SessionState.ESTABLISHED) {
            conn.sendKeepalive();
            keepaliveTimer.start(Duration.ofSeconds(negotiated.keepaliveSeconds()));
            return true;
        }
        return false;
    }

    private boolean tcpConnected(Connection c) {
        switch (state) {
            case IDLE -> {
                // Idle: "any ... TCP connection attempts are refused".
                c.close();
                return false;
            }
            case CONNECT, ACTIVE -> {
                // Connect/Active, Event 16/17 without DelayOpen: "stops the ConnectRetryTimer ..., sends an OPEN
                // message to its peer, sets the HoldTimer to a large value, and changes its state to OpenSent".
                connectRetryTimer.stop();
                conn = c;
                c.sendOpen();
                holdTimer.start(config.openHoldTime());
                transition(SessionState.OPEN_SENT, (c.inbound() ? "accepted" : "connected") + ", OPEN sent");
                return true;
            }
            case OPEN_SENT, OPEN_CONFIRM -> {
                if (pending != null) {
                    c.sendNotification(Notification.of(CeaseSubcode.CONNECTION_COLLISION_RESOLUTION));
                    c.close();
                    return false;
                }
                // §6.8: both connections proceed until an OPEN tells us the neighbor's BGP Identifier.
                pending = c;
                c.sendOpen();
                return true;
            }
            case ESTABLISHED -> {
                // §6.8: "collision with existing BGP connection that is in the Established state causes
                // closing of the newly created connection".
                c.sendNotification(Notification.of(CeaseSubcode.CONNECTION_COLLISION_RESOLUTION));
                c.close();
                return false;
            }
        }
        return false;
    }

    private boolean tcpFails(Connection c, String why) {
        if (c != null && c == pending) {
            pending = null;
            return true;
        }
        if (c != null && c != conn) {
            return false;
        }
        switch (state) {
            case CONNECT -> {
                if (c != null) {
                    return false;
                }
                // Connect, Event 18: "continues to listen for a connection ..., changes its state to Active"
                // (the ConnectRetryTimer started in Connect keeps running and triggers the next attempt).
                transition(SessionState.ACTIVE, "connect failed: " + why);
                return true;
            }
            case OPEN_SENT, OPEN_CONFIRM -> {
                if (promotePending("connection lost: " + why)) {
                    return true;
                }
                toIdle("connection lost in " + state + ": " + why, Optional.empty(), Optional.empty(), false);
                return true;
            }
            case ESTABLISHED -> {
                toIdle("connection lost: " + why, Optional.empty(), Optional.empty(), false);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The primary connection died during the handshake: carry on with the collision candidate. */
    private boolean promotePending(String why) {
        if (pending == null) {
            return false;
        }
        conn = pending;
        pending = null;
        holdTimer.start(config.openHoldTime());
        keepaliveTimer.stop();
        transition(SessionState.OPEN_SENT, why + "; continuing on the other connection");
        return true;
    }

    private boolean openReceived(Connection c, PeerOpen open) {
        if (c == pending) {
            return openOnPending(open);
        }
        if (c != conn) {
            return false;
        }
        switch (state) {
            case OPEN_SENT -> {
                Negotiated n;
                try {
                    n = OpenNegotiator.negotiate(local, open);
                } catch (BgpNotificationException e) {
                    Notification sent = Notification.of(e);
                    conn.sendNotification(sent);
                    toIdle("bad OPEN: " + e.getMessage(), Optional.of(sent), Optional.empty(), false);
                    return false;
                }
                acceptOpen(n);
                return true;
            }
            case OPEN_CONFIRM -> {
                return fsmError(FsmSubcode.UNEXPECTED_MESSAGE_IN_OPENCONFIRM, "OPEN");
            }
            case ESTABLISHED -> {
                return fsmError(FsmSubcode.UNEXPECTED_MESSAGE_IN_ESTABLISHED, "OPEN");
            }
            default -> {
                return false;
            }
        }
    }

    /** OpenSent, Event 19: "sends a KEEPALIVE message, sets a KeepaliveTimer ..., sets the HoldTimer ..., changes its state to OpenConfirm". */
    private void acceptOpen(Negotiated n) {
        connectRetryTimer.stop();
        negotiated = n;
        conn.sendKeepalive();
        if (n.holdTimeSeconds() > 0) {
            holdTimer.start(Duration.ofSeconds(n.holdTimeSeconds()));
            keepaliveTimer.start(Duration.ofSeconds(n.keepaliveSeconds()));
        } else {
            // RFC 4271 §4.4: "If the negotiated Hold Time interval is zero, then periodic KEEPALIVE messages MUST NOT be sent."
            holdTimer.stop();
            keepaliveTimer.stop();
        }
        transition(SessionState.OPEN_CONFIRM, "OPEN received, hold time " + n.holdTimeSeconds() + " s");
    }

    private boolean openOnPending(PeerOpen open) {
        Connection candidate = pending;
        Negotiated n;
        try {
            n = OpenNegotiator.negotiate(local, open);
        } catch (BgpNotificationException e) {
            candidate.sendNotification(Notification.of(e));
            candidate.close();
            pending = null;
            return false;
        }
        if (state == SessionState.OPEN_SENT || state == SessionState.OPEN_CONFIRM) {
            // RFC 4271 §6.8: "If the value of the local BGP Identifier is less than the remote one, the local
            // system closes the BGP connection that already exists ... and accepts the BGP connection initiated
            // by the remote system. Otherwise, the local system closes the newly created BGP connection".
            // I.e. the surviving connection is the one opened by the side with the higher identifier.
            boolean keepInbound = local.bgpIdentifier() < open.bgpIdentifier();
            Notification collision = Notification.of(CeaseSubcode.CONNECTION_COLLISION_RESOLUTION);
            if (candidate.inbound() == keepInbound) {
                conn.sendNotification(collision);
                conn.close();
                conn = candidate;
                pending = null;
                acceptOpen(n);
                return true;
            }
        }
        candidate.sendNotification(Notification.of(CeaseSubcode.CONNECTION_COLLISION_RESOLUTION));
        candidate.close();
        pending = null;
        return false;
    }

    private boolean keepaliveReceived(Connection c) {
        if (c != conn) {
            return false;
        }
        switch (state) {
            case OPEN_SENT -> {
                return fsmError(FsmSubcode.UNEXPECTED_MESSAGE_IN_OPENSENT, "KEEPALIVE");
            }
            case OPEN_CONFIRM -> {
                // OpenConfirm, Event 26: "restarts the HoldTimer and changes its state to Established".
                restartHold();
                establishedSince = scheduler.now();
                connectRetryDelay = config.connectRetryFirst();
                if (pending != null) {
                    pending.sendNotification(Notification.of(CeaseSubcode.CONNECTION_COLLISION_RESOLUTION));
                    pending.close();
                    pending = null;
                }
                transition(SessionState.ESTABLISHED, "KEEPALIVE received");
                listener.established(conn, negotiated);
                return true;
            }
            case ESTABLISHED -> {
                restartHold();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean messageInEstablished(Connection c, String what) {
        if (c != conn) {
            if (c == pending) {
                pending.sendNotification(Notification.of(FsmSubcode.UNEXPECTED_MESSAGE_IN_OPENSENT));
                pending.close();
                pending = null;
            }
            return false;
        }
        return switch (state) {
            case ESTABLISHED -> {
                restartHold();
                yield true;
            }
            case OPEN_SENT -> fsmError(FsmSubcode.UNEXPECTED_MESSAGE_IN_OPENSENT, what) && false;
            case OPEN_CONFIRM -> fsmError(FsmSubcode.UNEXPECTED_MESSAGE_IN_OPENCONFIRM, what) && false;
            default -> false;
        };
    }

    private boolean notificationReceived(Connection c, Notification n) {
        if (c == pending) {
            pending.close();
            pending = null;
            return true;
        }
        if (c != conn || conn == null) {
            return false;
        }
        toIdle("NOTIFICATION received: " + n, Optional.empty(), Optional.of(n), false);
        return true;
    }

    private boolean fatal(Connection c, Notification toSend, String why) {
        if (c != null && c == pending) {
            pending.sendNotification(toSend);
            pending.close();
            pending = null;
            return true;
        }
        if (c != conn || conn == null) {
            return false;
        }
        conn.sendNotification(toSend);
        toIdle(why + " (sent " + toSend + ")", Optional.of(toSend), Optional.empty(), false);
        return true;
    }

    /** RFC 6608: an unexpected message in OpenSent/OpenConfirm/Established. */
    private boolean fsmError(FsmSubcode subcode, String what) {
        Notification n = Notification.of(subcode);
        conn.sendNotification(n);
        toIdle("unexpected " + what + " in " + state, Optional.of(n), Optional.empty(), false);
        return true;
    }

    private void restartHold() {
        if (negotiated != null && negotiated.holdTimeSeconds() > 0) {
            holdTimer.start(Duration.ofSeconds(negotiated.holdTimeSeconds()));
        }
    }

    private void toIdle(String reason, Optional<Notification> sent, Optional<Notification> received, boolean manual) {
        SessionState was = state;
        connectRetryTimer.stop();
        holdTimer.stop();
        keepaliveTimer.stop();
        if (conn != null) {
            conn.close();
            conn = null;
        }
        if (pending != null) {
            pending.close();
            pending = null;
        }
        Instant upSince = establishedSince;
        establishedSince = null;
        transition(SessionState.IDLE, reason);
        if (was == SessionState.ESTABLISHED) {
            listener.sessionDown(new DownReason(reason, sent, received, manual));
        }
        negotiated = null;
        if (enabled && !manual) {
            // RFC 4271 §8.1.1 DampPeerOscillations: stay Idle for IdleHoldTime, growing while the peer flaps;
            // a session that stayed up longer than the ceiling starts the back-off afresh.
            if (upSince != null && Duration.between(upSince, scheduler.now()).compareTo(config.idleHoldMax()) > 0) {
                idleHoldDelay = config.idleHoldFirst();
            }
            idleHoldTimer.start(idleHoldDelay);
            Duration next = idleHoldDelay.isZero() ? Duration.ofSeconds(1) : idleHoldDelay.multipliedBy(2);
            idleHoldDelay = next.compareTo(config.idleHoldMax()) > 0 ? config.idleHoldMax() : next;
        }
    }

    private void transition(SessionState to, String reason) {
        SessionState from = state;
        state = to;
        listener.stateChanged(from, to, reason);
    }

    /** A restartable one-shot timer; a stale firing (after stop or restart) is ignored by generation. */
    private final class FsmTimer {
        private final Supplier<FsmEvent> event;
        private Scheduler.Timer timer;
        private long generation;

        FsmTimer(Supplier<FsmEvent> event) {
            this.event = event;
        }

        void start(Duration d) {
            stop();
            long g = ++generation;
            timer = scheduler.schedule(d, () -> {
                if (g == generation) {
                    timer = null;
                    handle(event.get());
                }
            });
        }

        void stop() {
            generation++;
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
    }
}
