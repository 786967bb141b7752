package io.nvo3.bench.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.LoopbackPorts;
import io.nvo3.testbed.Testbed;
import io.nvo3.testbed.Vm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The two-domain setup both figures run on: controllers A and B (iBGP AS 65000, l2vpn-evpn + rtc, on loopback
 * 127.0.0.71/.72), A with hypervisor fa1, B with fb1 and fb2, one network with the same VNI in both (default RTs),
 * one VM on every hypervisor so that each NVE holds the VN. B also lists a passive l2vpn-evpn neighbor 127.0.0.73 for
 * the {@link EvpnFeeder}.
 */
final class Federation implements AutoCloseable {
    static final int VNI = 5077;
    static final String A_BGP = "127.0.0.71";
    static final String B_BGP = "127.0.0.72";
    static final String FEEDER = "127.0.0.73";
    static final Duration UP = Duration.ofSeconds(60);

    final FedDomain a;
    final FedDomain b;
    final Hypervisor ha;
    final List<Hypervisor> bNves;
    final String netA;
    final String subnetA;
    final int bBgpPort;
    final Vm seedA;

    private Federation(FedDomain a, FedDomain b, Hypervisor ha, List<Hypervisor> bNves, String netA, String subnetA,
            int bBgpPort, Vm seedA) {
        this.a = a;
        this.b = b;
        this.ha = ha;
        this.bNves = bNves;
        this.netA = netA;
        this.subnetA = subnetA;
        this.bBgpPort = bBgpPort;
        this.seedA = seedA;
    }

    private static String neighbor(String address, int port, boolean passive, String families, String localAddress) {
        return """
                    - address: %s
                      port: %d
                      remote-as: 65000
                      families: [%s]
                      hold-time: 90
                      passive: %s
                      local-address: "%s"
                """.formatted(address, port, families, passive, localAddress);
    }

    private static String bgp(String routerId, String listen, int port, String neighbors) {
        return """
                bgp:
                  asn: 65000
                  router-id: %s
                  listen: "%s:%d"
                  neighbors:
                %s""".formatted(routerId, listen, port, neighbors);
    }

    /**
     * Starts both controllers (each under {@code taskset -c ctlCpu} when given), the three hypervisors (their OVS
     * daemons moved to {@code ovsCpu} when given) and the seed VMs; returns once A's seed MAC is a flow on both of
     * B's NVEs. On failure everything started so far is stopped.
     */
    static Federation start(Testbed tb, Path repo, String ctlCpu, String ovsCpu) throws Exception {
        String mgmt = tb.managementAddress();
        int aBgp = LoopbackPorts.freePort(A_BGP);
        int bBgp = LoopbackPorts.freePort(B_BGP);
        int feederPort = LoopbackPorts.freePort(FEEDER);
        String aYaml = bgp("198.19.0.71", A_BGP, aBgp, neighbor(B_BGP, bBgp, false, "l2vpn-evpn, rtc", A_BGP));
        String bYaml = bgp("198.19.0.72", B_BGP, bBgp, neighbor(A_BGP, aBgp, true, "l2vpn-evpn, rtc", B_BGP)
                + neighbor(FEEDER, feederPort, true, "l2vpn-evpn", B_BGP));
        FedDomain a = null;
        FedDomain b = null;
        try {
            a = FedDomain.start(repo, "a", aYaml, LoopbackPorts.freePort("127.0.0.1"), mgmt,
                    freePort(mgmt), freePort(mgmt), ctlCpu);
            b = FedDomain.start(repo, "b", bYaml, LoopbackPorts.freePort("127.0.0.1"), mgmt,
                    freePort(mgmt), freePort(mgmt), ctlCpu);
            Hypervisor ha = hypervisor(tb, "fa1", a, ovsCpu);
            Hypervisor hb1 = hypervisor(tb, "fb1", b, ovsCpu);
            Hypervisor hb2 = hypervisor(tb, "fb2", b, ovsCpu);
            String netA = a.network("fed", VNI).get("id").asText();
            String netB = b.network("fed", VNI).get("id").asText();
            String subnetA = a.subnet(netA, "203.0.113.0/24").get("id").asText();
            String subnetB = b.subnet(netB, "203.0.113.0/24").get("id").asText();
            Vm seedA = vm(a, ha, "sa1", netA, subnetA, "203.0.113.11");
            vm(b, hb1, "sb1", netB, subnetB, "203.0.113.13");
            vm(b, hb2, "sb2", netB, subnetB, "203.0.113.14");
            FedDomain fa = a;
            FedDomain fb = b;
            waitFor("BGP A<->B Established", () -> fa.neighborEstablished(B_BGP) && fb.neighborEstablished(A_BGP));
            List<Hypervisor> bNves = List.of(hb1, hb2);
            try (FlowProbe probe = new FlowProbe(bNves)) {
                probe.awaitAll(FlowProbe.mac(seedA.mac()), null, FlowProbe.ipv4(ha.vtep()),
                        fl -> fl.stream().anyMatch(MgmtFlowReader.Flow::setsTunDst), java.time.Duration.ofMillis(50), UP);
            }
            return new Federation(a, b, ha, bNves, netA, subnetA, bBgp, seedA);
        } catch (Exception | Error e) {
            if (b != null) {
                System.err.println("[b] last output:\n" + b.logTail());
                b.close();
            }
            if (a != null) {
                System.err.println("[a] last output:\n" + a.logTail());
                a.close();
            }
            throw e;
        }
    }

    /** A free TCP port on {@code address} (the testbed's management address, which is not loopback). */
    private static int freePort(String address) throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    private static Hypervisor hypervisor(Testbed tb, String name, FedDomain d, String ovsCpu) throws Exception {
        Hypervisor hv = tb.addHypervisor(name);
        if (ovsCpu != null) {
            OvsCpu.pin(hv, ovsCpu);
        }
        hv.joinController(tb.managementAddress(), d.ovsdbPort);
        hv.awaitBrInt(UP);
        return hv;
    }

    private static Vm vm(FedDomain d, Hypervisor hv, String name, String net, String subnet, String ip)
            throws InterruptedException {
        JsonNode p = d.port(net, subnet, ip);
        Vm vm = hv.addVm(name, p.get("mac_address").asText(), ip + "/24", p.get("id").asText());
        waitFor(name + " ACTIVE", () -> d.portStatus(vm.portId()).equals("ACTIVE"));
        return vm;
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + UP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + UP + " waiting for " + what);
            }
            Thread.sleep(100); // setup only, not part of any figure
        }
    }

    @Override
    public void close() throws Exception {
        try {
            b.close();
        } finally {
            a.close();
        }
    }
}
