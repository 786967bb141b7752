package io.nvo3.ovsdb;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An OVSDB {@code <value>} (RFC 7047 §5.1): an atom, a set or a map.
 *
 * <p>"A 1-element set that contains {@code <atom>} may also be represented as {@code <atom>}" (§5.1), so a
 * value decoded without the column's type may be a bare {@link Atom} where the schema says set; use
 * {@link #asSet()} to read either form.
 */
public sealed interface Value permits Atom, Value.SetValue, Value.MapValue {

    /** The elements of this value seen as a set: an atom is a 1-element set. */
    Set<Atom> asSet();

    /** {@code ["set", [<atom>*]]}. Keeps insertion order for a stable encoding; equality ignores order. */
    record SetValue(Set<Atom> elements) implements Value {
        public SetValue {
            Objects.requireNonNull(elements, "elements");
            for (Atom a : elements) {
                Objects.requireNonNull(a, "set element");
            }
            elements = Collections.unmodifiableSet(new LinkedHashSet<>(elements));
        }

        @Override
        public Set<Atom> asSet() {
            return elements;
        }
    }

    /** {@code ["map", [[<atom>, <atom>]*]]}. */
    record MapValue(Map<Atom, Atom> entries) implements Value {
        public MapValue {
            Objects.requireNonNull(entries, "entries");
            entries.forEach((k, v) -> {
                Objects.requireNonNull(k, "map key");
                Objects.requireNonNull(v, "map value");
            });
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** A map is not a set of atoms; its keys are returned. */
        @Override
        public Set<Atom> asSet() {
            return entries.keySet();
        }

        /** The entries with string keys and values, as OVS uses for external_ids, options, other_config. */
        public Map<String, String> asStringMap() {
            Map<String, String> out = new LinkedHashMap<>();
            entries.forEach((k, v) -> out.put(k.asString(), v.asString()));
            return out;
        }
    }

    static SetValue set(Atom... atoms) {
        return new SetValue(new LinkedHashSet<>(java.util.List.of(atoms)));
    }

    static SetValue set(Collection<? extends Atom> atoms) {
        return new SetValue(new LinkedHashSet<>(atoms));
    }

    static SetValue emptySet() {
        return new SetValue(Set.of());
    }

    static SetValue stringSet(String... strings) {
        LinkedHashSet<Atom> s = new LinkedHashSet<>();
        for (String x : strings) {
            s.add(Atom.string(x));
        }
        return new SetValue(s);
    }

    static MapValue map(Map<Atom, Atom> entries) {
        return new MapValue(entries);
    }

    /** A string-to-string map, the common OVS shape. */
    static MapValue stringMap(Map<String, String> entries) {
        Map<Atom, Atom> m = new LinkedHashMap<>();
        entries.forEach((k, v) -> m.put(Atom.string(k), Atom.string(v)));
        return new MapValue(m);
    }
}
