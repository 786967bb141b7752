package io.nvo3.bgp.speaker;

/**
 * Receives Loc-RIB best-path changes. Called on the speaker's event loop: return quickly and never
 * block (hand work to your own executor).
 */
@FunctionalInterface
public interface RouteListener {
    void onBestPathChange(RouteEvent event);
}
