package io.nvo3.fib.diff;

import io.nvo3.fib.flow.FlowEntry;

/**
 * An installed flow whose identity is desired but whose content differs. When only the instructions differ, an
 * OFPFC_MODIFY_STRICT suffices; OpenFlow 1.3 section 6.4 says modify leaves "cookie, timeouts, flags, counters"
 * alone, so a changed cookie or timeout needs an OFPFC_ADD over the same (table, priority, match), which "clears
 * all counters" and replaces the entry in place.
 */
public record FlowModification(FlowEntry installed, FlowEntry desired) {
    public FlowModification {
        if (!installed.key().equals(desired.key())) {
            throw new IllegalArgumentException("not the same flow: " + installed.key() + " vs " + desired.key());
        }
    }

    public boolean instructionsOnly() {
        return installed.cookie() == desired.cookie() && installed.idleTimeout() == desired.idleTimeout()
                && installed.hardTimeout() == desired.hardTimeout();
    }
}
