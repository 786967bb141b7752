package io.nvo3.bgp.speaker;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.nvo3.bgp.fsm.Connection;
import io.nvo3.bgp.fsm.DownReason;
import io.nvo3.bgp.fsm.Fsm;
import io.nvo3.bgp.fsm.FsmConfig;
import io.nvo3.bgp.fsm.FsmEvent;
import io.nvo3.bgp.fsm.FsmListener;
import io.nvo3.bgp.fsm.LocalOpen;
import io.nvo3.bgp.fsm.Negotiated;
import io.nvo3.bgp.fsm.Notification;
import io.nvo3.bgp.fsm.PeerOpen;
import io.nvo3.bgp.fsm.Scheduler;
import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.policy.ExportRules;
import io.nvo3.bgp.policy.ExportTarget;
import io.nvo3.bgp.policy.ImportRules;
import io.nvo3.bgp.rib.BestChange;
import io.nvo3.bgp.rib.LocRib;
import io.nvo3.bgp.rib.NlriKeys;
import io.nvo3.bgp.rib.Path;
import io.nvo3.bgp.rib.PeerRef;
import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.BgpFrameDecoder;
import io.netty.handler.codec.DecoderException;
import io.nvo3.bgp.session.ChannelConnection;
import io.nvo3.bgp.session.UpdatePacker;
import io.nvo3.bgp.session.UpdateWriter;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.CeaseSubcode;
import io.nvo3.bgp.wire.errors.ErrorAction;
import io.nvo3.bgp.wire.message.AttributeMemo;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.DecodedMessage;
import io.nvo3.bgp.wire.message.KeepaliveMessage;
import io.nvo3.bgp.wire.message.NotificationMessage;
import io.nvo3.bgp.wire.message.OpenMessage;
import io.nvo3.bgp.wire.message.RouteRefreshMessage;
import io.nvo3.bgp.wire.message.UpdateDecodeResult;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.PackedIpv4Prefixes;
import io.nvo3.bgp.wire.nlri.PackedMpNlri;
import io.nvo3.bgp.wire.nlri.RtMembership;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One neighbor: its FSM, its connections, what it sent us (in the shared {@link LocRib}s) and what
 * we send it (recomputed from the Loc-RIB through {@link ExportRules}, not stored). Runs on the
 * speaker's event loop only.
 */
final class NeighborSession implements FsmListener {
    private static final Logger LOG = LoggerFactory.getLogger(NeighborSession.class);
    private static final Set<AfiSafi> RTC_FILTERED = Set.of(AfiSafi.VPN_IPV4, AfiSafi.VPN_IPV6, AfiSafi.L2VPN_EVPN);
    /** Marks a pending withdrawal in {@link #pending}. */
    private static final RouteAttributes WITHDRAW = RouteAttributes.of(List.of(), null);

    private final SpeakerImpl sp;
    private final NeighborConfig cfg;
    private final int id;
    private final Fsm fsm;
    private final String name;

    private ChannelConnection current;
    private Negotiated negotiated;
    private PeerRef peer;
    private boolean initialSent;
    /** Received / accepted / advertised per family; import policy's rejected NLRI are kept in it per family. */
    private final PrefixCounters counts = new PrefixCounters();
    private final Set<AfiSafi> eorReceived = new HashSet<>();
    private final Set<AfiSafi> disabled = new HashSet<>();
    private final Set<AfiSafi> staleFamilies = new HashSet<>();
    private Scheduler.Timer restartTimer;
    private Scheduler.Timer staleTimer;
    private List<RtMembership> membership = List.of();
    /** Per family, per destination key: the NLRI to send and its attributes (or {@link #WITHDRAW}). */
    private final Map<AfiSafi, LinkedHashMap<Nlri, Out>> pending = new LinkedHashMap<>();

    private record Out(Nlri nlri, RouteAttributes attributes) {}
    private boolean flushScheduled;
    /** Messages to and from this neighbor, over all its connections (gobgp's "Message statistics"). */
    private final io.nvo3.bgp.session.MessageCounters messages = new io.nvo3.bgp.session.MessageCounters();
    /** The last UPDATE's attribute octets and their decode (a feed repeats them UPDATE after UPDATE). */
    private final AttributeMemo attributeMemo = new AttributeMemo();
    /** The last {@link #importAttrs} call: its (memoised, so identical) attribute list, next hop, neighbor and result. */
    private List<PathAttribute> lastImportList;
    private InetAddress lastImportNextHop;
    private PeerRef lastImportPeer;
    private RouteAttributes lastImported;
    private String lastError;
    private Optional<java.time.Instant> upSince = Optional.empty();

