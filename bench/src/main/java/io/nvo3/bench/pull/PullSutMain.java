package io.nvo3.bench.pull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nvo3.controller.nve.pull.PullService;
import io.nvo3.fib.PullPolicy;
import io.nvo3.fib.input.FibInput;
import io.nvo3.openflow.channel.ConnectionConfig;
import io.nvo3.openflow.channel.OpenFlowServer;
import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.channel.SwitchListener;
import io.nvo3.openflow.message.FeaturesReply;
import io.nvo3.openflow.message.PacketIn;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * nvo3's packet-in path of a pull VN as a system under test for {@link PacketInBench}: the OpenFlow server of the
 * openflow module and the controller's {@link PullService} (the code NveManager runs for a connected NVE), with the
 * NVEs and tenant systems of {@link PullLoad} standing in for what OVSDB and the model would have reported. An
 * emulated switch with datapath id N is attached as NVE {@code sim-N}. No rate limit, no switch meter.
 *
 * <pre>java ... io.nvo3.bench.pull.PullSutMain PORT SWITCHES HOSTS [WORKERS]</pre>
 */
public final class PullSutMain {
    private PullSutMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        FibInput input = PullLoad.input(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        PullService.Options options = new PullService.Options(PullPolicy.DEFAULT, 1e9, 1_000_000, 65_536, workers,
                Duration.ofSeconds(10), 0);
        PullService pull = new PullService(options, () -> input, new SimpleMeterRegistry(), System::nanoTime);
        SwitchListener listener = new SwitchListener() {
            @Override
            public void switchConnected(SwitchConnection conn, FeaturesReply features) {
                pull.attach(PullLoad.systemId(features.datapathId()), conn);
            }

            @Override
            public void switchDisconnected(SwitchConnection conn, String reason) {
                // the emulated switch left; its channel stays until the process ends
            }

            @Override
            public void packetIn(SwitchConnection conn, PacketIn packetIn) {
                pull.packetIn(conn, packetIn);
            }
        };
        try (OpenFlowServer server = OpenFlowServer.start(new InetSocketAddress("127.0.0.1", port), listener,
                ConnectionConfig.defaults())) {
            System.out.println("pull sut ready on " + server.localAddress());
            System.out.flush();
            new CountDownLatch(1).await(); // until killed
        } finally {
            pull.close();
        }
    }
}
