package io.nvo3.bgp.wire.message;

/** A BGP-4 message (RFC 4271 §4), without the 19-octet header. */
public sealed interface BgpMessage permits OpenMessage, UpdateMessage, NotificationMessage, KeepaliveMessage, RouteRefreshMessage {
    int OPEN = 1;
    int UPDATE = 2;
    int NOTIFICATION = 3;
    int KEEPALIVE = 4;
    int ROUTE_REFRESH = 5;

    int type();
}