    NeighborSession(SpeakerImpl sp, NeighborConfig cfg, int id) {
        this.sp = sp;
        this.cfg = cfg;
        this.id = id;
        this.name = cfg.address().getHostAddress() + (cfg.port() == 179 ? "" : ":" + cfg.port());
        FsmConfig fc = new FsmConfig(cfg.passive(), cfg.connectRetry(),
                Duration.ofSeconds(Math.max(120, cfg.connectRetry().toSeconds())), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMinutes(4));
        this.fsm = new Fsm(fc, localOpen(), sp.scheduler, this);
    }

    NeighborConfig config() {
        return cfg;
    }

    private LocalOpen localOpen() {
        SpeakerConfig.GracefulRestart r = sp.config.restart();
        boolean restarting = sp.deferring();
        Optional<LocalOpen.GracefulRestartConfig> gr = cfg.gracefulRestart()
                ? Optional.of(new LocalOpen.GracefulRestartConfig((int) r.restartTime().toSeconds(), restarting,
                        restarting ? cfg.families() : Set.of()))
                : Optional.empty();
        return new LocalOpen(sp.config.asn(), sp.identity.routerId(), cfg.remoteAs(), cfg.holdTime(), cfg.families(), true, true,
                false, gr);
    }

    void start() {
        fsm.handle(new FsmEvent.ManualStart());
    }

    void stop(String why, CeaseSubcode cease) {
        fsm.handle(new FsmEvent.ManualStop(why, cease));
        cancelTimers();
        removeAllPaths();
        staleFamilies.clear();
    }

    void abort() {
        if (current != null) {
            current.channel().close();
        }
    }

    private void cancelTimers() {
        if (restartTimer != null) {
            restartTimer.cancel();
            restartTimer = null;
        }
        if (staleTimer != null) {
            staleTimer.cancel();
            staleTimer = null;
        }
    }

    // ---- connections ---------------------------------------------------------------------------

    private ChannelConnection attach(Channel ch, boolean inbound) {
        ChannelConnection c = new ChannelConnection(ch, inbound, fsm::localOpen, messages);
        ch.pipeline().addLast(new BgpFrameDecoder(c::context), new Handler(c));
        return c;
    }

    void accepted(SocketChannel ch) {
        ChannelConnection c = attach(ch, true);
        // The child channel becomes active right after initialisation, on this loop.
        sp.loop.execute(() -> fsm.handle(new FsmEvent.TcpConnected(c)));
    }

