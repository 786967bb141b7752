package io.nvo3.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.message.*;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.MultipartReplyBody;
import io.nvo3.openflow.multipart.MultipartRequestBody;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The channel against a scripted switch on loopback. */
class SwitchConnectionTest {
    private final BlockingQueue<SwitchConnection> connected = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> disconnected = new LinkedBlockingQueue<>();
    private final BlockingQueue<OfMessage> async = new LinkedBlockingQueue<>();
    private OpenFlowServer server;

    private final SwitchListener listener = new SwitchListener() {
        @Override
        public void switchConnected(SwitchConnection conn, FeaturesReply features) {
            connected.add(conn);
        }

        @Override
        public void switchDisconnected(SwitchConnection conn, String reason) {
            disconnected.add(reason);
        }

        @Override
        public void error(SwitchConnection conn, ErrorMsg error) {
            async.add(error);
        }

        @Override
        public void portStatus(SwitchConnection conn, PortStatus status) {
            async.add(status);
        }

        @Override
        public void packetIn(SwitchConnection conn, PacketIn packetIn) {
            async.add(packetIn);
        }
    };

    @BeforeEach
    void start() throws Exception {
        ConnectionConfig cfg = ConnectionConfig.defaults().withEcho(Duration.ofMillis(200), Duration.ofMillis(700));
        server = OpenFlowServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), listener, cfg);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FakeSwitch handshake(long dpid) throws Exception {
        return handshake(server, dpid);
    }

    private FakeSwitch handshake(OpenFlowServer to, long dpid) throws Exception {
        FakeSwitch sw = new FakeSwitch(to.localAddress());
        // OVS 3.1 with default protocols sends a bare HELLO with version 0x06 (golden/openflow/hello.bin).
        sw.send(new Hello(30, 6, List.of()));
        Hello ours = sw.expect(Hello.class);
        assertThat(ours.version()).isEqualTo(4);
        assertThat(ours.supports(4)).isTrue();
        FeaturesRequest fr = sw.expect(FeaturesRequest.class);
        sw.send(new FeaturesReply(fr.xid(), dpid, 0, 254, 0, 0x4f, 0));
        return sw;
    }

    @Test
    void handshakeNegotiates13AndReportsDatapathIdAndAddresses() throws Exception {
        try (FakeSwitch sw = handshake(0xa1)) {
            SwitchConnection conn = connected.poll(5, TimeUnit.SECONDS);
            assertThat(conn).isNotNull();
            assertThat(conn.datapathId()).isEqualTo(0xa1);
            assertThat(conn.remoteAddress().getPort()).isEqualTo(sw.socket.getLocalPort());
            assertThat(conn.localAddress()).isEqualTo(server.localAddress());
        }
        assertThat(disconnected.poll(5, TimeUnit.SECONDS)).isEqualTo("connection closed by switch");
    }

    @Test
    void rejectsASwitchThatOnlySpeaksOpenFlow10WithHelloFailed() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(server.localAddress())) {
            sw.sendRaw(Bytes.ofHex("01 00 0008 00000001").toArray());
            sw.expect(Hello.class);
            ErrorMsg err = sw.expect(ErrorMsg.class);
            assertThat(err.name()).isEqualTo("OFPET_HELLO_FAILED/OFPHFC_INCOMPATIBLE");
            assertThatThrownBy(sw::read).isInstanceOfAny(EOFException.class, SocketException.class);
        }
        assertThat(connected).isEmpty();
    }

    @Test
    void answersEchoRequestsWithTheSameXidAndData() throws Exception {
        try (FakeSwitch sw = handshake(1)) {
            sw.send(new EchoRequest(77, Bytes.ofHex("cafe")));
            assertThat(sw.expect(EchoReply.class)).isEqualTo(new EchoReply(77, Bytes.ofHex("cafe")));
        }
    }

    @Test
    void sendsEchoWhenIdleAndDeclaresASilentPeerDead() throws Exception {
        try (FakeSwitch sw = handshake(2)) {
            assertThat(connected.poll(5, TimeUnit.SECONDS)).isNotNull();
            EchoRequest probe = sw.expect(EchoRequest.class);
            assertThat(probe.data()).isEqualTo(Bytes.EMPTY);
            // never answer: the controller must give up after the 700 ms timeout
            String reason = disconnected.poll(5, TimeUnit.SECONDS);
            assertThat(reason).startsWith("echo timeout");
        }
    }

    @Test
    void keepsALivePeerThatAnswersEchoes() throws Exception {
        try (FakeSwitch sw = handshake(3)) {
            long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            int answered = 0;
            while (System.nanoTime() < end) {
                EchoRequest probe = sw.expect(EchoRequest.class);
                sw.send(new EchoReply(probe.xid(), probe.data()));
                answered++;
            }
            assertThat(answered).isGreaterThanOrEqualTo(2);
            assertThat(disconnected).isEmpty();
        }
    }

    @Test
    void reassemblesMultipartRepliesFlaggedMore() throws Exception {
        try (FakeSwitch sw = handshake(4)) {
            SwitchConnection conn = connected.poll(5, TimeUnit.SECONDS);
            CompletableFuture<MultipartReplyBody> f = conn.multipart(MultipartRequestBody.Flow.all());
            MultipartRequest req = sw.expect(MultipartRequest.class);
            List<FlowStats> part1 = List.of(stats(1), stats(2));
            List<FlowStats> part2 = List.of(stats(3));
            sw.send(new MultipartReply(req.xid(), MultipartReply.OFPMPF_REPLY_MORE, new MultipartReplyBody.Flow(part1)));
            assertThat(f).isNotDone();
            sw.send(new MultipartReply(req.xid(), 0, new MultipartReplyBody.Flow(part2)));
            assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo(new MultipartReplyBody.Flow(List.of(stats(1), stats(2),
                    stats(3))));
        }
    }

    @Test
    void requestFailsWithTheDecodedSwitchError() throws Exception {
        try (FakeSwitch sw = handshake(5)) {
            SwitchConnection conn = connected.poll(5, TimeUnit.SECONDS);
            CompletableFuture<OfMessage> f = conn.request(new RoleRequest(0, RoleRequest.OFPCR_ROLE_MASTER, 1));
            RoleRequest rr = sw.expect(RoleRequest.class);
            sw.send(ErrorMsg.of(rr.xid(), 11, 0, Bytes.EMPTY));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(OpenFlowErrorException.class)
                    .hasMessageContaining("OFPET_ROLE_REQUEST_FAILED/OFPRRFC_STALE");
        }
    }

    @Test
    void refusesToWaitForAReplyThatNeverComes() throws Exception {
        try (FakeSwitch sw = handshake(12)) {
            SwitchConnection conn = connected.poll(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> conn.request(FlowMod.add(0, 1, 0, Match.ALL, List.of())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use send()");
        }
    }

    @Test
    void deliversUnsolicitedErrorsAndPacketInsToTheListener() throws Exception {
        try (FakeSwitch sw = handshake(6)) {
            SwitchConnection conn = connected.poll(5, TimeUnit.SECONDS);
            int xid = conn.send(FlowMod.add(0, 1, 0, Match.ALL, List.of()));
            sw.expect(FlowMod.class);
            sw.send(ErrorMsg.of(xid, ErrorCodes.OFPET_BAD_MATCH, ErrorCodes.OFPBMC_BAD_PREREQ, Bytes.EMPTY));
            sw.send(new PacketIn(0, PacketIn.OFP_NO_BUFFER, 4, 0, 20, 7, Match.of(Oxm.inPort(3)), Bytes.ofHex("01020304")));
            assertThat(((ErrorMsg) async.poll(5, TimeUnit.SECONDS)).name()).isEqualTo("OFPET_BAD_MATCH/OFPBMC_BAD_PREREQ");
            assertThat(async.poll(5, TimeUnit.SECONDS)).isInstanceOf(PacketIn.class);
        }
    }

    @Test
    void answersACorruptMessageWithAnErrorAndKeepsTheSession() throws Exception {
        try (FakeSwitch sw = handshake(7)) {
            assertThat(connected.poll(5, TimeUnit.SECONDS)).isNotNull();
            // FEATURES_REPLY of 12 bytes: body truncated
            sw.sendRaw(Bytes.ofHex("04 06 000c 00000063 00000000").toArray());
            ErrorMsg err = sw.expect(ErrorMsg.class);
            assertThat(err.name()).isEqualTo("OFPET_BAD_REQUEST/OFPBRC_BAD_LEN");
            assertThat(err.xid()).isEqualTo(0x63);
            sw.send(new EchoRequest(5, Bytes.EMPTY));
            assertThat(sw.expect(EchoReply.class).xid()).isEqualTo(5);
        }
    }

    @Test
    void bundleOpensAddsWithOwnXidsAndCommits() throws Exception {
        try (FakeSwitch sw = handshake(8)) {
            SwitchConnection conn = connected.poll(5, TimeUnit.SECONDS);
            List<FlowMod> flows = List.of(flow(1), flow(2), flow(3));
            CompletableFuture<Void> done = conn.sendBundle(flows);
            BundleControl open = sw.expect(BundleControl.class);
            assertThat(open.ctrlType()).isEqualTo(BundleControl.OPEN_REQUEST);
            assertThat(open.flags()).isEqualTo(BundleControl.OFPBF_ATOMIC | BundleControl.OFPBF_ORDERED);
            sw.send(new BundleControl(open.xid(), open.bundleId(), BundleControl.OPEN_REPLY, 0, Bytes.EMPTY));
            List<FlowMod> added = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                BundleAdd add = sw.expect(BundleAdd.class);
                assertThat(add.bundleId()).isEqualTo(open.bundleId());
                assertThat(add.message().xid()).isEqualTo(add.xid());
                added.add((FlowMod) add.message());
            }
            assertThat(added).extracting(FlowMod::priority).containsExactly(1, 2, 3);
            BarrierRequest b = sw.expect(BarrierRequest.class);
            assertThat(done).isNotDone();
            sw.send(new BarrierReply(b.xid()));
            BundleControl commit = sw.expect(BundleControl.class);
            assertThat(commit.ctrlType()).isEqualTo(BundleControl.COMMIT_REQUEST);
            assertThat(done).isNotDone();
            sw.send(new BundleControl(commit.xid(), commit.bundleId(), BundleControl.COMMIT_REPLY, 0, Bytes.EMPTY));
            done.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void bundleWithARejectedMessageIsDiscardedAndFailsWithThatError() throws Exception {
        try (FakeSwitch sw = handshake(9)) {
            SwitchConnection conn = connected.poll(5, TimeUnit.SECONDS);
            CompletableFuture<Void> done = conn.sendBundle(List.of(flow(1), flow(2)));
            BundleControl open = sw.expect(BundleControl.class);
            sw.send(new BundleControl(open.xid(), open.bundleId(), BundleControl.OPEN_REPLY, 0, Bytes.EMPTY));
            sw.expect(BundleAdd.class);
            BundleAdd second = sw.expect(BundleAdd.class);
            sw.send(ErrorMsg.of(second.xid(), ErrorCodes.OFPET_BAD_MATCH, ErrorCodes.OFPBMC_BAD_PREREQ, Bytes.EMPTY));
            sw.send(new BarrierReply(sw.expect(BarrierRequest.class).xid()));
            BundleControl discard = sw.expect(BundleControl.class);
            assertThat(discard.ctrlType()).isEqualTo(BundleControl.DISCARD_REQUEST);
            assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(OpenFlowErrorException.class)
                    .hasMessageContaining("OFPET_BAD_MATCH/OFPBMC_BAD_PREREQ");
            assertThat(async).as("bundle errors are not reported as unsolicited").isEmpty();
        }
    }

    @Test
    void pipelinedBundlesSendAllAddsAtOnceCommitInOrderAndDiscardTheRestAfterARejection() throws Exception {
        try (FakeSwitch sw = handshake(10)) {
            SwitchConnection conn = connected.poll(5, TimeUnit.SECONDS);
            CompletableFuture<Void> done =
                    conn.sendBundles(List.of(List.of(flow(1)), List.of(flow(2)), List.of(flow(3))));
            // Everything goes out before any reply: open, add, barrier for each bundle.
            BundleControl[] opens = new BundleControl[3];
            BarrierRequest[] barriers = new BarrierRequest[3];
            for (int i = 0; i < 3; i++) {
                opens[i] = sw.expect(BundleControl.class);
                assertThat(opens[i].ctrlType()).isEqualTo(BundleControl.OPEN_REQUEST);
                BundleAdd add = sw.expect(BundleAdd.class);
                assertThat(add.bundleId()).isEqualTo(opens[i].bundleId());
                assertThat(((FlowMod) add.message()).priority()).isEqualTo(i + 1);
                barriers[i] = sw.expect(BarrierRequest.class);
            }
            for (int i = 0; i < 3; i++) {
                sw.send(new BundleControl(opens[i].xid(), opens[i].bundleId(), BundleControl.OPEN_REPLY, 0,
                        Bytes.EMPTY));
            }
            sw.send(new BarrierReply(barriers[0].xid()));
            BundleControl commit = sw.expect(BundleControl.class);
            assertThat(commit.ctrlType()).isEqualTo(BundleControl.COMMIT_REQUEST);
            assertThat(commit.bundleId()).isEqualTo(opens[0].bundleId());
            // The second bundle's add is rejected: it is discarded, and so is the third, never committed.
            sw.send(ErrorMsg.of(barriers[1].xid() - 1, ErrorCodes.OFPET_BAD_MATCH, ErrorCodes.OFPBMC_BAD_PREREQ,
                    Bytes.EMPTY));
            sw.send(new BarrierReply(barriers[1].xid()));
            sw.send(new BarrierReply(barriers[2].xid()));
            assertThat(done).isNotDone();
            sw.send(new BundleControl(commit.xid(), commit.bundleId(), BundleControl.COMMIT_REPLY, 0, Bytes.EMPTY));
            BundleControl discard2 = sw.expect(BundleControl.class);
            BundleControl discard3 = sw.expect(BundleControl.class);
            assertThat(List.of(discard2, discard3)).extracting(BundleControl::ctrlType)
                    .containsOnly(BundleControl.DISCARD_REQUEST);
            assertThat(List.of(discard2, discard3)).extracting(BundleControl::bundleId)
                    .containsExactly(opens[1].bundleId(), opens[2].bundleId());
            assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(OpenFlowErrorException.class)
                    .hasMessageContaining("OFPET_BAD_MATCH/OFPBMC_BAD_PREREQ");
        }
    }

    @Test
    void bulkSendStopsAtTheWriteBufferBoundUntilTheSwitchReadsThenDeliversAllInOrder() throws Exception {
        // default echo timing: the 700 ms of the other tests would (rightly) declare this silent switch dead
        try (OpenFlowServer patient = OpenFlowServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                listener, ConnectionConfig.defaults()); FakeSwitch sw = handshake(patient, 11)) {
            SwitchConnection conn = connected.poll(5, TimeUnit.SECONDS);
            int n = 100_000;
            List<FlowMod> flows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                flows.add(FlowMod.add(0, 1, i, Match.of(Oxm.metadata(i)), List.of(new Instruction.GotoTable(1))));
            }
            int first = conn.sendAll(flows);
            // the switch reads nothing yet: once the socket buffers (64 KiB receive, at most 4 MiB send) and the
            // 1 MiB high water mark are full, the rest of the 100k x 88 bytes = 8.8 MB stays queued in the
            // connection instead of piling up in Netty's outbound buffer
            int[] last = {-1};
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
                int q = conn.queuedMessages();
                boolean settled = q == last[0] && q < n;
                last[0] = q;
                return settled;
            });
            assertThat(conn.queuedMessages()).isGreaterThan(n / 5);
            for (int i = 0; i < n; i++) {
                FlowMod m = sw.expect(FlowMod.class);
                assertThat(m.cookie()).isEqualTo(i);
                assertThat(m.xid()).isEqualTo(first + i);
            }
            assertThat(conn.queuedMessages()).isZero();
        }
    }

    @Test
    void pendingRequestsFailWhenTheSwitchGoesAway() throws Exception {
        CompletableFuture<Void> barrier;
        try (FakeSwitch sw = handshake(10)) {
            SwitchConnection conn = connected.poll(5, TimeUnit.SECONDS);
            barrier = conn.barrier();
            sw.expect(BarrierRequest.class);
        }
        await().atMost(Duration.ofSeconds(5)).until(barrier::isDone);
        assertThatThrownBy(barrier::get).cause().isInstanceOf(ConnectionClosedException.class);
    }

    private static FlowStats stats(int prio) {
        return new FlowStats(0, 1, 2, prio, 0, 0, 0, prio, 0, 0, Match.of(Oxm.inPort(prio)),
                List.of(Instruction.ApplyActions.of()));
    }

    private static FlowMod flow(int prio) {
        return FlowMod.add(0, prio, prio, Match.of(Oxm.inPort(prio)), List.of(new Instruction.GotoTable(1)));
    }
}
