package io.nvo3.bench.bgp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Who is where: the system under test on its own loopback address and port, the feeder and the
 * re-advertisement receiver on two more loopback addresses; three ASes (eBGP both ways, so every
 * daemon passes routes on without route-reflection settings). Router ids come from the management
 * range 198.19.0.0/16 and are identifiers only.
 */
record Topology(InetAddress sut, int port, InetAddress feeder, InetAddress receiver) {
    static final long SUT_AS = 65000;
    static final long FEEDER_AS = Feed.FEEDER_AS;
    static final long RECEIVER_AS = 65002;
    static final Inet4Address SUT_ID = (Inet4Address) Feed.address(Feed.ipv4("198.19.0.10"));
    static final Inet4Address FEEDER_ID = (Inet4Address) Feed.address(Feed.ipv4("198.19.0.11"));
    static final Inet4Address RECEIVER_ID = (Inet4Address) Feed.address(Feed.ipv4("198.19.0.12"));

    /** 127.0.0.{base}, {base+1}, {base+2} and a port free on the first. */
    static Topology onLoopback(int base) {
        try {
            InetAddress sut = InetAddress.getByName("127.0.0." + base);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(sut, 0));
                return new Topology(sut, s.getLocalPort(), InetAddress.getByName("127.0.0." + (base + 1)),
                        InetAddress.getByName("127.0.0." + (base + 2)));
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress sutEndpoint() {
        return new InetSocketAddress(sut, port);
    }

    String sutAddress() {
        return sut.getHostAddress();
    }

    String feederAddress() {
        return feeder.getHostAddress();
    }

    String receiverAddress() {
        return receiver.getHostAddress();
    }
}
