package io.nvo3.openflow.channel;

import io.nvo3.openflow.message.ErrorMsg;

/** A request failed with an OFPT_ERROR from the switch; {@link #error()} has the decoded type and code. */
public final class OpenFlowErrorException extends RuntimeException {
    private final transient ErrorMsg error;

    public OpenFlowErrorException(ErrorMsg error) {
        super(error.name() + " (xid " + error.xid() + ")");
        this.error = error;
    }

    public OpenFlowErrorException(String context, ErrorMsg error) {
        super(context + ": " + error.name() + " (xid " + error.xid() + ")");
        this.error = error;
    }

    public ErrorMsg error() {
        return error;
    }
}
