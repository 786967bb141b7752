package io.nvo3.bgp.session;

/** Message counts of one direction of a neighbor, by type; {@code other} = any type we do not know. */
public record MessageCounts(long open, long update, long notification, long keepalive, long routeRefresh, long other) {
    public static final MessageCounts NONE = new MessageCounts(0, 0, 0, 0, 0, 0);

    public long total() {
        return open + update + notification + keepalive + routeRefresh + other;
    }
}
