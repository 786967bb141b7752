package io.nvo3.fib.input;

/** Tenant-system states of the NVO3 architecture, and what each means for forwarding. */
public enum TsState {
    NOT_DEPLOYED, RUNNING, SUSPENDED, SHUTDOWN, SHUT_OFF, MOVING, OTHER;

    /** RUNNING and SHUTDOWN forward; OTHER and MOVING are kept as RUNNING for now. */
    public boolean forwards() {
        return switch (this) {
            case RUNNING, SHUTDOWN, OTHER, MOVING -> true;
            case NOT_DEPLOYED, SUSPENDED, SHUT_OFF -> false;
        };
    }

    /** SUSPENDED keeps explicit local drop flows; NOT_DEPLOYED and SHUT_OFF get nothing at all. */
    public boolean isSuspended() {
        return this == SUSPENDED;
    }
}
