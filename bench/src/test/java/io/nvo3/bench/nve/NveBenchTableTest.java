package io.nvo3.bench.nve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NveBenchTableTest {

    @Test
    void judgesProgrammingAgainstNineTenthsOfTheOvsOfctlRateUsingTheBetterRun() {
        // ovs-ofctl 1000 ms; warm 1100 ms = 0.91x -> met, although the cold run (3000 ms) is far slower.
        String met = NveBench.table(null, new FlowProgrammingBench.Figures(100_000, 3000, 1100, 900, 0, 1000), "0");
        assertThat(met).contains("0.33×, 0.91×").contains("≥ 0.9× (met)");
        String missed = NveBench.table(null, new FlowProgrammingBench.Figures(100_000, 3000, 1200, 900, 0, 1000), "0");
        assertThat(missed).contains("≥ 0.9× (missed)");
    }

    @Test
    void reconcileMissesItsGoalWhenItSendsAnyModOrTakesLongerThanFiveSeconds() {
        assertThat(NveBench.table(null, new FlowProgrammingBench.Figures(100, 10, 10, 4_999, 0, 10), null))
                .contains("4999 ms, 0 flow/group mods").contains("0 mods (met)");
        assertThat(NveBench.table(null, new FlowProgrammingBench.Figures(100, 10, 10, 100, 1, 10), null))
                .contains("0 mods (missed)");
        assertThat(NveBench.table(null, new FlowProgrammingBench.Figures(100, 10, 10, 5_001, 0, 10), null))
                .contains("0 mods (missed)");
    }

    @Test
    void printsPlugPercentilesAndOnlyTheRowsThatWereMeasured() {
        String t = NveBench.table(new PlugLatencyBench.Figures(500, 12.34, 56.78, 90.12), null, "0");
        assertThat(t).contains("500 plugs").contains("p50 12.3 ms, p99 56.8 ms, max 90.1 ms")
                .doesNotContain("program").doesNotContain("reconcile").contains("pinned to CPU 0");
    }
}
