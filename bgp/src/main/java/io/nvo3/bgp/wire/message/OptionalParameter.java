package io.nvo3.bgp.wire.message;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.capabilities.Capability;
import java.util.List;

/** An OPEN optional parameter (RFC 4271 §4.2): Capabilities (type 2, RFC 5492) or one kept opaque. */
public sealed interface OptionalParameter {
    int CAPABILITIES = 2;

    record Capabilities(List<Capability> capabilities) implements OptionalParameter {
        public Capabilities {
            capabilities = List.copyOf(capabilities);
        }
    }

    record UnknownParameter(int parameterType, Bytes value) implements OptionalParameter {
        public UnknownParameter {
            if (parameterType < 0 || parameterType > 254 || value.length() > 0xffff) {
                throw new IllegalArgumentException("optional parameter type or length out of range");
            }
        }
    }
}
