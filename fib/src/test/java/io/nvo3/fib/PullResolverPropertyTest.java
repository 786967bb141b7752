package io.nvo3.fib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.VirtualNetwork;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link PullResolver} (built once per input, NVE and VN) against the per-call computation it replaces
 * ({@link Pull#resolveByView}): the same answer, or the same refusal, for every query on every NVE and VN of random
 * inputs (the engine property test's universe: modes, suspended ports, address pairs, BGP MACs, redirects).
 */
class PullResolverPropertyTest {
    private static final List<String> NVE_IDS = List.of("n1", "n2", "n3", "n4", "nx");
    private static final List<String> VN_IDS = List.of("a", "b", "c", "zz");
    private static final List<String> IPS = List.of("0.0.0.0", "203.0.113.1", "203.0.113.2", "203.0.113.3",
            "198.51.100.1");

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void resolverAnswersExactlyAsThePerCallComputation(@ForAll("changes") List<FibChange> changes,
                                                       @ForAll("modes") List<FibMode> modes,
                                                       @ForAll("policies") PullPolicy policy) {
        FibInput input = FibEnginePropertyTest.START;
        for (FibChange change : changes) {
            try {
                input = input.apply(change);
            } catch (FibInputException e) {
                // refused changes leave the input as it was
            }
        }
        // Most VNs then pull (or are hybrid), so that the on-demand answers are common, not a corner case.
        for (int i = 0; i < modes.size(); i++) {
            VirtualNetwork vn = input.virtualNetworks().get(VN_IDS.get(i));
            if (vn != null) {
                input = input.apply(new FibChange.VnUpserted(vn.withMode(modes.get(i))));
            }
        }
        List<PullQuery> queries = queries();
        for (String nve : NVE_IDS) {
            for (String vn : VN_IDS) {
                PullResolver resolver;
                try {
                    resolver = Pull.resolver(input, nve, vn);
                } catch (FibInputException e) {
                    FibInput in = input;
                    assertThatThrownBy(() -> Pull.resolveByView(in, nve, vn, queries.getFirst(), policy))
                            .isInstanceOf(FibInputException.class).hasMessage(e.getMessage());
                    Statistics.label("resolver").collect("refused");
                    continue;
                }
                assertThat(resolver.input()).isSameAs(input);
                for (PullQuery q : queries) {
                    PullResult expected = Pull.resolveByView(input, nve, vn, q, policy);
                    Statistics.label("answer").collect(kind(expected));
                    assertThat(resolver.resolve(q, policy)).as("%s on %s in %s", q, nve, vn).isEqualTo(expected);
                    assertThat(Pull.resolve(input, nve, vn, q, policy)).isEqualTo(expected);
                }
            }
        }
    }

    private static String kind(PullResult r) {
        return switch (r) {
            case PullResult.Forward f when !f.install().isEmpty() -> "Forward, pulled entry";
            case PullResult.Forward f when f.packetOut().size() > 1 -> "Forward, tunnel (pushed or redirect)";
            case PullResult.Forward f -> "Forward, local";
            case PullResult.Drop d when d.reason().contains("no forwarding port") -> "Drop, no local port";
            case PullResult.Drop d when d.reason().contains("suspended") -> "Drop, suspended";
            case PullResult.Drop d -> "Drop, unknown";
            case PullResult.ArpReply a -> "ArpReply";
            case PullResult.Flood f -> "Flood";
        };
    }

    private static List<PullQuery> queries() {
        List<PullQuery> out = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            out.add(new PullQuery.UnicastMiss(Topo.mac(n)));
        }
        out.add(new PullQuery.UnicastMiss(MacAddress.BROADCAST));
        out.add(new PullQuery.UnicastMiss(MacAddress.parse("01:00:5e:00:00:01")));
        for (int sender = 1; sender <= 2; sender++) {
            for (String senderIp : IPS) {
                for (String targetIp : IPS) {
                    out.add(new PullQuery.ArpRequest(Topo.mac(sender), v4(senderIp), v4(targetIp)));
                }
            }
        }
        return out;
    }

    private static Inet4Address v4(String text) {
        return IpAddresses.parseV4(text);
    }

    @Provide
    Arbitrary<List<FibChange>> changes() {
        return new FibEnginePropertyTest().changes();
    }

    @Provide
    Arbitrary<List<FibMode>> modes() {
        return Arbitraries.frequency(Tuple.of(1, FibMode.PUSH), Tuple.of(3, FibMode.PULL), Tuple.of(2, FibMode.HYBRID))
                .list().ofSize(3);
    }

    @Provide
    Arbitrary<PullPolicy> policies() {
        return Arbitraries.of(PullPolicy.DEFAULT, new PullPolicy(7, PullPolicy.Unknown.DROP),
                new PullPolicy(1, PullPolicy.Unknown.FLOOD));
    }
}
