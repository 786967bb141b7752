package io.nvo3.bench.federation;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.KeepaliveMessage;
import io.nvo3.bgp.wire.message.OpenMessage;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An iBGP l2vpn-evpn speaker that stands in for domain A towards domain B in the churn figure: it opens a session
 * (AS 65000, 4-octet AS, one family), answers KEEPALIVEs, and writes pre-encoded UPDATEs of MAC advertisement routes
 * (type 2, no IP, label = VNI, RT 65000:VNI, VXLAN encapsulation) whose next hop is a real VTEP of domain A — then
 * withdraws them. Encoded with the project's own codec, packed 100 NLRI per UPDATE (under 4096 octets).
 */
final class EvpnFeeder implements AutoCloseable {
    private static final long ASN = 65000;
    private static final int HOLD = 90;
    private static final int PER_UPDATE = 100;
    /** iBGP, 4-octet AS negotiated (RFC 6793). */
    private static final CodecContext CONTEXT = new CodecContext(true, false, java.util.Set.of(), false);

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final CompletableFuture<Void> established = new CompletableFuture<>();
    private final ScheduledExecutorService keepalives = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "evpn-feeder-keepalive");
        t.setDaemon(true);
        return t;
    });
    private volatile String closedBecause;

    private EvpnFeeder(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 18);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
    }

    /** Connects from {@code local} to B's listener, retrying until Established or {@code timeout}. */
    static EvpnFeeder connect(String local, InetSocketAddress remote, Inet4Address routerId, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
                s.connect(remote, 2000);
                EvpnFeeder f = new EvpnFeeder(s);
                f.open(routerId);
                try {
                    f.established.get(10, TimeUnit.SECONDS);
                    return f;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    f.close();
                    if (System.nanoTime() > deadline) {
                        throw new IOException("feeder session to " + remote + " did not come up: " + f.closedBecause, e);
                    }
                }
            } catch (IOException e) {
                s.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException("feeder cannot connect to " + remote, e);
                }
            }
            Thread.sleep(500); // ConnectRetry while B is not yet accepting us
        }
    }

    private void open(Inet4Address routerId) throws IOException {
        List<Capability> caps = List.of(new Capability.Multiprotocol(AfiSafi.L2VPN_EVPN), new Capability.RouteRefresh(),
                new Capability.FourOctetAs(ASN));
        send(BgpCodec.encode(OpenMessage.of(ASN, HOLD, routerId, caps), CodecContext.INITIAL));
        Thread reader = new Thread(this::readLoop, "evpn-feeder-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        byte[] header = new byte[19];
        try {
            while (true) {
                in.readFully(header);
                int len = (header[16] & 0xff) << 8 | (header[17] & 0xff);
                int type = header[18] & 0xff;
                byte[] body = new byte[len - 19];
                in.readFully(body);
                switch (type) {
                    case 1 -> { // OPEN: confirm, then keep the session up at a third of the negotiated hold time
                        int theirHold = (body[3] & 0xff) << 8 | (body[4] & 0xff);
                        int hold = Math.min(HOLD, theirHold);
                        send(BgpCodec.encode(KeepaliveMessage.INSTANCE, CodecContext.INITIAL));
                        if (hold > 0) {
                            keepalives.scheduleAtFixedRate(this::keepalive, hold / 3, Math.max(1, hold / 3), TimeUnit.SECONDS);
                        }
                    }
                    case 3 -> {
                        closedBecause = "NOTIFICATION " + (body[0] & 0xff) + "/" + (body[1] & 0xff);
                        established.completeExceptionally(new IOException(closedBecause));
                        return;
                    }
                    case 4 -> established.complete(null);
                    default -> { } // UPDATEs from B (its own routes) are not needed here
                }
            }
        } catch (IOException e) {
            closedBecause = closedBecause == null ? e.toString() : closedBecause;
        } finally {
            established.completeExceptionally(new IOException(String.valueOf(closedBecause)));
        }
    }

    private void keepalive() {
        try {
            send(BgpCodec.encode(KeepaliveMessage.INSTANCE, CodecContext.INITIAL));
        } catch (IOException e) {
            closedBecause = e.toString();
        }
    }

    private void send(byte[] message) throws IOException {
        synchronized (out) {
            out.write(message);
            out.flush();
        }
    }

    /** The MAC of route {@code i}: locally administered 02:fe:00:xx:xx:xx. */
    static String mac(int i) {
        return String.format("02:fe:00:%02x:%02x:%02x", (i >>> 16) & 0xff, (i >>> 8) & 0xff, i & 0xff);
    }

    static List<Nlri> routes(int count, int vni, Inet4Address routerId) {
        long rid = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(routerId.getAddress()).getInt());
        RouteDistinguisher rd = RouteDistinguisher.type1(rid, 1);
        List<Nlri> l = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] m = {0x02, (byte) 0xfe, 0, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            l.add(new EvpnRoute.MacIpAdvertisement(0, rd, Esi.ZERO, 0, MacAddress.of(m), Optional.empty(),
                    Labels.vni(vni), OptionalInt.empty()));
        }
        return l;
    }

    /** UPDATEs announcing {@code routes} with next hop {@code vtep} and RT 65000:VNI. */
    static List<byte[]> announcements(List<Nlri> routes, int vni, String vtep) throws IOException {
        List<byte[]> msgs = new ArrayList<>();
        for (int i = 0; i < routes.size(); i += PER_UPDATE) {
            List<Nlri> slice = routes.subList(i, Math.min(routes.size(), i + PER_UPDATE));
            List<PathAttribute> a = new ArrayList<>();
            a.add(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP));
            a.add(new PathAttribute.AsPath(List.<AsPathSegment>of()));
            a.add(new PathAttribute.LocalPref(100));
            a.add(PathAttribute.MpReachNlri.of(AfiSafi.L2VPN_EVPN, InetAddress.getByName(vtep), slice));
            a.add(new PathAttribute.ExtendedCommunities(List.of(ExtendedCommunity.RouteTarget.parse("65000:" + vni),
                    ExtendedCommunity.Encapsulation.of(TunnelType.VXLAN))));
            msgs.add(BgpCodec.encode(new UpdateMessage(List.of(), a, List.of()), CONTEXT));
        }
        return msgs;
    }

    /** UPDATEs withdrawing {@code routes} (MP_UNREACH_NLRI). */
    static List<byte[]> withdrawals(List<Nlri> routes) {
        List<byte[]> msgs = new ArrayList<>();
        for (int i = 0; i < routes.size(); i += PER_UPDATE) {
            List<Nlri> slice = List.copyOf(routes.subList(i, Math.min(routes.size(), i + PER_UPDATE)));
            msgs.add(BgpCodec.encode(new UpdateMessage(List.of(),
                    List.of(new PathAttribute.MpUnreachNlri(AfiSafi.L2VPN_EVPN, slice)), List.of()), CONTEXT));
        }
        return msgs;
    }

    /** Writes all {@code updates} as fast as TCP takes them; returns {@link System#nanoTime()} before the first. */
    long stream(List<byte[]> updates) throws IOException {
        if (closedBecause != null) {
            throw new IOException("feeder session is down: " + closedBecause);
        }
        long start = System.nanoTime();
        synchronized (out) {
            for (byte[] u : updates) {
                out.write(u);
            }
            out.flush();
        }
        return start;
    }

    @Override
    public void close() {
        keepalives.shutdownNow();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
