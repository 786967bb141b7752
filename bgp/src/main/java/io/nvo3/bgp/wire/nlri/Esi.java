package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.Bytes;
import java.util.Objects;

/** RFC 7432 §5 Ethernet Segment Identifier: 10 octets, the first one its type. */
public record Esi(Bytes bytes) {
    public static final Esi ZERO = new Esi(Bytes.of(new byte[10]));

    public Esi {
        Objects.requireNonNull(bytes);
        if (bytes.length() != 10) {
            throw new IllegalArgumentException("ESI is 10 octets, got " + bytes.length());
        }
    }

    public int type() {
        return bytes.get(0);
    }

    @Override
    public String toString() {
        return equals(ZERO) ? "esi:0" : "esi:" + bytes.hex();
    }
}
