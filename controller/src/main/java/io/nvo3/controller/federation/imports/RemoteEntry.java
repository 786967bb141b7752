package io.nvo3.controller.federation.imports;

/** What import maps a remote route to: an entry of one local VN carrying the remote VNI. */
sealed interface RemoteEntry permits MacRoute, FloodRoute {
    String vnId();

    int vni();
}
