package io.nvo3.bgp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out loopback addresses and free ports for test peers. Linux routes all of 127.0.0.0/8 to
 * {@code lo}, so each peer gets its own address without any configuration; ports are probed by
 * binding. Start offset is random so parallel test JVMs rarely pick the same address.
 */
public final class Loopback {
    private static final AtomicInteger NEXT =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 200) * 256);

    private Loopback() {}

    /** A fresh address in 127.1.0.0 – 127.1.255.254 (never 127.0.0.1, which system services use). */
    public static String address() {
        int n = NEXT.getAndIncrement() % (256 * 254);
        return "127.1." + (n / 254) + "." + (n % 254 + 1);
    }

    /** A TCP port currently free on {@code address}. */
    public static int freePort(String address) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A router id in the management range 198.19.0.0/16 (an identifier, never an endpoint). */
    private static final AtomicInteger ROUTER_IDS = new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 100) * 256);

    /**
     * A fresh router id in 198.19.128.1 – 198.19.255.254 (management range; an identifier, never an
     * endpoint), distinct per call in this JVM.
     */
    public static String routerId() {
        int n = ROUTER_IDS.getAndIncrement() % (128 * 254);
        return "198.19." + (128 + n / 254) + "." + (n % 254 + 1);
    }
}
