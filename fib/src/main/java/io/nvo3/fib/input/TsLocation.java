package io.nvo3.fib.input;

/** Where a tenant system is plugged in: an NVE's OpenFlow port, or nowhere yet. */
public sealed interface TsLocation {
    TsLocation UNBOUND = new Unbound();

    record Bound(String systemId, int ofport) implements TsLocation {
        public Bound {
            Ids.requireId("location.systemId", systemId);
            Ids.requireOfport("location.ofport", ofport);
        }
    }

    record Unbound() implements TsLocation {
    }
}
