package io.nvo3.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on loopback addresses (127.0.0.0/8 only: the network rule of this project). */
public final class LoopbackPorts {
    private LoopbackPorts() {}

    /** A port that was free on {@code address} a moment ago (the usual bind-then-close race applies). */
    public static int freePort(String address) {
        requireLoopback(address);
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + address, e);
        }
    }

    static String requireLoopback(String address) {
        if (address == null || !address.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("address must be in 127.0.0.0/8, got " + address);
        }
        return address;
    }
}
