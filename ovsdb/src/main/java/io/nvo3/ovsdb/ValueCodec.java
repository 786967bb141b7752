package io.nvo3.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** JSON encoding of {@link Value}s, RFC 7047 §5.1. */
final class ValueCodec {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Bound on set and map sizes accepted from a peer. */
    static final int MAX_ELEMENTS = 1 << 20;
    /** §3.1: {@code <uuid>} "a JSON string that is a UUID: 36 characters, 8-4-4-4-12 hex digits". */
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ValueCodec() {
    }

    static JsonNode encode(Value v) {
        return switch (v) {
            case Atom a -> encodeAtom(a);
            case Value.SetValue s -> {
                // §5.1 <set>: "A 2-element JSON array that represents a database set value. The first element of
                // the array must be the string "set", and the second element must be an array of zero or more
                // <atom>s giving the values in the set."
                ArrayNode arr = F.arrayNode();
                arr.add("set");
                ArrayNode elems = arr.addArray();
                s.elements().forEach(e -> elems.add(encodeAtom(e)));
                yield arr;
            }
            case Value.MapValue m -> {
                // §5.1 <map>: "The first element of the array must be the string "map", and the second element
                // must be an array of zero or more <pair>s giving the values in the map."
                ArrayNode arr = F.arrayNode();
                arr.add("map");
                ArrayNode pairs = arr.addArray();
                m.entries().forEach((k, val) -> {
                    ArrayNode p = pairs.addArray();
                    p.add(encodeAtom(k));
                    p.add(encodeAtom(val));
                });
                yield arr;
            }
        };
    }

    static JsonNode encodeAtom(Atom a) {
        return switch (a) {
            case Atom.IntegerAtom i -> F.numberNode(i.value());
            case Atom.RealAtom r -> F.numberNode(r.value());
            case Atom.BooleanAtom b -> F.booleanNode(b.value());
            case Atom.StringAtom s -> F.textNode(s.value());
            case Atom.UuidAtom u -> tagged("uuid", u.value().toString());
            case Atom.NamedUuid n -> tagged("named-uuid", n.name());
        };
    }

    private static ArrayNode tagged(String tag, String v) {
        ArrayNode arr = F.arrayNode();
        arr.add(tag);
        arr.add(v);
        return arr;
    }

    static Value decode(JsonNode n) {
        if (n != null && n.isArray() && n.size() == 2 && n.get(0).isTextual()) {
            String tag = n.get(0).textValue();
            JsonNode body = n.get(1);
            switch (tag) {
                case "set" -> {
                    if (!body.isArray()) {
                        throw new OvsdbException.Malformed("set body is not an array: " + n);
                    }
                    checkSize(body.size(), "set");
                    Set<Atom> s = new LinkedHashSet<>();
                    for (JsonNode e : body) {
                        s.add(decodeAtom(e));
                    }
                    return new Value.SetValue(s);
                }
                case "map" -> {
                    if (!body.isArray()) {
                        throw new OvsdbException.Malformed("map body is not an array: " + n);
                    }
                    checkSize(body.size(), "map");
                    Map<Atom, Atom> m = new LinkedHashMap<>();
                    for (JsonNode p : body) {
                        if (!p.isArray() || p.size() != 2) {
                            throw new OvsdbException.Malformed("map pair is not a 2-element array: " + p);
                        }
                        m.put(decodeAtom(p.get(0)), decodeAtom(p.get(1)));
                    }
                    return new Value.MapValue(m);
                }
                default -> {
                    return decodeAtom(n);
                }
            }
        }
        return decodeAtom(n);
    }

    static Atom decodeAtom(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            throw new OvsdbException.Malformed("missing atom");
        }
        if (n.isTextual()) {
            return new Atom.StringAtom(n.textValue());
        }
        if (n.isBoolean()) {
            return new Atom.BooleanAtom(n.booleanValue());
        }
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw new OvsdbException.Malformed("integer out of 64-bit range: " + n);
            }
            return new Atom.IntegerAtom(n.longValue());
        }
        if (n.isNumber()) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new OvsdbException.Malformed("real out of range: " + n);
            }
            return new Atom.RealAtom(d);
        }
        if (n.isArray() && n.size() == 2 && n.get(0).isTextual() && n.get(1).isTextual()) {
            String tag = n.get(0).textValue();
            String v = n.get(1).textValue();
            switch (tag) {
                case "uuid" -> {
                    return new Atom.UuidAtom(parseUuid(v));
                }
                case "named-uuid" -> {
                    if (!Atom.NamedUuid.ID.matcher(v).matches()) {
                        throw new OvsdbException.Malformed("bad named-uuid: " + v);
                    }
                    return new Atom.NamedUuid(v);
                }
                default -> {
                }
            }
        }
        throw new OvsdbException.Malformed("not an atom: " + abbreviate(n));
    }

    static UUID parseUuid(String s) {
        if (s == null || !UUID_PATTERN.matcher(s).matches()) {
            throw new OvsdbException.Malformed("not a UUID: " + s);
        }
        return UUID.fromString(s);
    }

    /** A {@code ["uuid", "..."]} pair as a UUID. */
    static UUID decodeUuidPair(JsonNode n) {
        if (decodeAtom(n) instanceof Atom.UuidAtom(UUID u)) {
            return u;
        }
        throw new OvsdbException.Malformed("expected [\"uuid\", ...]: " + abbreviate(n));
    }

    private static void checkSize(int size, String what) {
        if (size > MAX_ELEMENTS) {
            throw new OvsdbException.Malformed(what + " with " + size + " elements exceeds " + MAX_ELEMENTS);
        }
    }

    static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
