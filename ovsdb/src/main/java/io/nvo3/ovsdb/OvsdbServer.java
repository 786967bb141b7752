package io.nvo3.ovsdb;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens for ovsdb-servers that were told {@code ovs-vsctl set-manager tcp:HOST:PORT} (passive manager
 * connections, "ptcp" on our side). Each accepted connection becomes an {@link OvsdbConnection} on which we
 * act as the JSON-RPC client.
 */
public final class OvsdbServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean ownGroup;
    private final Channel serverChannel;
    private final Set<OvsdbConnection> connections = ConcurrentHashMap.newKeySet();

    private OvsdbServer(EventLoopGroup group, boolean ownGroup, InetSocketAddress bind, OvsdbOptions options,
                        ConnectionListener listener) throws InterruptedException {
        this.group = group;
        this.ownGroup = ownGroup;
        ConnectionListener tracking = new ConnectionListener() {
            @Override
            public void connected(OvsdbConnection c) {
                connections.add(c);
                listener.connected(c);
            }

            @Override
            public void disconnected(OvsdbConnection c) {
                connections.remove(c);
                listener.disconnected(c);
            }
        };
        this.serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        OvsdbPipeline.install(ch, options, tracking, null);
                    }
                })
                .bind(bind).sync().channel();
    }

    /** Binds {@code bind} on a private one-thread event loop group, closed with the server. */
    public static OvsdbServer start(InetSocketAddress bind, OvsdbOptions options, ConnectionListener listener)
            throws InterruptedException {
        EventLoopGroup g = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            return new OvsdbServer(g, true, bind, options, Objects.requireNonNull(listener, "listener"));
        } catch (RuntimeException | InterruptedException e) {
            g.shutdownGracefully();
            throw e;
        }
    }

    /** Binds {@code bind} on a caller-owned NIO event loop group. */
    public static OvsdbServer start(EventLoopGroup group, InetSocketAddress bind, OvsdbOptions options,
                                    ConnectionListener listener) throws InterruptedException {
        return new OvsdbServer(group, false, bind, options, Objects.requireNonNull(listener, "listener"));
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The connections currently open. */
    public Set<OvsdbConnection> connections() {
        return Set.copyOf(connections);
    }

    /** Stops listening and closes every open connection. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        connections.forEach(OvsdbConnection::close);
        connections.forEach(c -> c.closeFuture().join());
        if (ownGroup) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
