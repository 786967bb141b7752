package io.nvo3.bgp.session;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Messages sent to and received from one neighbor, by type (RFC 4271 §4.1: 1 OPEN, 2 UPDATE, 3 NOTIFICATION,
 * 4 KEEPALIVE; RFC 2918 §3: 5 ROUTE-REFRESH), over every connection of its sessions: what {@code gobgp neighbor X}
 * shows as message statistics. Updated on the event loop, read from any thread.
 */
public final class MessageCounters {
    /** The type octet of a message: its 19th byte, after the marker and the length (RFC 4271 §4.1). */
    public static final int TYPE_OFFSET = 18;

    private final AtomicLongArray sent = new AtomicLongArray(7);
    private final AtomicLongArray received = new AtomicLongArray(7);

    /** Counts an encoded message (header included) we sent. */
    public void sent(byte[] message) {
        count(sent, message);
    }

    /** Counts a framed message (header included) we received. */
    public void received(byte[] frame) {
        count(received, frame);
    }

    public MessageCounts sent() {
        return snapshot(sent);
    }

    public MessageCounts received() {
        return snapshot(received);
    }

    private static void count(AtomicLongArray a, byte[] m) {
        int type = m.length > TYPE_OFFSET ? m[TYPE_OFFSET] & 0xff : 0;
        a.incrementAndGet(type >= 1 && type <= 5 ? type : 6); // 6: any other type
    }

    private static MessageCounts snapshot(AtomicLongArray a) {
        return new MessageCounts(a.get(1), a.get(2), a.get(3), a.get(4), a.get(5), a.get(6));
    }
}
