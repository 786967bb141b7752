package io.nvo3.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.bgp.wire.extcommunities.AdministratorType;
import io.nvo3.controller.model.ModelException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RtRdSyntaxTest {
    @ParameterizedTest
    @CsvSource({
            "65001:100, AS2, 65001, 100",
            "0:0, AS2, 0, 0",
            "65535:4294967295, AS2, 65535, 4294967295",
            "4200000000:5, AS4, 4200000000, 5",
            "65536:65535, AS4, 65536, 65535",
            "198.19.0.1:5, IPV4, 3323133953, 5",
            "255.255.255.255:65535, IPV4, 4294967295, 65535"})
    void acceptsTheThreeNeutronFormsAndParsesThemToTheRightType(String s, AdministratorType type, long global,
                                                                 long local) {
        assertThat(RtRdSyntax.valid(s)).isTrue();
        var rt = RtRdSyntax.routeTarget("route_targets", s);
        assertThat(rt.type()).isEqualTo(type);
        assertThat(rt.global()).isEqualTo(global);
        assertThat(rt.local()).isEqualTo(local);
        assertThat(RtRdSyntax.routeDistinguisher("route_distinguishers", s).toString()).isEqualTo(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "65001", ":5", "65001:", "65001L:5", "65536:65536", "4294967296:1", "01:5",
            "198.19.0.256:1", "198.19.0:1", "198.19.0.1:65536", "a:b", "65001:100 ", " 65001:100", "1:2:3",
            "-1:5", "65001:4294967296"})
    void refusesAnythingElseNamingTheField(String s) {
        assertThat(RtRdSyntax.valid(s)).isFalse();
        assertThatThrownBy(() -> RtRdSyntax.check("import_targets", s))
                .isInstanceOfSatisfying(ModelException.BadRequest.class, e -> {
                    assertThat(e.field()).isEqualTo("import_targets");
                    assertThat(e.type()).isEqualTo("HTTPBadRequest");
                    assertThat(e.getMessage()).isEqualTo(
                            "Invalid input for import_targets. Reason: '" + s + "' is not a valid input.");
                });
    }

    @ParameterizedTest
    @CsvSource({"0, too small", "16777216, too large"})
    void vniMustBeA24BitNonZeroValue(long vni, String why) {
        assertThatThrownBy(() -> RtRdSyntax.checkVni(vni)).isInstanceOf(ModelException.BadRequest.class)
                .hasMessageContaining(why).hasMessageStartingWith("Invalid input for vni.");
    }
}
