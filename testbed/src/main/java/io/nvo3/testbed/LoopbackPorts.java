package io.nvo3.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on loopback addresses (127.0.0.0/8 only: the network rule of this project). */
public final class LoopbackPorts {
    private LoopbackPorts() {}

    /** Every port handed out by this JVM, per address: a test that asks for several ports never gets one twice. */
    private static final java.util.Set<String> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port that was free on {@code address} a moment ago and that this JVM has not handed out before (the kernel
     * may offer a just-closed port again: three controllers asking for nine ports once got the same one twice). The
     * usual bind-then-close race with other processes still applies.
     */
    public static int freePort(String address) {
        requireLoopback(address);
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
                port = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + address, e);
            }
            if (HANDED_OUT.add(address + ":" + port)) {
                return port;
            }
        }
        throw new IllegalStateException("no port on " + address + " that was not handed out already (100 tries)");
    }

    static String requireLoopback(String address) {
        if (address == null || !address.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("address must be in 127.0.0.0/8, got " + address);
        }
        return address;
    }
}
