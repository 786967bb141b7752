package io.nvo3.bgp.wire.attributes;

import java.util.List;
import java.util.Objects;

/**
 * RFC 4271 §4.3 path segment: "path segment type, path segment length, path segment value"; the
 * length counts ASes (1..255). Types 3 and 4 are the confederation segments of RFC 5065 §3.
 */
public record AsPathSegment(Type type, List<Long> asns) {
    public enum Type {
        AS_SET(1), AS_SEQUENCE(2), AS_CONFED_SEQUENCE(3), AS_CONFED_SET(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) return t;
            }
            return null;
        }
    }

    public AsPathSegment {
        Objects.requireNonNull(type);
        asns = List.copyOf(asns);
        // RFC 7606 §7.2: a segment whose "Path Segment Length field contains a value of zero" is malformed.
        if (asns.isEmpty() || asns.size() > 255) {
            throw new IllegalArgumentException("AS path segment holds 1..255 ASes, got " + asns.size());
        }
        for (long a : asns) {
            if (a < 0 || a > 0xffff_ffffL) {
                throw new IllegalArgumentException("AS number out of range: " + a);
            }
        }
    }

    public static AsPathSegment sequence(long... asns) {
        return new AsPathSegment(Type.AS_SEQUENCE, java.util.Arrays.stream(asns).boxed().toList());
    }
}
