package io.nvo3.bgp.fsm;

import java.util.ArrayList;
import java.util.List;

/** Records what the FSM sent on a connection. */
final class FakeConnection implements Connection {
    private final boolean inbound;
    final List<Object> sent = new ArrayList<>();
    boolean closed;

    FakeConnection(boolean inbound) {
        this.inbound = inbound;
    }

    static final String OPEN = "OPEN";
    static final String KEEPALIVE = "KEEPALIVE";

    @Override
    public boolean inbound() {
        return inbound;
    }

    @Override
    public void sendOpen() {
        sent.add(OPEN);
    }

    @Override
    public void sendKeepalive() {
        sent.add(KEEPALIVE);
    }

    @Override
    public void sendNotification(Notification notification) {
        sent.add(notification);
    }

    @Override
    public void close() {
        closed = true;
    }

    long count(Object what) {
        return sent.stream().filter(what::equals).count();
    }

    Notification lastNotification() {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i) instanceof Notification n) {
                return n;
            }
        }
        return null;
    }
}
