package io.nvo3.fib.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.Fib;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.fib.input.VirtualNetwork;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Flow identities of sequential MACs must hash apart: {@code Map.copyOf} probes linearly without spreading bits, so
 * near-sequential hash codes that overlap between tables made {@link NveState} construction quadratic (minutes for
 * 100k remote MACs). Guarded by the quality of the hash codes, not by a timing.
 */
class FlowKeyHashTest {
    private static final Nve HV1 = new Nve("hv1", IpAddresses.parseV4("198.18.0.1"), 1);
    private static final Nve HV2 = new Nve("hv2", IpAddresses.parseV4("198.18.0.2"), 1);

    /** One local port on hv1 and {@code remote} sequential MACs on hv2, in one VN; the distinct keys of both NVEs. */
    private static Set<FlowKey> keysOfRemoteHeavyNetwork(int remote, long firstMac) {
        List<TenantSystem> tss = new ArrayList<>();
        tss.add(new TenantSystem("local", "vn", new MacAddress(0xfa163e000001L),
                List.of(IpAddresses.parse("203.0.113.1")), List.of(), true, TsState.RUNNING,
                new TsLocation.Bound("hv1", 2)));
        for (int i = 0; i < remote; i++) {
            tss.add(new TenantSystem("r" + i, "vn", new MacAddress(firstMac + i), List.of(), List.of(), false,
                    TsState.RUNNING, new TsLocation.Bound("hv2", 10 + i)));
        }
        var states = Fib.compute(FibInput.of(List.of(HV1, HV2), List.of(new VirtualNetwork("vn", 1000)), tss, Set.of(),
                Set.of()));
        Set<FlowKey> keys = new HashSet<>();
        states.values().forEach(s -> keys.addAll(s.flows().keySet()));
        return keys;
    }

    @Test
    void hundredThousandFlowKeysOfSequentialMacsHaveNinetyPercentDistinctHashCodes() {
        Set<FlowKey> keys = keysOfRemoteHeavyNetwork(100_000, 0xfa163f000000L);

        assertThat(keys).hasSizeGreaterThanOrEqualTo(200_000);
        assertThat(distinctHashes(keys)).isGreaterThanOrEqualTo(keys.size() * 9 / 10);
        assertThat(longestProbeRun(keys)).isLessThan(64);
    }

    @Property(tries = 20)
    void flowKeysOfAnySequentialMacRangeHashApart(@ForAll @IntRange(min = 1000, max = 5000) int remote,
                                                  @ForAll long seed) {
        long firstMac = (seed & 0x00FE_FFFF_0000L) | 0x0200_0000_0000L;
        Set<FlowKey> keys = keysOfRemoteHeavyNetwork(remote, firstMac);

        assertThat(distinctHashes(keys)).isGreaterThanOrEqualTo(keys.size() * 9 / 10);
        assertThat(longestProbeRun(keys)).isLessThan(48);
    }

    @Test
    void matchesThatDifferOnlyInASequentialFieldHashApartInEveryTable() {
        List<Match> matches = new ArrayList<>();
        for (int reg = 0; reg < 4; reg++) {
            for (int i = 0; i < 25_000; i++) {
                matches.add(Match.builder().reg(0, reg).ethDst(new MacAddress(0x0200_0000_0000L + i)).build());
            }
        }

        assertThat(distinctHashes(matches)).isGreaterThanOrEqualTo(90_000);
        assertThat(longestProbeRun(matches)).isLessThan(64);
    }

    private static int distinctHashes(Collection<?> keys) {
        Set<Integer> hashes = new HashSet<>();
        keys.forEach(k -> hashes.add(k.hashCode()));
        return hashes.size();
    }

    /**
     * The longest run of occupied slots when the keys go, by linear probing, into a table twice their number rounded
     * to a power of two (what {@code ImmutableCollections.MapN} does: {@code floorMod(hash ^ SALT, length)}).
     */
    private static int longestProbeRun(Collection<?> keys) {
        int length = Integer.highestOneBit(keys.size() * 2 - 1) << 1;
        boolean[] used = new boolean[length];
        for (Object k : keys) {
            int i = Math.floorMod(k.hashCode(), length);
            while (used[i]) {
                i = (i + 1) & (length - 1);
            }
            used[i] = true;
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < 2 * length; i++) {
            run = used[i & (length - 1)] ? run + 1 : 0;
            longest = Math.max(longest, Math.min(run, length));
        }
        return longest;
    }
}