    @Override
    public void connect() {
        InetSocketAddress remote = new InetSocketAddress(cfg.address(), cfg.port());
        ChannelConnection[] holder = new ChannelConnection[1];
        Bootstrap b = new Bootstrap().group(sp.loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        holder[0] = attach(ch, false);
                    }
                });
        ChannelFuture f = cfg.localAddress().isPresent() ? b.connect(remote, new InetSocketAddress(cfg.localAddress().get(), 0))
                : b.connect(remote);
        f.addListener(done -> {
            if (done.isSuccess() && holder[0] != null) {
                fsm.handle(new FsmEvent.TcpConnected(holder[0]));
            } else {
                fsm.handle(new FsmEvent.TcpFails(null, String.valueOf(done.cause())));
            }
        });
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        private final ChannelConnection c;

        Handler(ChannelConnection c) {
            this.c = c;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof byte[] frame) {
                onFrame(c, frame);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fsm.handle(new FsmEvent.TcpFails(c, "connection closed"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof DecoderException d && d.getCause() instanceof BgpNotificationException e) {
                // RFC 4271 §6.1: a header error — send the NOTIFICATION and close; the stream cannot be resynchronised.
                fsm.handle(new FsmEvent.FatalError(c, Notification.of(e), "bad message header: " + e.getMessage()));
                return;
            }
            LOG.debug("neighbor {}: channel error", name, cause);
            ctx.close();
        }
    }

    private void onFrame(ChannelConnection c, byte[] frame) {
        messages.received(frame);
        DecodedMessage d;
        try {
            d = BgpCodec.decodePacked(frame, c.context(), attributeMemo); // NLRI stay packed: see announcePacked
        } catch (BgpNotificationException e) {
            fsm.handle(new FsmEvent.FatalError(c, Notification.of(e), "bad message: " + e.getMessage()));
            return;
        }
        switch (d) {
            case DecodedMessage.Other o -> {
                switch (o.message()) {
                    case OpenMessage m -> {
                        PeerOpen po = new PeerOpen(m.version(), m.myAs(), m.holdTime(), RouteAttributes.ipv4(m.bgpIdentifier()), m.capabilities());
                        if (fsm.handle(new FsmEvent.OpenReceived(c, po)) && fsm.state() == SessionState.OPEN_CONFIRM) {
                            c.context(fsm.negotiated().orElseThrow().codecContext());
                        }
                    }
                    case KeepaliveMessage k -> fsm.handle(new FsmEvent.KeepaliveReceived(c));
                    case NotificationMessage n -> {
                        Notification nn = new Notification(n.code(), n.subcode(), n.data());
                        lastError = "NOTIFICATION received: " + nn;
                        fsm.handle(new FsmEvent.NotificationReceived(c, nn));
                    }
                    case RouteRefreshMessage r -> {
                        if (fsm.handle(new FsmEvent.RouteRefreshReceived(c))) {
                            onRouteRefresh(r);
                        }
                    }
                    case UpdateMessage u -> { }
                }
            }
            case DecodedMessage.Update u -> {
                UpdateDecodeResult r = u.result();
                if (r.action() == ErrorAction.SESSION_RESET) {
                    BgpNotificationException e = r.notification().orElseThrow();
                    fsm.handle(new FsmEvent.FatalError(c, Notification.of(e), "malformed UPDATE: " + r.problems()));
                    return;
                }
                if (fsm.handle(new FsmEvent.UpdateReceived(c))) {
                    if (!r.problems().isEmpty()) {
                        LOG.info("neighbor {}: RFC 7606 {} on UPDATE: {}", name, r.action(), r.problems());
                    }
                    onUpdate(c, r);
                }
            }
        }
    }

    // ---- FSM callbacks -------------------------------------------------------------------------

    @Override
    public void stateChanged(SessionState from, SessionState to, String reason) {
        LOG.info("neighbor {} AS{}: {} -> {} ({})", name, cfg.remoteAs(), from, to, reason);
        if (to == SessionState.IDLE) {
            lastError = reason;
        }
    }

    @Override
    public void established(Connection connection, Negotiated n) {
        current = (ChannelConnection) connection;
        negotiated = n;
        peer = new PeerRef(id, cfg.address(), n.peerAs(), n.peerBgpIdentifier(), n.external(), cfg.routeReflectorClient());
        upSince = Optional.of(sp.scheduler.now());
        initialSent = false;
        counts.clearAdvertised();
        eorReceived.clear();
        disabled.clear();
        membership = List.of();
        if (restartTimer != null) {
            restartTimer.cancel();
            restartTimer = null;
        }
        if (!staleFamilies.isEmpty()) {
            // RFC 4724 §4.2: "If the Forwarding State bit is not set for an address family ... the receiving speaker
            // MUST immediately remove all the stale routes from the peer"; otherwise wait for End-of-RIB.
            for (AfiSafi f : new ArrayList<>(staleFamilies)) {
                if (!n.families().contains(f) || !n.peerPreservedForwarding(f)) {
                    sweepStale(f);
                }
            }
            if (!staleFamilies.isEmpty()) {
                staleTimer = sp.scheduler.schedule(sp.config.restart().staleRoutesTime(), () -> {
                    staleTimer = null;
                    new ArrayList<>(staleFamilies).forEach(this::sweepStale);
                });
            }
        }
        recountAccepted();
        if (!sp.deferring()) {
            sendInitial();
        } else {
            sp.checkDeferral();
        }
    }

    @Override
    public void sessionDown(DownReason reason) {
        ChannelConnection was = current;
        current = null;
        initialSent = false;
        counts.clearAdvertised();
        pending.clear();
        upSince = Optional.empty();
        lastError = reason.text();
        if (staleTimer != null) {
            staleTimer.cancel();
            staleTimer = null;
        }
        Negotiated n = negotiated;
        negotiated = null;
        if (n != null && cfg.gracefulRestart() && n.peerGracefulRestart().isPresent() && reason.gracefulRestartApplies()) {
            Capability.GracefulRestart gr = n.peerGracefulRestart().get();
            // RFC 4724 §4.2: "the Receiving Speaker MUST retain the routes received from the Restarting Speaker for
            // all the address families that were previously received in the Graceful Restart Capability and MUST
            // mark them as stale routing information."
            for (AfiSafi f : n.families()) {
                boolean kept = gr.families().stream().anyMatch(x -> x.family().equals(f));
                if (kept) {
                    int count = sp.locRib(f).markStale(id);
                    if (count > 0) {
                        staleFamilies.add(f);
                    }
                } else {
                    sp.propagate(sp.locRib(f).removeAll(id, p -> true));
                }
            }
            LOG.info("neighbor {}: graceful restart helper keeps {} stale for {} s", name, staleFamilies, gr.restartTimeSeconds());
            // "If the session does not get re-established within the "Restart Time" ..., the Receiving Speaker MUST
            // delete all the stale routes from the peer that it is retaining."
            restartTimer = sp.scheduler.schedule(Duration.ofSeconds(gr.restartTimeSeconds()), () -> {
                restartTimer = null;
                if (current == null) {
                    new ArrayList<>(staleFamilies).forEach(this::sweepStale);
                }
            });
        } else {
            removeAllPaths();
        }
        counts.clearRejected();
        recountAccepted();
        if (was != null) {
            was.close();
        }
    }

    private void removeAllPaths() {
        for (AfiSafi f : cfg.families()) {
            sp.propagate(sp.locRib(f).removeAll(id, p -> true));
            counts.setAccepted(f, 0);
        }
    }

    private void sweepStale(AfiSafi f) {
        staleFamilies.remove(f);
        var changes = sp.locRib(f).removeAll(id, Path::stale);
        if (!changes.isEmpty()) {
            LOG.info("neighbor {}: removed stale {} routes of {}", name, f, id);
        }
        sp.propagate(changes);
        counts.setAccepted(f, sp.locRib(f).countPaths(id));
    }

    /** Counts this neighbor's paths in each family's Loc-RIB (a walk of the tables: on session events only). */
    private void recountAccepted() {
        for (AfiSafi f : cfg.families()) {
            counts.setAccepted(f, sp.locRib(f).countPaths(id));
        }
    }

    boolean endOfRibFromAll() {
        return negotiated != null && eorReceived.containsAll(negotiated.families());
    }

    void restartComplete() {
        fsm.localOpen(localOpen());
        if (current != null && !initialSent) {
            sendInitial();
        }
    }

    // ---- receiving -------------------------------------------------------------------------------

    private void onUpdate(ChannelConnection c, UpdateDecodeResult r) {
        UpdateMessage u = r.update();
        for (AfiSafi f : r.disabledFamilies()) {
            // RFC 4760 §7 / RFC 7606 §2 "AFI/SAFI disable": stop using the family for this session.
            if (disabled.add(f)) {
                LOG.info("neighbor {}: disabling {} after malformed UPDATE", name, f);
                sp.propagate(sp.locRib(f).removeAll(id, p -> true));
                counts.setAccepted(f, 0);
                counts.rejected(f).clear();
            }
        }
        if (u.isIpv4EndOfRib()) {
            onEndOfRib(AfiSafi.IPV4_UNICAST);
            return;
        }
        if (u.withdrawn().isEmpty() && u.nlri().isEmpty() && u.attributes().size() == 1
                && u.attributes().getFirst() instanceof PathAttribute.MpUnreachNlri m && m.isEndOfRib()) {
            onEndOfRib(m.family());
            return;
        }
        boolean rtcTouched = false;
        boolean taw = r.action() == ErrorAction.TREAT_AS_WITHDRAW;
        for (IpPrefix p : u.withdrawn()) {
            withdrawFrom(AfiSafi.IPV4_UNICAST, p);
        }
        RouteAttributes base = null;
        for (PathAttribute a : u.attributes()) {
            if (a instanceof PathAttribute.MpUnreachNlri m) {
                rtcTouched |= m.family().equals(AfiSafi.RT_CONSTRAINT);
                for (Nlri n : m.withdrawn()) {
                    withdrawFrom(m.family(), n);
                }
            }
        }
        if (!u.nlri().isEmpty()) {
            InetAddress nh = u.attribute(PathAttribute.NextHop.class).map(PathAttribute.NextHop::address).orElse(null);
            RouteAttributes attrs = taw ? null : importAttrs(u.attributes(), nh);
            for (IpPrefix p : u.nlri()) {
                if (attrs == null) {
                    withdrawFrom(AfiSafi.IPV4_UNICAST, p);
                } else {
                    announce(AfiSafi.IPV4_UNICAST, p, attrs);
                }
            }
        }
        if (r.packedNlri().isPresent()) {
            // Only clean UPDATEs (or attribute discard) come packed, never treat-as-withdraw.
            InetAddress nh = u.attribute(PathAttribute.NextHop.class).map(PathAttribute.NextHop::address).orElse(null);
            announcePacked(AfiSafi.IPV4_UNICAST, importAttrs(u.attributes(), nh), r.packedNlri().get(), null);
        }
        for (PathAttribute a : u.attributes()) {
            if (a instanceof PathAttribute.MpReachNlri m) {
                rtcTouched |= m.family().equals(AfiSafi.RT_CONSTRAINT);
                List<InetAddress> nhs = m.nextHops();
                RouteAttributes attrs = taw ? null : importAttrs(u.attributes(), nhs.isEmpty() ? null : nhs.getFirst());
                for (Nlri n : m.nlri()) {
                    if (attrs == null) {
                        withdrawFrom(m.family(), n);
                    } else {
                        announce(m.family(), n, attrs);
                    }
                }
                if (r.packedMpReach().isPresent()) {
                    // Only clean UPDATEs (or attribute discard) come packed: attrs is not null.
                    announcePacked(m.family(), attrs, null, r.packedMpReach().get());
                }
            }
        }
        if (rtcTouched) {
            membershipChanged();
        }
        if (cfg.maxPrefixes() > 0 && counts.acceptedTotal() > cfg.maxPrefixes()) {
            // RFC 4486 §4: Cease "Maximum Number of Prefixes Reached" — the Data field "MAY" hold AFI (2),
            // SAFI (1) and the upper bound (4).
            AfiSafi f = cfg.families().iterator().next();
            long max = cfg.maxPrefixes();
            Bytes data = Bytes.of((byte) (f.afi() >>> 8), (byte) f.afi(), (byte) f.safi(), (byte) (max >>> 24), (byte) (max >>> 16),
                    (byte) (max >>> 8), (byte) max);
            fsm.handle(new FsmEvent.FatalError(c, Notification.of(CeaseSubcode.MAXIMUM_NUMBER_OF_PREFIXES_REACHED, data),
                    "more than " + max + " prefixes"));
        }
    }

    private RouteAttributes importAttrs(List<PathAttribute> attrs, InetAddress nextHop) {
        if (attrs == lastImportList && peer == lastImportPeer && java.util.Objects.equals(nextHop, lastImportNextHop)) {
            return lastImported; // held here, so it stays the interned instance
        }
        lastImported = sp.interner.intern(ImportRules.normalise(RouteAttributes.received(attrs, nextHop, negotiated.fourOctetAs()), peer));
        lastImportList = attrs;
        lastImportNextHop = nextHop;
        lastImportPeer = peer;
        return lastImported;
    }

    private void announce(AfiSafi f, Nlri nlri, RouteAttributes attrs) {
        // RFC 4760 §7: routes of a family that was not negotiated are ignored.
        if (!negotiated.families().contains(f) || disabled.contains(f)) {
            return;
        }
        Optional<String> why = ImportRules.reject(attrs, peer, sp.identity);
        if (why.isPresent()) {
            LOG.debug("neighbor {}: ignoring {} {}: {}", name, f, nlri, why.get());
            withdrawFrom(f, nlri);
            counts.rejected(f).add(NlriKeys.key(nlri));
            return;
        }
        LocRib rib = sp.locRib(f);
        nlri = rib.canonical(nlri);
        Nlri key = NlriKeys.key(nlri);
        Set<Nlri> rejected = counts.rejected(f);
        if (!rejected.isEmpty()) {
            rejected.remove(key);
        }
        // One lookup: put tells whether the path is new (counted) or replaces this neighbor's previous one.
        BestChange change = rib.put(key, new Path(nlri == key ? null : nlri, peer, attrs, false));
        if (rib.lastPutAdded()) {
            counts.accepted(f, 1);
        }
        sp.propagate(change);
    }

    /**
     * Routes that came packed: {@link PackedIngest} once the family is in use and import policy takes the
     * attribute set they share; otherwise the per-route way (which also remembers each rejected route).
     */
    private void announcePacked(AfiSafi f, RouteAttributes attrs, PackedIpv4Prefixes ipv4, PackedMpNlri mp) {
        if (!negotiated.families().contains(f) || disabled.contains(f) || ImportRules.reject(attrs, peer, sp.identity).isPresent()) {
            (ipv4 != null ? ipv4.toList() : mp.toList()).forEach(n -> announce(f, n, attrs));
            return;
        }
        LocRib rib = sp.locRib(f);
        counts.accepted(f, ipv4 != null ? PackedIngest.ipv4(sp, rib, id, peer, attrs, ipv4, counts.rejected(f))
                : PackedIngest.mpReach(sp, rib, id, peer, attrs, mp, counts.rejected(f)));
    }

    private void withdrawFrom(AfiSafi f, Nlri nlri) {
        Nlri key = NlriKeys.key(nlri);
        Set<Nlri> rejected = counts.rejected(f);
        if (!rejected.isEmpty()) {
            rejected.remove(key);
        }
        LocRib rib = sp.locRib(f);
        BestChange change = rib.remove(key, id);
        if (rib.lastRemoveFound()) {
            counts.accepted(f, -1);
            sp.propagate(change);
        }
    }

    private void onEndOfRib(AfiSafi f) {
        LOG.debug("neighbor {}: End-of-RIB for {}", name, f);
        eorReceived.add(f);
        // RFC 4724 §4.2: "Once the End-of-RIB marker for an address family is received from the peer, it MUST
        // immediately remove any routes from the peer that are still marked as stale for that address family."
        if (staleFamilies.contains(f)) {
            sweepStale(f);
        }
        sp.checkDeferral();
    }

    private void onRouteRefresh(RouteRefreshMessage r) {
        AfiSafi f = r.family();
        if (negotiated == null || !negotiated.families().contains(f)) {
            // RFC 2918 §4: "If a BGP speaker receives from its peer a ROUTE-REFRESH message with the <AFI, SAFI>
            // that the speaker didn't advertise to the peer at the session establishment time ... the speaker
            // shall ignore such a message."
            return;
        }
        switch (r.subtype()) {
            case RouteRefreshMessage.NORMAL -> {
                if (!initialSent) {
                    return;
                }
                flush();
                if (negotiated.enhancedRouteRefresh()) {
                    // RFC 7313 §4: "the BGP speaker MUST send a BoRR message before it starts the route re-advertisement
                    // ... after the completion ... the speaker MUST send an EoRR message".
                    current.write(new RouteRefreshMessage(f, RouteRefreshMessage.BORR, Bytes.EMPTY));
                    dump(f);
                    current.write(new RouteRefreshMessage(f, RouteRefreshMessage.EORR, Bytes.EMPTY));
                } else {
                    dump(f);
                }
                current.flush();
            }
            case RouteRefreshMessage.BORR -> {
                // RFC 7313 §4: "When the BGP speaker receives a BoRR message, it MUST mark all the routes with the given
                // AFI/SAFI ... as stale" ...
                sp.locRib(f).markStale(id);
            }
            case RouteRefreshMessage.EORR -> {
                // ... "Upon the receipt of EoRR message ... it MUST immediately remove all the routes ... still marked as stale".
                sp.propagate(sp.locRib(f).removeAll(id, Path::stale));
                counts.setAccepted(f, sp.locRib(f).countPaths(id));
            }
            default -> { }
        }
    }

    void requestRefresh(AfiSafi f) {
        if (current == null || negotiated == null || !negotiated.routeRefresh()) {
            throw new IllegalStateException("neighbor " + name + ": no session with route refresh");
        }
        current.sendNow(RouteRefreshMessage.request(f));
    }

    // ---- RT constraint (RFC 4684) --------------------------------------------------------------

    private void membershipChanged() {
        List<RtMembership> before = membership;
        List<RtMembership> after = new ArrayList<>();
        sp.locRib(AfiSafi.RT_CONSTRAINT).forEachPathOf(id, (n, p) -> {
            if (p.nlriFor(n) instanceof RtMembership m) {
                after.add(m);
            }
        });
        membership = List.copyOf(after);
        if (current == null || !initialSent || new HashSet<>(before).equals(new HashSet<>(after))) {
            return;
        }
        for (AfiSafi f : negotiated.families()) {
            if (!RTC_FILTERED.contains(f)) {
                continue;
            }
            LocRib rib = sp.locRib(f);
            rib.forEachBest((n, best) -> {
                RouteAttributes old = exportFor(best, f, before);
                RouteAttributes nu = exportFor(best, f, membership);
                queueDiff(f, n, best, old, best, nu);
            });
        }
    }

    /**
     * RFC 4684 §4: a route is sent to a peer whose RT membership routes cover one of its route targets; the
     * default membership route (length 0) asks for everything.
     */
    static boolean allowedBy(List<RtMembership> membership, RouteAttributes a) {
        var rts = a.routeTargets();
        for (RtMembership m : membership) {
            if (m.isDefault() || m.length() <= 32) {
                return true;
            }
            byte[] want = m.routeTarget().toArray();
            int bits = m.length() - 32;
            for (var rt : rts) {
                byte[] have = io.nvo3.bgp.wire.extcommunities.ExtendedCommunityCodec.toBytes(rt);
                if (prefixMatches(want, have, bits)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean prefixMatches(byte[] want, byte[] have, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (want[i] != have[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (want[full] & mask) == (have[full] & mask);
    }

    // ---- sending -------------------------------------------------------------------------------

    private ExportTarget target() {
        InetAddress local = cfg.selfNextHop().or(cfg::localAddress).orElseGet(() -> current.localAddress().getAddress());
        return new ExportTarget(id, negotiated.external(), cfg.routeReflectorClient(), local, cfg.nextHopSelf());
    }

    private RouteAttributes exportFor(Path best, AfiSafi f, List<RtMembership> members) {
        if (best == null) {
            return null;
        }
        Optional<RouteAttributes> out = ExportRules.export(best, target(), sp.identity);
        if (out.isEmpty()) {
            return null;
        }
        if (RTC_FILTERED.contains(f) && negotiated.families().contains(AfiSafi.RT_CONSTRAINT) && !allowedBy(members, out.get())) {
            return null;
        }
        return sp.interner.intern(out.get());
    }

    int id() {
        return id;
    }

    /** Whether {@link #advertise} would look at a change of {@code family} now. */
    boolean takesAdvertisements(AfiSafi family) {
        return current != null && initialSent && negotiated.families().contains(family);
    }

    void advertise(io.nvo3.bgp.rib.BestChange c) {
        if (!takesAdvertisements(c.family())) {
            return;
        }
        RouteAttributes old = exportFor(c.oldBest(), c.family(), membership);
        RouteAttributes nu = exportFor(c.newBest(), c.family(), membership);
        queueDiff(c.family(), c.nlri(), c.oldBest(), old, c.newBest(), nu);
    }

    private void queueDiff(AfiSafi f, Nlri key, Path oldPath, RouteAttributes old, Path newPath, RouteAttributes nu) {
        if (nu != null) {
            if (nu.equals(old) && oldPath.nlriFor(key).equals(newPath.nlriFor(key))) {
                return;
            }
            if (old == null) {
                counts.advertised(f, 1);
            }
            queue(f, key, new Out(newPath.nlriFor(key), nu));
        } else if (old != null) {
            counts.advertised(f, -1);
            queue(f, key, new Out(oldPath.nlriFor(key), WITHDRAW));
        }
    }

    private void queue(AfiSafi f, Nlri key, Out out) {
        pending.computeIfAbsent(f, k -> new LinkedHashMap<>()).put(key, out);
        if (!flushScheduled) {
            flushScheduled = true;
            sp.loop.execute(() -> {
                flushScheduled = false;
                flush();
                if (current != null) {
                    current.flush();
                }
            });
        }
    }

    private void flush() {
        if (current == null) {
            pending.clear();
            return;
        }
        for (var e : pending.entrySet()) {
            AfiSafi f = e.getKey();
            Map<RouteAttributes, List<Nlri>> groups = new LinkedHashMap<>();
            List<Nlri> withdrawals = new ArrayList<>();
            e.getValue().forEach((k, out) -> {
                if (out.attributes() == WITHDRAW) {
                    withdrawals.add(out.nlri());
                } else {
                    groups.computeIfAbsent(out.attributes(), x -> new ArrayList<>()).add(out.nlri());
                }
            });
            if (!withdrawals.isEmpty()) {
                UpdateWriter.withdraw(current, f, withdrawals);
            }
            groups.forEach((a, ns) -> UpdateWriter.announce(current, f, a, ns));
        }
        pending.clear();
    }

    /** UPDATEs written between two flushes of a dump, so the neighbor gets the table while it is walked. */
    private static final int DUMP_FLUSH_EVERY = 64;

    /**
     * Sends the whole Adj-RIB-Out of a family (RFC 4271 §9.4 initial exchange, or a route refresh),
     * streamed: one packer per exported attribute set, each UPDATE written as soon as it is full. The
     * export rules depend only on the best path's neighbor and attributes (and this session), so their
     * result is reused while consecutive routes share both, as they mostly do.
     */
    private void dump(AfiSafi f) {
        ChannelConnection c = current;
        Map<RouteAttributes, UpdatePacker> groups = new LinkedHashMap<>();
        int[] sinceFlush = {0};
        java.util.function.Consumer<byte[]> out = bytes -> {
            c.write(bytes);
            if (++sinceFlush[0] >= DUMP_FLUSH_EVERY) {
                sinceFlush[0] = 0;
                c.flush();
            }
        };
        var memo = new Object() {
            PeerRef peer;
            RouteAttributes in;
            RouteAttributes exported;
            UpdatePacker packer;
            long count;
        };
        sp.locRib(f).forEachBestNlri((nlri, best) -> {
            if (best.peer() != memo.peer || best.attributes() != memo.in) {
                memo.peer = best.peer();
                memo.in = best.attributes();
                memo.exported = exportFor(best, f, membership);
                // Interned: equal attribute sets are the same instance.
                memo.packer = memo.exported == null ? null
                        : groups.computeIfAbsent(memo.exported, a -> new UpdatePacker(f, a, c.context(), out));
            }
            if (memo.packer != null) {
                memo.packer.add(nlri);
                memo.count++;
            }
        });
        groups.values().forEach(UpdatePacker::finish);
        // The whole family was just sent (pending was flushed first): its Adj-RIB-Out is what the dump holds,
        // also when a route refresh dumps it again.
        counts.setAdvertised(f, memo.count);
    }

    private void sendInitial() {
        initialSent = true;
        pending.clear();
        counts.clearAdvertised();
        List<AfiSafi> order = new ArrayList<>(negotiated.families());
        // RFC 4684 §6: RT membership goes first so the neighbor can filter what follows.
        order.sort((a, b) -> Boolean.compare(!a.equals(AfiSafi.RT_CONSTRAINT), !b.equals(AfiSafi.RT_CONSTRAINT)));
        for (AfiSafi f : order) {
            dump(f);
            UpdateWriter.endOfRib(current, f);
        }
        current.flush();
        LOG.info("neighbor {}: initial update sent ({} routes, End-of-RIB for {})", name, counts.advertisedTotal(), order);
    }

    // ---- status ----------------------------------------------------------------------------------

    NeighborStatus status() {
        Optional<java.time.Instant> since = fsm.state() == SessionState.ESTABLISHED ? upSince : Optional.empty();
        return new NeighborStatus(cfg.address(), cfg.port(), cfg.remoteAs(), fsm.state(), since,
                since.map(s -> Duration.between(s, sp.scheduler.now())), counts.acceptedTotal() + counts.rejectedTotal(),
                counts.acceptedTotal(), counts.advertisedTotal(), Optional.ofNullable(negotiated), Optional.ofNullable(lastError),
                messages.sent(), messages.received(), counts.snapshot(cfg.families()));
    }
}
