package io.nvo3.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ovsdb-server as a manager client probes an idle connection with "echo" and drops it when unanswered; with the
 * Manager's inactivity_probe at 1 s the connection only survives 4 idle seconds because we answer.
 */
class EchoKeepaliveIT {

    @Test
    void idleManagerConnectionSurvivesBecauseWeAnswerTheServersEcho() throws Exception {
        BlockingQueue<OvsdbConnection> up = new LinkedBlockingQueue<>();
        BlockingQueue<OvsdbConnection> down = new LinkedBlockingQueue<>();
        OvsdbOptions noOwnProbe = OvsdbOptions.defaults().withInactivityProbe(Duration.ZERO);
        try (OvsdbServer server = OvsdbServer.start(new InetSocketAddress("127.0.0.1", 0), noOwnProbe,
                new ConnectionListener() {
                    @Override
                    public void connected(OvsdbConnection c) {
                        up.add(c);
                    }

                    @Override
                    public void disconnected(OvsdbConnection c) {
                        down.add(c);
                    }
                });
             OvsdbServerProcess ovsdb = OvsdbServerProcess.start()) {
            ovsdb.vsctl("--id=@m", "create", "Manager", "target=\"tcp:127.0.0.1:" + server.localAddress().getPort()
                    + "\"", "inactivity_probe=1000", "--", "set", "Open_vSwitch", ".", "manager_options=@m");
            OvsdbConnection c = up.poll(20, TimeUnit.SECONDS);
            assertThat(c).isNotNull();
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(c::isActive);
            assertThat(down).isEmpty();
            assertThat(up).isEmpty();
            assertThat(ovsdb.vsctl("--columns=is_connected", "list", "Manager")).contains("true");
        }
    }
}
