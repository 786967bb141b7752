package io.nvo3.controller.bgp;

/**
 * A bad {@code bgp:} configuration or neighbor request. The message is {@code "PATH: REASON"}, where
 * the path names the key at fault the way the user wrote it, e.g.
 * {@code "bgp.neighbors[1].families: unknown family 'evpn' (known: l2vpn-evpn, ...)"}.
 * Neighbors are counted from 0, as in jq and yq paths.
 */
public final class BgpConfigException extends IllegalArgumentException {
    private final String path;
    private final String reason;

    public BgpConfigException(String path, String reason) {
        super(path.isEmpty() ? reason : path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /** The key path, e.g. {@code bgp.neighbors[0].port} (or {@code port} for an API request). */
    public String path() {
        return path;
    }

    /** What is wrong, without the path. */
    public String reason() {
        return reason;
    }
}
