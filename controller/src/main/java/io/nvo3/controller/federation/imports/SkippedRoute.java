package io.nvo3.controller.federation.imports;

import java.util.Objects;

/** A received route that gave no FIB input, with the reason and a short precise detail. */
public record SkippedRoute(ReceivedEvpnRoute route, SkipReason reason, String detail) {
    public SkippedRoute {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
