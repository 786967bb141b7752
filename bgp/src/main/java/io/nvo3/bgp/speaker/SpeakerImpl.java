package io.nvo3.bgp.speaker;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.nvo3.bgp.fsm.Scheduler;
import io.nvo3.bgp.policy.LocalIdentity;
import io.nvo3.bgp.rib.AttributeInterner;
import io.nvo3.bgp.rib.BestChange;
import io.nvo3.bgp.rib.LocRib;
import io.nvo3.bgp.rib.NlriKeys;
import io.nvo3.bgp.rib.Path;
import io.nvo3.bgp.rib.PeerRef;
import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.session.EventLoopScheduler;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.errors.CeaseSubcode;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.NotificationMessage;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RtMembership;
import io.nvo3.bgp.wire.Bytes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The speaker: one event loop owns every session, RIB and timer. */
final class SpeakerImpl implements BgpSpeaker {
    private static final Logger LOG = LoggerFactory.getLogger(SpeakerImpl.class);

    final SpeakerConfig config;
    final EventLoopGroup group;
    final EventLoop loop;
    final Scheduler scheduler;
    final LocalIdentity identity;
    final AttributeInterner interner = new AttributeInterner();
    private final Map<AfiSafi, LocRib> ribs = new LinkedHashMap<>();
    private final Map<InetAddress, NeighborSession> neighbors = new LinkedHashMap<>();
    private final List<RouteListener> listeners = new CopyOnWriteArrayList<>();
    private Set<ExtendedCommunity.RouteTarget> importTargets = Set.of();
    private Channel server;
    private InetSocketAddress bound;
    private int nextPeerId = 1;
    /** RFC 4724 §4.1 selection deferral after our own restart. */
    private boolean deferring;
    private Scheduler.Timer deferralTimer;
    private volatile boolean closed;

    private SpeakerImpl(SpeakerConfig config) {
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.loop = group.next();
        this.scheduler = new EventLoopScheduler(loop, config.clock());
        long rid = RouteAttributes.ipv4(config.routerId());
        this.identity = new LocalIdentity(config.asn(), rid, rid);
        this.deferring = config.restart().restarting();
    }

