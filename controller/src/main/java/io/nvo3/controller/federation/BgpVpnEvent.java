package io.nvo3.controller.federation;

/** A durable change of the BGPVPN resources; {@code before}/{@code after} null for a creation/removal. */
public sealed interface BgpVpnEvent {
    long revision();

    record BgpVpnChanged(long revision, BgpVpn before, BgpVpn after) implements BgpVpnEvent {}

    record AssociationChanged(long revision, NetworkAssociation before, NetworkAssociation after)
            implements BgpVpnEvent {
        /** The network whose routing this changes. */
        public String networkId() {
            return after != null ? after.networkId() : before.networkId();
        }
    }
}
