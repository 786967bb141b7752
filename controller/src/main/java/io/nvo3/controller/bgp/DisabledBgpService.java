package io.nvo3.controller.bgp;

import io.nvo3.bgp.speaker.BgpSpeaker;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** BGP when the configuration has no {@code bgp:} section. */
final class DisabledBgpService implements BgpService {
    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public BgpSettings settings() {
        throw new BgpServiceException.NotConfigured();
    }

    @Override
    public Optional<InetSocketAddress> listenAddress() {
        throw new BgpServiceException.NotConfigured();
    }

    @Override
    public List<NeighborView> neighbors() {
        throw new BgpServiceException.NotConfigured();
    }

    @Override
    public Optional<NeighborView> neighbor(InetAddress address) {
        throw new BgpServiceException.NotConfigured();
    }

    @Override
    public NeighborView addNeighbor(NeighborSpec spec) {
        throw new BgpServiceException.NotConfigured();
    }

    @Override
    public void removeNeighbor(InetAddress address) {
        throw new BgpServiceException.NotConfigured();
    }

    @Override
    public List<RibRoute> rib(BgpFamily family) {
        throw new BgpServiceException.NotConfigured();
    }

    @Override
    public void setImportTargets(Set<ExtendedCommunity.RouteTarget> routeTargets) {
        throw new BgpServiceException.NotConfigured();
    }

    @Override
    public Optional<BgpSpeaker> speaker() {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
