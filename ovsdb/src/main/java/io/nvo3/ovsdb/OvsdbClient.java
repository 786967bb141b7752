package io.nvo3.ovsdb;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Active connections to an ovsdb-server: {@code tcp:HOST:PORT} or {@code unix:PATH} (JDK unix domain sockets
 * through Netty's NIO transport; no native library needed).
 */
public final class OvsdbClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final OvsdbOptions options;

    private OvsdbClient(EventLoopGroup group, boolean ownGroup, OvsdbOptions options) {
        this.group = group;
        this.ownGroup = ownGroup;
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A client with its own one-thread NIO event loop group, released by {@link #close()}. */
    public static OvsdbClient create(OvsdbOptions options) {
        return new OvsdbClient(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), true, options);
    }

    /** A client on a caller-owned NIO event loop group. */
    public static OvsdbClient create(EventLoopGroup group, OvsdbOptions options) {
        return new OvsdbClient(group, false, options);
    }

    /** Connects to a TCP address or a {@link UnixDomainSocketAddress}. */
    public CompletableFuture<OvsdbConnection> connect(SocketAddress address) {
        Objects.requireNonNull(address, "address");
        Class<? extends Channel> type;
        if (address instanceof InetSocketAddress) {
            type = NioSocketChannel.class;
        } else if (address instanceof UnixDomainSocketAddress) {
            type = NioDomainSocketChannel.class;
        } else {
            throw new IllegalArgumentException("unsupported address type: " + address.getClass().getName());
        }
        CompletableFuture<OvsdbConnection> ready = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(group).channel(type)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        options.requestTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        OvsdbPipeline.install(ch, options, null, ready);
                    }
                });
        if (address instanceof InetSocketAddress) {
            b.option(ChannelOption.TCP_NODELAY, true);
        }
        ChannelFuture cf = b.connect(address);
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                ready.completeExceptionally(new OvsdbException.Closed("connect to " + address + " failed: "
                        + f.cause()));
            }
        });
        return ready;
    }

    /**
     * Parses an OVS connection method: {@code tcp:IP:PORT} (IPv6 in brackets) or {@code unix:PATH}, as in
     * {@code ovs-vsctl --db=...}.
     */
    public static SocketAddress parseTarget(String target) {
        if (target.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(Path.of(target.substring(5)));
        }
        if (target.startsWith("tcp:")) {
            String rest = target.substring(4);
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("tcp target needs HOST:PORT: " + target);
            }
            String host = rest.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = Integer.parseInt(rest.substring(colon + 1));
            return new InetSocketAddress(host, port);
        }
        throw new IllegalArgumentException("unsupported OVSDB target (tcp: or unix:): " + target);
    }

    @Override
    public void close() {
        if (ownGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
