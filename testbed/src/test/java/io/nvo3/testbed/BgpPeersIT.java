package io.nvo3.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GoBGP and FRR runners peer with each other on loopback and carry an EVPN MAC/IP route. */
class BgpPeersIT {
    private static final Duration T = Duration.ofSeconds(60);

    @BeforeAll
    static void removeLeftoversOfCrashedRuns() {
        Testbed.cleanupStale();
    }

    @Test
    void frrLearnsAnEvpnMacRouteThatGobgpInjects() {
        Path gobgpDir;
        Path frrDir;
        long gobgpPid;
        long frrPid;
        int gobgpPort = LoopbackPorts.freePort("127.0.0.4");
        String toml = """
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "127.0.0.2"
                    peer-as = 65010
                  [neighbors.transport.config]
                    passive-mode = true
                    local-address = "127.0.0.4"
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "l2vpn-evpn"
                """;
        try (GoBgp gobgp = GoBgp.builder(65020, "127.0.0.4").listen("127.0.0.4", gobgpPort).extraToml(toml).start();
                Frr frr = Frr.builder(65010, "127.0.0.2")
                        .routerBgp("neighbor 127.0.0.4 remote-as 65020",
                                "neighbor 127.0.0.4 port " + gobgpPort,
                                "neighbor 127.0.0.4 update-source 127.0.0.2",
                                "neighbor 127.0.0.4 disable-connected-check",
                                "neighbor 127.0.0.4 timers connect 1",
                                "address-family l2vpn evpn",
                                " neighbor 127.0.0.4 activate",
                                "exit-address-family")
                        .start()) {
            gobgpDir = gobgp.stateDir();
            frrDir = frr.stateDir();
            gobgpPid = gobgp.pid();
            frrPid = frr.pid();
            Await.until("GoBGP session with FRR established", T,
                    () -> gobgp.cli("neighbor").contains("Establ"));
            // An explicit VTEP next hop: FRR 8.4 drops the loopback one GoBGP would put there
            // ("127.0.0.4 sent martian nexthop 127.0.0.4 in MP_REACH_NLRI").
            gobgp.cli("global", "rib", "-a", "evpn", "add", "macadv", "fa:16:3e:00:00:05", "203.0.113.5",
                    "etag", "0", "label", "100", "rd", "198.18.0.1:100", "rt", "65020:100", "encap", "vxlan",
                    "nexthop", "198.18.0.1");
            Await.until("FRR to hold the MAC/IP route", T,
                    () -> frr.vtysh("show bgp l2vpn evpn").contains("fa:16:3e:00:00:05"));
            assertThat(frr.vtysh("show bgp l2vpn evpn route rd 198.18.0.1:100"))
                    .contains("203.0.113.5", "198.18.0.1", "RT:65020:100");
        }
        assertThat(gobgpDir).doesNotExist();
        assertThat(frrDir).doesNotExist();
        assertThat(ProcessHandle.of(gobgpPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.of(frrPid).filter(ProcessHandle::isAlive)).isEmpty();
    }
}
