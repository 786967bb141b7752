package io.nvo3.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.controller.mobility.LifecycleOptions;
import io.nvo3.fib.PullPolicy;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final ConfigLoader.Flags NO_FLAGS = new ConfigLoader.Flags(null, null, null, null, null, null);

    @TempDir
    Path dir;

    @Test
    void usesTheDocumentedDefaultsWithoutFileOrFlags() {
        ControllerConfig c = ConfigLoader.load(null, NO_FLAGS);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.api()).isEqualTo(new HostPort("127.0.0.1", 9696));
        assertThat(c.openflow()).isEqualTo(new HostPort("0.0.0.0", 6653));
        assertThat(c.ovsdb()).isEqualTo(new HostPort("0.0.0.0", 6640));
        assertThat(c.tokenFile()).isNull();
        assertThat(c.vniMin()).isEqualTo(1000);
        assertThat(c.vniMax()).isEqualTo(16_777_215);
    }

    @Test
    void readsEveryFlagFromItsKeyAndFlagsWin() throws IOException {
        Path f = write("""
                data-dir: /var/lib/nvo3
                api: 127.0.0.1:19696
                openflow: 127.0.0.1:16653
                ovsdb: "[::1]:16640"
                token-file: /etc/nvo3/tokens
                vni-range: 5000:6000
                store-fsync: false
                bgp:
                  asn: 65001
                  router-id: 198.19.0.254
                """);
        ControllerConfig fromFile = ConfigLoader.load(f, NO_FLAGS);
        assertThat(fromFile.dataDir()).isEqualTo(Path.of("/var/lib/nvo3"));
        assertThat(fromFile.api().port()).isEqualTo(19696);
        assertThat(fromFile.openflow().port()).isEqualTo(16653);
        assertThat(fromFile.ovsdb()).isEqualTo(new HostPort("::1", 16640));
        assertThat(fromFile.tokenFile()).isEqualTo(Path.of("/etc/nvo3/tokens"));
        assertThat(fromFile.vniMin()).isEqualTo(5000);
        assertThat(fromFile.storeFsync()).isFalse();
        assertThat(ConfigLoader.load(null, NO_FLAGS).storeFsync()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.load(null, new ConfigLoader.Flags(null, null, null, null, null, null, "yes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--store-fsync");
        assertThat(fromFile.bgp().path("asn").asInt()).isEqualTo(65001);

        ControllerConfig flagged = ConfigLoader.load(f,
                new ConfigLoader.Flags("/tmp/x", "127.0.0.2:1", null, null, null, "7000:8000"));
        assertThat(flagged.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(flagged.api()).isEqualTo(new HostPort("127.0.0.2", 1));
        assertThat(flagged.openflow().port()).isEqualTo(16653);
        assertThat(flagged.vniMin()).isEqualTo(7000);
    }

    @Test
    void rejectsAnUnknownKeyByName() throws IOException {
        Path f = write("apii: 127.0.0.1:1\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key apii");
    }

    @Test
    void rejectsInvalidYamlWithItsLine() throws IOException {
        Path f = write("api: 127.0.0.1:1\n  - : [\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML").hasMessageContaining("line");
    }

    @Test
    void rejectsBadAddressesNamingTheFlagOrKey() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(null, new ConfigLoader.Flags(null, "localhost", null, null, null, null)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--api").hasMessageContaining("HOST:PORT");
        Path f = write("openflow: 0.0.0.0:99999\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("openflow").hasMessageContaining("outside 0-65535");
    }

    @Test
    void rejectsAnImpossibleVniRange() {
        assertThatThrownBy(() -> ConfigLoader.load(null, new ConfigLoader.Flags(null, null, null, null, null, "9:3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--vni-range");
        assertThatThrownBy(() -> ConfigLoader.load(null, new ConfigLoader.Flags(null, null, null, null, null, "1:16777216")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("16777215");
    }

    @Test
    void aBadBgpSectionFailsAtLoadNamingTheKeyPath() throws IOException {
        Path f = write("""
                bgp:
                  asn: 65001
                  router-id: 198.19.0.254
                  neighbors:
                    - address: 127.0.0.2
                      remote-as: 65001
                      families: [evpn]
                """);
        assertThatThrownBy(() -> ConfigLoader.load(f, NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bgp.neighbors[0].families")
                .hasMessageContaining("evpn");
    }

    @Test
    void theLifecycleSectionSetsGraceTimeAndPullProtection() throws IOException {
        Path f = write("""
                lifecycle:
                  grace-time: 5
                  pull:
                    idle-timeout: 20
                    unknown: drop
                    packet-in-rate: 300
                    packet-in-burst: 40
                    switch-meter-pps: 0
                """);
        LifecycleOptions l = ConfigLoader.load(f, NO_FLAGS).lifecycle();
        assertThat(l.grace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(l.pull().policy()).isEqualTo(new PullPolicy(20, PullPolicy.Unknown.DROP));
        assertThat(l.pull().ratePerSecond()).isEqualTo(300);
        assertThat(l.pull().burst()).isEqualTo(40);
        assertThat(l.pull().switchMeterPps()).isZero();

        LifecycleOptions defaults = ConfigLoader.load(null, NO_FLAGS).lifecycle();
        assertThat(defaults.grace()).isEqualTo(LifecycleOptions.defaults().grace());
        assertThat(defaults.pull()).isEqualTo(LifecycleOptions.defaults().pull());
        // Only what is given changes.
        LifecycleOptions graceOnly = ConfigLoader.load(write("lifecycle: {grace-time: 0}"), NO_FLAGS).lifecycle();
        assertThat(graceOnly.grace()).isZero();
        assertThat(graceOnly.pull()).isEqualTo(LifecycleOptions.defaults().pull());
    }

    @Test
    void aBadLifecycleSectionFailsAtLoadNamingTheKeyPath() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("lifecycle: {grace: 5}"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lifecycle: unknown key grace")
                .hasMessageContaining("grace-time");
        assertThatThrownBy(() -> ConfigLoader.load(write("lifecycle: {grace-time: -1}"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lifecycle.grace-time: -1 is outside 0-3600");
        assertThatThrownBy(() -> ConfigLoader.load(write("lifecycle: {grace-time: 30s}"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lifecycle.grace-time: '30s' is not a whole number");
        assertThatThrownBy(() -> ConfigLoader.load(write("lifecycle: {pull: {idle-timeout: 0}}"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lifecycle.pull.idle-timeout: 0 is outside 1-65535");
        assertThatThrownBy(() -> ConfigLoader.load(write("lifecycle: {pull: {unknown: learn}}"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lifecycle.pull.unknown: 'learn' is not flood or drop");
        assertThatThrownBy(() -> ConfigLoader.load(write("lifecycle: {pull: {rate: 5}}"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lifecycle.pull: unknown key rate");
        assertThatThrownBy(() -> ConfigLoader.load(write("lifecycle: [1]"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lifecycle: expected a mapping");
    }

    @Test
    void aMissingConfigFileIsOneClearError() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("nvo3.yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
