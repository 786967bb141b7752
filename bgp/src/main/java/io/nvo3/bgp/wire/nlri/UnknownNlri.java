package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.Bytes;
import java.util.Objects;

/** The whole NLRI field of an AFI/SAFI this codec does not parse, kept as received. */
public record UnknownNlri(Bytes bytes) implements Nlri {
    public UnknownNlri {
        Objects.requireNonNull(bytes);
    }

    @Override
    public long pathId() {
        return NO_PATH_ID;
    }
}
