package io.nvo3.bgp.wire.message;

import io.nvo3.bgp.wire.capabilities.Capability;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * RFC 4271 §4.2 OPEN. {@code extendedParameters} selects the RFC 9072 encoding of the optional
 * parameters (2-octet lengths); the encoder uses it anyway when the parameters exceed 255 octets.
 *
 * @param myAs the 2-octet My Autonomous System field (AS_TRANS 23456 when the real AS needs 4 octets)
 */
public record OpenMessage(int version, int myAs, int holdTime, Inet4Address bgpIdentifier,
                          List<OptionalParameter> parameters, boolean extendedParameters) implements BgpMessage {
    public static final int AS_TRANS = 23456;

    public OpenMessage {
        if (version < 0 || version > 255 || myAs < 0 || myAs > 0xffff || holdTime < 0 || holdTime > 0xffff) {
            throw new IllegalArgumentException("OPEN field out of range");
        }
        Objects.requireNonNull(bgpIdentifier);
        parameters = List.copyOf(parameters);
    }

    /** An OPEN with one Capabilities parameter; the AS goes to My AS or, when above 65535, to AS_TRANS and capability 65. */
    public static OpenMessage of(long asNumber, int holdTime, Inet4Address bgpIdentifier, List<Capability> capabilities) {
        int my = asNumber > 0xffff ? AS_TRANS : (int) asNumber;
        return new OpenMessage(4, my, holdTime, bgpIdentifier, List.of(new OptionalParameter.Capabilities(capabilities)), false);
    }

    public int type() {
        return OPEN;
    }

    /** All capabilities of all Capabilities parameters, in order. */
    public List<Capability> capabilities() {
        return parameters.stream()
                .flatMap(p -> p instanceof OptionalParameter.Capabilities c ? c.capabilities().stream() : java.util.stream.Stream.empty())
                .toList();
    }

    public <T extends Capability> Optional<T> capability(Class<T> kind) {
        return capabilities().stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** RFC 6793 §3: the AS from capability 65 when present, else the My AS field. */
    public long effectiveAs() {
        return capability(Capability.FourOctetAs.class).map(Capability.FourOctetAs::asNumber).orElse((long) myAs);
    }
}
