package io.nvo3.bgp.wire.errors;

/**
 * RFC 7606 §2 approaches to a malformed UPDATE, weakest first. Several problems in one UPDATE
 * resolve to the strongest (§4: "unless some other, more severe error is encountered dictating a
 * stronger approach"), which {@link #strongest} picks by ordinal.
 */
public enum ErrorAction {
    NONE,
    /** §2: "the malformed attribute MUST be discarded and the UPDATE message continues to be processed" */
    ATTRIBUTE_DISCARD,
    /**
     * §2: "the UPDATE message containing the path attribute in question MUST be treated as though all
     * contained routes had been withdrawn just as if they had been listed in the WITHDRAWN ROUTES field
     * (or in the MP_UNREACH_NLRI attribute if appropriate) of the UPDATE message"
     */
    TREAT_AS_WITHDRAW,
    /** "AFI/SAFI disable" per RFC 4760 §7: the family is disabled for the session */
    AFI_SAFI_DISABLE,
    /** RFC 4271 behaviour: send NOTIFICATION and reset the session */
    SESSION_RESET;

    public ErrorAction strongest(ErrorAction other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
