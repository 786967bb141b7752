package io.nvo3.controller.federation;

import java.util.Objects;

/** A networking-bgpvpn network association: network {@code networkId} joins BGPVPN {@code bgpvpnId}. */
public record NetworkAssociation(String id, String bgpvpnId, String networkId, String projectId) {
    public NetworkAssociation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bgpvpnId, "bgpvpnId");
        Objects.requireNonNull(networkId, "networkId");
        Objects.requireNonNull(projectId, "projectId");
    }
}
