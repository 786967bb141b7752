package io.nvo3.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ValueRoundTripPropertyTest {

    @Property(tries = 500)
    void decodeOfEncodedTextIsTheSameValue(@ForAll("values") Value v) throws JsonProcessingException {
        String text = Golden.MAPPER.writeValueAsString(ValueCodec.encode(v));
        assertThat(ValueCodec.decode(Golden.parse(text))).isEqualTo(v);
    }

    @Provide
    Arbitrary<Value> values() {
        Arbitrary<Atom> atoms = atoms();
        return Arbitraries.oneOf(
                atoms.map(a -> a),
                atoms.set().ofMaxSize(5).map(Value::set),
                Arbitraries.maps(atoms, atoms).ofMaxSize(5).map(Value::map));
    }

    Arbitrary<Atom> atoms() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Atom::integer),
                Arbitraries.doubles().map(Atom::real),
                Arbitraries.of(true, false).map(Atom::bool),
                Arbitraries.strings().ofMaxLength(20).map(Atom::string),
                Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong())).map(Atom::uuid),
                Arbitraries.strings().withChars("abcXYZ_019").ofMinLength(1).ofMaxLength(8)
                        .filter(s -> !Character.isDigit(s.charAt(0))).map(Atom::named));
    }
}
