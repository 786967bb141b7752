package io.nvo3.controller.mobility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.controller.model.ModelCodec;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelException;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.model.NetworkRequest;
import io.nvo3.controller.model.PortRequest;
import io.nvo3.model.FibClass;
import io.nvo3.model.FibPolicy;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.TenantSystemState;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelLifecycleTest {
    KvStore store;
    ModelService model;

    @BeforeEach
    void open() {
        store = KvStores.inMemory();
        model = ModelService.open(store, ModelConfig.defaults());
    }

    @AfterEach
    void close() {
        model.close();
        store.close();
    }

    PortRequest withHost(Port p, String host) {
        return new PortRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, host,
                null);
    }

    @Test
    void fibPolicyIsStoredInTheNetworkJsonAndSurvivesOtherUpdatesAndAReload() {
        Network n = model.createNetwork(NetworkRequest.named("p", "n"));
        assertThat(n.fibPolicy()).isEqualTo(FibPolicy.DEFAULT);
        Network pulled = model.setFibPolicy(n.id(), new FibPolicy(FibPolicy.Mode.PULL, FibPolicy.Suspended.KEEP));
        assertThat(pulled.revisionNumber()).isEqualTo(n.revisionNumber() + 1);
        Network renamed = model.updateNetwork(n.id(), new NetworkRequest(null, null, "renamed", null, null, null, null,
                null, null));
        assertThat(renamed.fibPolicy().mode()).isEqualTo(FibPolicy.Mode.PULL);
        model.close();
        model = ModelService.open(store, ModelConfig.defaults());
        assertThat(model.network(n.id()).orElseThrow().fibPolicy())
                .isEqualTo(new FibPolicy(FibPolicy.Mode.PULL, FibPolicy.Suspended.KEEP));
    }

    @Test
    void networksAndPortsStoredBeforeIssue6DecodeWithTheDefaults() {
        Network n = model.createNetwork(NetworkRequest.named("p", "n"));
        String old = new String(ModelCodec.encode(n), StandardCharsets.UTF_8).replaceAll(",\"fibPolicy\":\\{[^}]*}", "");
        assertThat(old).doesNotContain("fibPolicy");
        assertThat(ModelCodec.decode(old.getBytes(StandardCharsets.UTF_8), Network.class).fibPolicy())
                .isEqualTo(FibPolicy.DEFAULT);
        Port p = model.createPort(PortRequest.on("p", n.id()));
        String oldPort = new String(ModelCodec.encode(p), StandardCharsets.UTF_8)
                .replaceAll(",\"fibClass\":\"[A-Z_]*\",\"moves\":0,\"moveTarget\":null", "");
        assertThat(oldPort).doesNotContain("fibClass");
        Port decoded = ModelCodec.decode(oldPort.getBytes(StandardCharsets.UTF_8), Port.class);
        assertThat(decoded.fibClass()).isEqualTo(FibClass.STANDARD);
        assertThat(decoded.moves()).isZero();
        assertThat(decoded.moving()).isFalse();
    }

    @Test
    void aMoveGoesThroughMovingAndCountsOnceWhenTheTargetReportsThePort() {
        Network n = model.createNetwork(NetworkRequest.named("p", "n"));
        Port p = model.createPort(PortRequest.on("p", n.id()));
        model.portPlugged(p.id(), "hv1");
        Port moving = model.startMove(p.id(), "hv3");
        assertThat(moving.state()).isEqualTo(TenantSystemState.MOVING);
        assertThat(moving.moveTarget()).isEqualTo("hv3");
        assertThat(moving.attachedNve()).isEqualTo("hv1");
        model.portUnplugged(p.id(), "hv1");
        assertThat(model.port(p.id()).orElseThrow().state()).isEqualTo(TenantSystemState.MOVING);
        Port arrived = model.portPlugged(p.id(), "hv3").orElseThrow();
        assertThat(arrived.state()).isEqualTo(TenantSystemState.RUNNING);
        assertThat(arrived.moves()).isEqualTo(1);
        assertThat(arrived.moving()).isFalse();
        assertThat(arrived.hostId()).isEqualTo("hv3");
        assertThatThrownBy(() -> model.startMove(p.id(), "hv3")).isInstanceOf(ModelException.Conflict.class);
    }

    @Test
    void appearingAtAnotherNveWithoutAMoveRequestCountsAsAMoveButReplugDoesNot() {
        Network n = model.createNetwork(NetworkRequest.named("p", "n"));
        Port p = model.createPort(PortRequest.on("p", n.id()));
        model.portPlugged(p.id(), "hv1");
        model.portUnplugged(p.id(), "hv1");
        assertThat(model.portPlugged(p.id(), "hv1").orElseThrow().moves()).isZero();
        assertThat(model.portPlugged(p.id(), "hv2").orElseThrow().moves()).isEqualTo(1); // before leaving hv1
        model.portUnplugged(p.id(), "hv2");
        assertThat(model.portPlugged(p.id(), "hv1").orElseThrow().moves()).isEqualTo(2); // after leaving hv2
    }

    @Test
    void aChangedBindingHostIdOfARunningPortStartsAMoveThere() {
        Network n = model.createNetwork(NetworkRequest.named("p", "n"));
        Port p = model.createPort(PortRequest.on("p", n.id()));
        model.portPlugged(p.id(), "hv1");
        Port u = model.updatePort(p.id(), withHost(p, "hv2"));
        assertThat(u.state()).isEqualTo(TenantSystemState.MOVING);
        assertThat(u.moveTarget()).isEqualTo("hv2");
        assertThat(model.portPlugged(p.id(), "hv2").orElseThrow().moves()).isEqualTo(1);
    }

    @Test
    void fibClassIsSetAndKeptAcrossNeutronUpdatesAndStateChanges() {
        Network n = model.createNetwork(NetworkRequest.named("p", "n"));
        Port p = model.createPort(PortRequest.on("p", n.id()));
        assertThat(model.setFibClass(p.id(), FibClass.LATENCY_SENSITIVE).fibClass())
                .isEqualTo(FibClass.LATENCY_SENSITIVE);
        model.updatePort(p.id(), new PortRequest(null, null, null, "renamed", null, null, null, null, null, null, null,
                null, null, null, null));
        model.portPlugged(p.id(), "hv1");
        model.setState(p.id(), TenantSystemState.SUSPENDED, null);
        assertThat(model.port(p.id()).orElseThrow().fibClass()).isEqualTo(FibClass.LATENCY_SENSITIVE);
        assertThat(FibClass.parse("latency-sensitive")).isEqualTo(FibClass.LATENCY_SENSITIVE);
        assertThat(FibClass.parse("fast")).isNull();
    }
}
