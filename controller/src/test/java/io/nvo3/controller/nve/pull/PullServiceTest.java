package io.nvo3.controller.nve.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nvo3.controller.fibwiring.FibWiring;
import io.nvo3.fib.PullQuery;
import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.model.FibPolicy;
import io.nvo3.model.FixedIp;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.TenantSystemState;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.FlowRemoved;
import io.nvo3.openflow.message.MeterMod;
import io.nvo3.openflow.meter.MeterBand;
import io.nvo3.openflow.message.PacketIn;
import io.nvo3.openflow.message.PacketOut;
import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PullServiceTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final MacAddress A = MacAddress.parse("fa:16:3e:00:00:0a");
    static final MacAddress B = MacAddress.parse("fa:16:3e:00:00:0b");

    final FibWiring fib = new FibWiring();
    final AtomicLong ticker = new AtomicLong();
    PullService pull;

    static Port port(String id, String mac, String ip, String nve) {
        return new Port(id, "p1", "n1", "", "", mac, true, "", "", List.of(new FixedIp("s1", ip)), List.of(),
                List.of(), true, nve, Map.of(), nve, TenantSystemState.RUNNING, null, T, T, 1);
    }

    void setUp(FibPolicy.Mode mode, PullService.Options options) {
        fib.nveUp(new Nve("hv1", (Inet4Address) IpAddresses.parse("198.18.0.1"), 10));
        fib.nveUp(new Nve("hv2", (Inet4Address) IpAddresses.parse("198.18.0.2"), 10));
        fib.network(new Network("n1", "p1", "n", "", true, false, 1450, 100, true, T, T, 0)
                .withFibPolicy(FibPolicy.DEFAULT.withMode(mode), T));
        fib.port(port("a", A.toString(), "203.0.113.10", "hv1"));
        fib.port(port("b", B.toString(), "203.0.113.11", "hv2"));
        fib.binding("a", Optional.of(new TsLocation.Bound("hv1", 5)));
        fib.binding("b", Optional.of(new TsLocation.Bound("hv2", 6)));
        pull = new PullService(options, fib::input, new SimpleMeterRegistry(), ticker::get);
    }

    @AfterEach
    void close() {
        if (pull != null) {
            pull.close();
        }
    }

    long missCookie(String systemId, String subject) {
        return fib.state(systemId).orElseThrow().flows().values().stream().map(f -> f.cookie())
                .filter(c -> CookieTrace.decode(c).map(t -> t.rule() == RuleKind.PULL_MISS).orElse(false))
                .filter(c -> fib.state(systemId).orElseThrow().trace(c).map(t -> t.toString().contains(subject))
                        .orElse(true))
                .findFirst().orElseThrow();
    }

    static byte[] ethernet(MacAddress dst, MacAddress src) {
        byte[] f = new byte[60];
        System.arraycopy(dst.bytes(), 0, f, 0, 6);
        System.arraycopy(src.bytes(), 0, f, 6, 6);
        f[12] = 0x08; // IPv4
        return f;
    }

    static PacketIn packetIn(long cookie, long inPort, byte[] frame) {
        return new PacketIn(0, PacketIn.OFP_NO_BUFFER, frame.length, 1, 40, cookie, Match.of(Oxm.inPort(inPort)),
                Bytes.of(frame));
    }

    @Test
    void aMissInAPullVnInstallsTheEntryWithAnIdleTimeoutThenSendsTheFrameOn() {
        setUp(FibPolicy.Mode.PULL, PullService.Options.defaults());
        RecordingConnection hv1 = new RecordingConnection(1);
        pull.attach("hv1", hv1);
        pull.inputChanged();
        pull.packetIn(hv1, packetIn(missCookie("hv1", "L2 miss"), 5, ethernet(B, A)));
        await().atMost(Duration.ofSeconds(5)).until(() -> hv1.sent(PacketOut.class).size() == 1);

        FlowMod add = hv1.sent(FlowMod.class).getFirst();
        assertThat(add.idleTimeout()).isEqualTo(60);
        assertThat(add.flags() & FlowMod.OFPFF_SEND_FLOW_REM).isEqualTo(FlowMod.OFPFF_SEND_FLOW_REM);
        assertThat(CookieTrace.isPulled(add.cookie())).isTrue();
        PacketOut out = hv1.sent(PacketOut.class).getFirst();
        assertThat(out.inPort()).isEqualTo(5);
        assertThat(out.actions()).contains(Action.Output.to(10)); // the tunnel port, towards hv2's VTEP
        assertThat(hv1.sent.indexOf(add)).isLessThan(hv1.sent.indexOf(out));
        assertThat(pull.stats("hv1").pulledFlowsHeld()).isEqualTo(1);

        // Idle timeout: the switch reports the entry removed; it is no longer tracked.
        pull.flowRemoved(hv1, new FlowRemoved(0, add.cookie(), add.priority(), 0, add.tableId(), 60, 0,
                add.idleTimeout(), 0, 1, 60, add.match()));
        assertThat(pull.stats("hv1").pulledFlowsHeld()).isZero();
    }

    @Test
    void attachingAnNveInstallsTheControllerMeterThatCutsAPuntStormAtTheHypervisor() {
        setUp(FibPolicy.Mode.PULL, PullService.Options.defaults().withSwitchMeter(500));
        RecordingConnection hv1 = new RecordingConnection(1);
        pull.attach("hv1", hv1);
        List<MeterMod> mods = hv1.sent(MeterMod.class);
        assertThat(mods).extracting(MeterMod::command).containsExactly(MeterMod.OFPMC_DELETE, MeterMod.OFPMC_ADD);
        assertThat(mods).allMatch(m -> m.meterId() == 0xfffffffeL);
        assertThat(mods.getLast().flags() & MeterMod.OFPMF_PKTPS).isNotZero();
        assertThat(mods.getLast().bands()).containsExactly(new MeterBand.Drop(500, 50));

        RecordingConnection hv2 = new RecordingConnection(2);
        try (PullService noMeter = new PullService(PullService.Options.defaults().withSwitchMeter(0), fib::input,
                new SimpleMeterRegistry(), ticker::get)) {
            noMeter.attach("hv2", hv2);
        }
        assertThat(hv2.sent).isEmpty();
    }

    @Test
    void anArpRequestInAPullVnIsAnsweredByTheControllerOutOfTheRequestersPort() {
        setUp(FibPolicy.Mode.PULL, PullService.Options.defaults());
        RecordingConnection hv1 = new RecordingConnection(1);
        pull.attach("hv1", hv1);
        byte[] request = Frame.arpReply(A, (Inet4Address) IpAddresses.parse("203.0.113.10"), MacAddress.BROADCAST,
                (Inet4Address) IpAddresses.parse("203.0.113.11"));
        request[21] = 1; // op = REQUEST
        java.util.Arrays.fill(request, 32, 38, (byte) 0); // tha unknown
        pull.packetIn(hv1, packetIn(missCookie("hv1", "ARP"), 5, request));
        await().atMost(Duration.ofSeconds(5)).until(() -> hv1.sent(PacketOut.class).size() == 1);

        PacketOut out = hv1.sent(PacketOut.class).getFirst();
        assertThat(out.actions()).containsExactly(new Action.Output(Action.OFPP_IN_PORT, 0));
        Frame reply = Frame.parse(out.data().toArray()).orElseThrow();
        assertThat(reply.dst()).isEqualTo(A);
        assertThat(reply.src()).isEqualTo(B);
        byte[] d = out.data().toArray();
        assertThat(d[21]).isEqualTo((byte) 2);
        assertThat(java.util.Arrays.copyOfRange(d, 28, 32)).containsExactly(203, 0, 113, 11);
        assertThat(pull.stats("hv1").arpReplies()).isEqualTo(1);
        assertThat(hv1.sent(FlowMod.class)).isEmpty();
    }

    @Test
    void aPuntStormFromOneNveIsRateLimitedAndCountedWhileAnotherNveIsStillAnswered() {
        setUp(FibPolicy.Mode.PULL, PullService.Options.defaults().withRate(100, 20));
        RecordingConnection hv1 = new RecordingConnection(1);
        RecordingConnection hv2 = new RecordingConnection(2);
        pull.attach("hv1", hv1);
        pull.attach("hv2", hv2);
        long cookie1 = missCookie("hv1", "L2 miss");
        for (int i = 0; i < 5000; i++) { // the ticker does not move: only the burst passes
            pull.packetIn(hv1, packetIn(cookie1, 5, ethernet(new MacAddress(0x02_00_00_00_10_00L + i), A)));
        }
        pull.packetIn(hv2, packetIn(missCookie("hv2", "L2 miss"), 6, ethernet(A, B)));
        await().atMost(Duration.ofSeconds(5)).until(() -> hv2.sent(PacketOut.class).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> pull.stats("hv1").handled() == 20);
        assertThat(pull.stats("hv1").droppedRateLimit()).isEqualTo(4980);
        assertThat(pull.stats("hv2").droppedRateLimit()).isZero();
        ticker.addAndGet(Duration.ofMillis(100).toNanos()); // 10 more tokens
        for (int i = 0; i < 15; i++) {
            pull.packetIn(hv1, packetIn(cookie1, 5, ethernet(B, A)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> pull.stats("hv1").handled() == 30);
        assertThat(pull.stats("hv1").droppedRateLimit()).isEqualTo(4985);
    }

    @Test
    void answersComeFromTheInputOfTheLastChangeAndNotFromAnEarlierCachedOne() {
        setUp(FibPolicy.Mode.PULL, PullService.Options.defaults());
        fib.nveUp(new Nve("hv3", (Inet4Address) IpAddresses.parse("198.18.0.3"), 10));
        RecordingConnection hv1 = new RecordingConnection(1);
        pull.attach("hv1", hv1);
        long cookie = missCookie("hv1", "L2 miss");
        Action toHv2 = new Action.SetField(Oxm.tunIpv4Dst((Inet4Address) IpAddresses.parse("198.18.0.2")));
        Action toHv3 = new Action.SetField(Oxm.tunIpv4Dst((Inet4Address) IpAddresses.parse("198.18.0.3")));
        pull.packetIn(hv1, packetIn(cookie, 5, ethernet(B, A)));
        await().atMost(Duration.ofSeconds(5)).until(() -> hv1.sent(PacketOut.class).size() == 1);
        assertThat(hv1.sent(PacketOut.class).getLast().actions()).contains(toHv2).doesNotContain(toHv3);

        fib.binding("b", Optional.of(new TsLocation.Bound("hv3", 7))); // b moved to hv3
        pull.inputChanged();
        pull.packetIn(hv1, packetIn(cookie, 5, ethernet(B, A)));
        await().atMost(Duration.ofSeconds(5)).until(() -> hv1.sent(PacketOut.class).size() == 2);
        assertThat(hv1.sent(PacketOut.class).getLast().actions()).contains(toHv3).doesNotContain(toHv2);

        fib.binding("b", Optional.empty()); // b unbound: no destination any more, flooded (policy FLOOD)
        pull.inputChanged();
        pull.packetIn(hv1, packetIn(cookie, 5, ethernet(B, A)));
        await().atMost(Duration.ofSeconds(5)).until(() -> hv1.sent(PacketOut.class).size() == 3);
        assertThat(hv1.sent(PacketOut.class).getLast().actions()).doesNotContain(toHv2, toHv3);
        assertThat(hv1.sent(FlowMod.class).stream().filter(f -> CookieTrace.isPulled(f.cookie())
                && f.command() == FlowMod.OFPFC_ADD)).hasSize(2);
    }

    @Test
    void pulledEntriesMadeStaleByAMoveAreDeleted() {
        setUp(FibPolicy.Mode.PULL, PullService.Options.defaults());
        fib.nveUp(new Nve("hv3", (Inet4Address) IpAddresses.parse("198.18.0.3"), 10));
        RecordingConnection hv1 = new RecordingConnection(1);
        pull.attach("hv1", hv1);
        pull.packetIn(hv1, packetIn(missCookie("hv1", "L2 miss"), 5, ethernet(B, A)));
        await().atMost(Duration.ofSeconds(5)).until(() -> pull.stats("hv1").pulledFlowsHeld() == 1);
        FibInput before = fib.input();
        assertThat(pull.purgeStale(before)).isZero();

        fib.binding("b", Optional.of(new TsLocation.Bound("hv3", 7))); // b moved: hv1's entry points at hv2
        assertThat(pull.purgeStale(fib.input())).isEqualTo(1);
        FlowMod delete = hv1.sent(FlowMod.class).getLast();
        assertThat(delete.command()).isEqualTo(FlowMod.OFPFC_DELETE_STRICT);
        assertThat(pull.stats("hv1").pulledFlowsHeld()).isZero();
    }

    @Test
    void framesAreParsedAndNonPullCookiesIgnored() {
        setUp(FibPolicy.Mode.PULL, PullService.Options.defaults());
        assertThat(Frame.parse(new byte[13])).isEmpty();
        assertThat(Frame.parse(ethernet(B, A)).orElseThrow().query()).isEqualTo(new PullQuery.UnicastMiss(B));
        RecordingConnection hv1 = new RecordingConnection(1);
        pull.attach("hv1", hv1);
        pull.packetIn(hv1, packetIn(0x1234, 5, ethernet(B, A)));
        await().atMost(Duration.ofSeconds(5)).until(() -> pull.stats("hv1").ignored() == 1);
        assertThat(hv1.sent(PacketOut.class)).isEmpty();
        assertThat(hv1.sent(FlowMod.class)).isEmpty();
    }
}
