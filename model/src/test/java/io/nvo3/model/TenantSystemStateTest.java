package io.nvo3.model;

import static io.nvo3.model.TenantSystemState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantSystemStateTest {
    /** The documented table (docs/tenant-system-states.md), written out independently of the enum. */
    private static final Map<TenantSystemState, Set<TenantSystemState>> LEGAL = Map.of(
            NOT_DEPLOYED, EnumSet.of(NOT_DEPLOYED, RUNNING, SHUT_OFF, OTHER),
            RUNNING, EnumSet.of(RUNNING, SUSPENDED, SHUTDOWN, SHUT_OFF, MOVING, NOT_DEPLOYED, OTHER),
            SUSPENDED, EnumSet.of(SUSPENDED, RUNNING, SHUTDOWN, SHUT_OFF, MOVING, NOT_DEPLOYED, OTHER),
            SHUTDOWN, EnumSet.of(SHUTDOWN, RUNNING, SHUT_OFF, NOT_DEPLOYED, OTHER),
            SHUT_OFF, EnumSet.of(SHUT_OFF, RUNNING, MOVING, NOT_DEPLOYED, OTHER),
            MOVING, EnumSet.of(MOVING, RUNNING, SUSPENDED, SHUT_OFF, NOT_DEPLOYED, OTHER),
            OTHER, EnumSet.allOf(TenantSystemState.class));

    static Stream<Arguments> everyPair() {
        return Stream.of(values()).flatMap(f -> Stream.of(values()).map(t -> Arguments.of(f, t, LEGAL.get(f).contains(t))));
    }

    @ParameterizedTest(name = "{0} -> {1} legal={2}")
    @MethodSource("everyPair")
    void transitionTableMatchesTheDocumentedOne(TenantSystemState from, TenantSystemState to, boolean legal) {
        assertThat(TenantSystemState.canTransition(from, to)).isEqualTo(legal);
        assertThat(from.successors().contains(to)).isEqualTo(legal);
    }

    @ParameterizedTest
    @MethodSource("states")
    void everyStateCanBecomeRunningWhenAnNveReportsIt(TenantSystemState s) {
        assertThat(canTransition(s, RUNNING)).isTrue();
        assertThat(canTransition(s, s)).isTrue();
    }

    static Stream<TenantSystemState> states() {
        return Stream.of(values());
    }

    @org.junit.jupiter.api.Test
    void aTenantSystemNeverDeployedCannotMove() {
        assertThat(canTransition(NOT_DEPLOYED, MOVING)).isFalse();
        assertThat(canTransition(NOT_DEPLOYED, SUSPENDED)).isFalse();
        assertThat(canTransition(SHUT_OFF, SUSPENDED)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void parsesTheApiSpellingCaseInsensitively() {
        assertThat(TenantSystemState.parse("shut_off")).isEqualTo(SHUT_OFF);
        assertThat(TenantSystemState.parse("RUNNING")).isEqualTo(RUNNING);
        assertThat(TenantSystemState.parse("paused")).isNull();
        assertThat(TenantSystemState.parse(null)).isNull();
    }
}
