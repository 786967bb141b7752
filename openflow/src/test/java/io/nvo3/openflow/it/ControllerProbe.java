package io.nvo3.openflow.it;

import io.nvo3.openflow.channel.ConnectionConfig;
import io.nvo3.openflow.channel.OpenFlowServer;
import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.channel.SwitchListener;
import io.nvo3.openflow.message.ErrorMsg;
import io.nvo3.openflow.message.FeaturesReply;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** An OpenFlowServer on a loopback port that records the first switch and unsolicited errors. */
final class ControllerProbe implements SwitchListener, AutoCloseable {
    final CompletableFuture<SwitchConnection> connection = new CompletableFuture<>();
    final List<ErrorMsg> errors = new CopyOnWriteArrayList<>();
    final OpenFlowServer server;

    ControllerProbe(int port) throws InterruptedException {
        server = OpenFlowServer.start(new InetSocketAddress("127.0.0.1", port), this, ConnectionConfig.defaults());
    }

    int port() {
        return server.localAddress().getPort();
    }

    @Override
    public void switchConnected(SwitchConnection conn, FeaturesReply features) {
        connection.complete(conn);
    }

    @Override
    public void switchDisconnected(SwitchConnection conn, String reason) {}

    @Override
    public void error(SwitchConnection conn, ErrorMsg error) {
        errors.add(error);
    }

    @Override
    public void close() {
        server.close();
    }
}
