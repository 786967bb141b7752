package io.nvo3.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
    private static final UUID U = UUID.fromString("36bd6b8d-67ff-4a96-8fa8-1b4a8a3c4a8e");

    @Test
    void encodesAtomsAsRfc7047Section51Shows() {
        assertThat(ValueCodec.encode(Atom.integer(42)).toString()).isEqualTo("42");
        assertThat(ValueCodec.encode(Atom.real(1.5)).toString()).isEqualTo("1.5");
        assertThat(ValueCodec.encode(Atom.bool(true)).toString()).isEqualTo("true");
        assertThat(ValueCodec.encode(Atom.string("br-int")).toString()).isEqualTo("\"br-int\"");
        assertThat(ValueCodec.encode(Atom.uuid(U)).toString())
                .isEqualTo("[\"uuid\",\"36bd6b8d-67ff-4a96-8fa8-1b4a8a3c4a8e\"]");
        assertThat(ValueCodec.encode(Atom.named("row_1")).toString()).isEqualTo("[\"named-uuid\",\"row_1\"]");
    }

    @Test
    void encodesSetsAndMapsWithTheirTags() {
        assertThat(ValueCodec.encode(Value.stringSet("OpenFlow13", "OpenFlow14")).toString())
                .isEqualTo("[\"set\",[\"OpenFlow13\",\"OpenFlow14\"]]");
        assertThat(ValueCodec.encode(Value.emptySet()).toString()).isEqualTo("[\"set\",[]]");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("remote_ip", "flow");
        m.put("key", "flow");
        assertThat(ValueCodec.encode(Value.stringMap(m)).toString())
                .isEqualTo("[\"map\",[[\"remote_ip\",\"flow\"],[\"key\",\"flow\"]]]");
    }

    @Test
    void decodesABareAtomAsAOneElementSetView() {
        // §5.1: "A 1-element set that contains <atom> may also be represented as <atom>."
        Value v = ValueCodec.decode(Golden.parse("[\"uuid\",\"36bd6b8d-67ff-4a96-8fa8-1b4a8a3c4a8e\"]"));
        assertThat(v).isEqualTo(Atom.uuid(U));
        assertThat(v.asSet()).containsExactly(Atom.uuid(U));
    }

    @Test
    void setEqualityIgnoresOrder() {
        assertThat(ValueCodec.decode(Golden.parse("[\"set\",[1,2,3]]")))
                .isEqualTo(Value.set(Atom.integer(3), Atom.integer(1), Atom.integer(2)));
    }

    @Test
    void decodesMapsWithUuidValues() {
        Value v = ValueCodec.decode(Golden.parse(
                "[\"map\",[[\"a\",[\"uuid\",\"36bd6b8d-67ff-4a96-8fa8-1b4a8a3c4a8e\"]]]]"));
        assertThat(v).isEqualTo(Value.map(Map.of(Atom.string("a"), Atom.uuid(U))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            null                                   | missing atom
            {}                                     | not an atom
            ["uuid","not-a-uuid"]                  | not a UUID
            ["uuid","36bd6b8d67ff4a968fa81b4a8a3c4a8e"] | not a UUID
            ["named-uuid","1abc"]                  | bad named-uuid
            ["set",{}]                             | set body is not an array
            ["set",[["set",[]]]]                   | not an atom
            ["map",[["k"]]]                        | map pair is not a 2-element array
            ["map",[["k",["map",[]]]]]             | not an atom
            ["set",[null]]                         | missing atom
            123456789012345678901234567890         | integer out of 64-bit range
            ["frob","x"]                           | not an atom
            """)
    void rejectsMalformedValuesWithATypedError(String json, String message) {
        assertThatThrownBy(() -> ValueCodec.decode(Golden.parse(json)))
                .isInstanceOf(OvsdbException.Malformed.class)
                .hasMessageContaining(message);
    }

    @Test
    void namedUuidMustBeAnId() {
        assertThatThrownBy(() -> Atom.named("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Atom.real(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