    static SpeakerImpl start(SpeakerConfig config) {
        SpeakerImpl s = new SpeakerImpl(config);
        try {
            if (config.listen().isPresent()) {
                s.server = new ServerBootstrap().group(s.group).channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                s.accept(ch);
                            }
                        })
                        .bind(config.listen().get()).sync().channel();
                s.bound = (InetSocketAddress) s.server.localAddress();
                LOG.info("BGP speaker AS{} {} listening on {}", config.asn(), config.routerId().getHostAddress(), s.bound);
            }
            s.call(() -> {
                if (s.deferring) {
                    s.deferralTimer = s.scheduler.schedule(config.restart().selectionDeferral(), () -> s.endDeferral("selection deferral timer"));
                }
                config.neighbors().forEach(s::addNeighborOnLoop);
                s.checkDeferral();
                return null;
            });
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("interrupted while starting", e);
        } catch (RuntimeException e) {
            s.group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    <T> T call(Callable<T> c) {
        if (loop.inEventLoop()) {
            try {
                return c.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return loop.submit(c).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("speaker event loop did not answer in 30 s", e);
        }
    }

    private void accept(SocketChannel ch) {
        InetAddress remote = ch.remoteAddress().getAddress();
        NeighborSession n = neighbors.get(remote);
        if (n == null) {
            LOG.info("rejecting connection from {}: not a configured neighbor", ch.remoteAddress());
            // RFC 4486 §4: "Connection Rejected" — "a BGP speaker ... MAY send ... this subcode".
            ch.writeAndFlush(Unpooled.wrappedBuffer(BgpCodec.encode(
                    NotificationMessage.of(CeaseSubcode.CONNECTION_REJECTED, Bytes.EMPTY), CodecContext.INITIAL)))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        n.accepted(ch);
    }

    LocRib locRib(AfiSafi f) {
        LocRib r = ribs.get(f); // looked up per UPDATE: get first, computeIfAbsent only to create
        return r != null ? r : ribs.computeIfAbsent(f, LocRib::new);
    }

    int nextPeerId() {
        return nextPeerId++;
    }

    boolean deferring() {
        return deferring;
    }

    Set<ExtendedCommunity.RouteTarget> importTargets() {
        return importTargets;
    }

    Iterable<NeighborSession> sessions() {
        return neighbors.values();
    }

    /** Whether a route listener is subscribed (then every best-path change must be built and told). */
    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * Whether a neighbor other than {@code fromId} would look at a best-path change of {@code family}
     * now (its session is up and past its initial update); the neighbor a route came from never gets it
     * back ({@link io.nvo3.bgp.policy.ExportRules}), so changes caused by its own routes need no object.
     */
    boolean neighborsWant(AfiSafi family, int fromId) {
        for (NeighborSession n : neighbors.values()) {
            if (n.id() != fromId && n.takesAdvertisements(family)) {
                return true;
            }
        }
        return false;
    }

    /** Tells listeners and every neighbor about a best-path change. */
    void propagate(BestChange c) {
        if (c == null) {
            return;
        }
        if (!listeners.isEmpty()) {
            RouteEvent e = new RouteEvent(c.family(), (c.newBest() != null ? c.newBest() : c.oldBest()).nlriFor(c.nlri()),
                    Optional.ofNullable(c.newBest()).map(Path::attributes),
                    Optional.ofNullable(c.newBest()).map(p -> p.peer().address()));
            for (RouteListener l : listeners) {
                try {
                    l.onBestPathChange(e);
                } catch (RuntimeException ex) {
                    LOG.warn("route listener failed on {}", e, ex);
                }
            }
        }
        for (NeighborSession n : neighbors.values()) {
            n.advertise(c);
        }
    }

    void propagate(List<BestChange> changes) {
        changes.forEach(this::propagate);
    }

    /** RFC 4724 §4.1: route selection waits for End-of-RIB from every GR neighbor, or for the deferral timer. */
    void checkDeferral() {
        if (!deferring) {
            return;
        }
        for (NeighborSession n : neighbors.values()) {
            if (n.config().gracefulRestart() && !n.endOfRibFromAll()) {
                return;
            }
        }
        endDeferral("End-of-RIB received from every graceful-restart neighbor");
    }

    private void endDeferral(String why) {
        if (!deferring) {
            return;
        }
        deferring = false;
        if (deferralTimer != null) {
            deferralTimer.cancel();
        }
        LOG.info("graceful restart: route selection deferral ends ({})", why);
        for (NeighborSession n : neighbors.values()) {
            n.restartComplete();
        }
    }

    private void addNeighborOnLoop(NeighborConfig cfg) {
        NeighborSession old = neighbors.remove(cfg.address());
        if (old != null) {
            old.stop("reconfigured", CeaseSubcode.OTHER_CONFIGURATION_CHANGE);
        }
        NeighborSession n = new NeighborSession(this, cfg, nextPeerId());
        neighbors.put(cfg.address(), n);
        n.start();
    }

    @Override
    public Optional<InetSocketAddress> listenAddress() {
        return Optional.ofNullable(bound);
    }

    @Override
    public void addNeighbor(NeighborConfig neighbor) {
        call(() -> {
            addNeighborOnLoop(neighbor);
            return null;
        });
    }

    @Override
    public void removeNeighbor(InetAddress address) {
        call(() -> {
            NeighborSession n = neighbors.remove(address);
            if (n != null) {
                n.stop("neighbor removed", CeaseSubcode.PEER_DECONFIGURED);
            }
            return null;
        });
    }

    @Override
    public void originate(AfiSafi family, Nlri nlri, List<PathAttribute> attributes, InetAddress nextHop) {
        update(List.of(new LocalRouteChange.Originate(family, nlri, attributes, nextHop)));
    }

    @Override
    public void withdraw(AfiSafi family, Nlri nlri) {
        update(List.of(new LocalRouteChange.Withdraw(family, nlri)));
    }

    @Override
    public void update(List<LocalRouteChange> changes) {
        // Attributes are built here, on the caller's thread; the RIB changes all in one task of the loop, so that
        // each neighbor's next flush packs them (one UPDATE per family and attribute set, not one per route).
        List<Runnable> steps = new ArrayList<>(changes.size());
        for (LocalRouteChange c : changes) {
            AfiSafi family = c.family();
            Nlri nlri = c.nlri();
            switch (c) {
                case LocalRouteChange.Originate o -> {
                    List<PathAttribute> attrs = new ArrayList<>(o.attributes());
                    if (attrs.stream().noneMatch(a -> a instanceof PathAttribute.Origin)) {
                        attrs.add(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP));
                    }
                    if (attrs.stream().noneMatch(a -> a instanceof PathAttribute.AsPath)) {
                        attrs.add(PathAttribute.AsPath.EMPTY);
                    }
                    RouteAttributes ra = RouteAttributes.of(attrs, o.nextHop());
                    steps.add(() -> {
                        Nlri key = NlriKeys.key(nlri);
                        propagate(locRib(family).put(key, new Path(key == nlri ? null : nlri, PeerRef.LOCAL,
                                interner.intern(ra), false)));
                    });
                }
                case LocalRouteChange.Withdraw w ->
                        steps.add(() -> propagate(locRib(family).remove(NlriKeys.key(nlri), PeerRef.LOCAL.id())));
            }
        }
        if (steps.isEmpty()) {
            return;
        }
        call(() -> {
            steps.forEach(Runnable::run);
            return null;
        });
    }

    @Override
    public AutoCloseable subscribe(RouteListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public List<NeighborStatus> neighbors() {
        return call(() -> neighbors.values().stream().map(NeighborSession::status).toList());
    }

    @Override
    public List<RibEntry> rib(AfiSafi family) {
        return call(() -> {
            List<RibEntry> out = new ArrayList<>();
            LocRib r = ribs.get(family);
            if (r != null) {
                r.forEachBest((n, p) -> out.add(new RibEntry(p.nlriFor(n), p.attributes(), Optional.ofNullable(p.peer().address()), p.stale(),
                        r.paths(n).size())));
            }
            return out;
        });
    }

    @Override
    public void setImportTargets(Set<ExtendedCommunity.RouteTarget> routeTargets) {
        Set<ExtendedCommunity.RouteTarget> wanted = Set.copyOf(routeTargets);
        call(() -> {
            Set<ExtendedCommunity.RouteTarget> gone = new HashSet<>(importTargets);
            gone.removeAll(wanted);
            Set<ExtendedCommunity.RouteTarget> added = new HashSet<>(wanted);
            added.removeAll(importTargets);
            importTargets = wanted;
            RouteAttributes attrs = interner.intern(RouteAttributes.of(List.of(
                    new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP), PathAttribute.AsPath.EMPTY), null));
            // RFC 4684 §4: "the Route Target membership NLRI ... origin AS ... route target"; one route per imported RT.
            for (ExtendedCommunity.RouteTarget rt : gone) {
                propagate(locRib(AfiSafi.RT_CONSTRAINT).remove(RtMembership.of(config.asn(), rt), PeerRef.LOCAL.id()));
            }
            for (ExtendedCommunity.RouteTarget rt : added) {
                RtMembership m = RtMembership.of(config.asn(), rt);
                propagate(locRib(AfiSafi.RT_CONSTRAINT).put(m, new Path(null, PeerRef.LOCAL, attrs, false)));
            }
            return null;
        });
    }

    @Override
    public void requestRefresh(InetAddress neighbor, AfiSafi family) {
        call(() -> {
            NeighborSession n = neighbors.get(neighbor);
            if (n == null) {
                throw new IllegalArgumentException("neighbor: no neighbor " + neighbor.getHostAddress());
            }
            n.requestRefresh(family);
            return null;
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            call(() -> {
                for (NeighborSession n : new ArrayList<>(neighbors.values())) {
                    n.stop("speaker shutting down", CeaseSubcode.ADMINISTRATIVE_SHUTDOWN);
                }
                neighbors.clear();
                if (server != null) {
                    server.close();
                }
                return null;
            });
        } finally {
            group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }

    @Override
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            call(() -> {
                for (NeighborSession n : neighbors.values()) {
                    n.abort();
                }
                if (server != null) {
                    server.close();
                }
                return null;
            });
        } finally {
            group.shutdownGracefully(0, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }
}
