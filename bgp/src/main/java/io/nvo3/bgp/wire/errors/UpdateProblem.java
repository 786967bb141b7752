package io.nvo3.bgp.wire.errors;

import java.util.Objects;

/**
 * One thing wrong in an UPDATE and what RFC 7606 says to do about it.
 *
 * @param attributeType the path attribute type code, or -1 when the problem is in the message structure or NLRI
 * @param subcode       the UPDATE Message Error subcode that RFC 4271 would have sent (used for session reset)
 */
public record UpdateProblem(ErrorAction action, int attributeType, UpdateSubcode subcode, String reason) {
    public UpdateProblem {
        Objects.requireNonNull(action);
        Objects.requireNonNull(subcode);
        Objects.requireNonNull(reason);
    }
}
