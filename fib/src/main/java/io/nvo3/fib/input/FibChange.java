package io.nvo3.fib.input;

import java.util.Objects;

/** One change event for {@code FibEngine}; {@link FibInput#apply} gives its meaning on a snapshot. */
public sealed interface FibChange {
    /** Added or changed (state, location, addresses, VN ...). */
    record TsUpserted(TenantSystem tenantSystem) implements FibChange {
        public TsUpserted {
            Objects.requireNonNull(tenantSystem, "tenantSystem");
        }
    }

    record TsRemoved(String portId) implements FibChange {
        public TsRemoved {
            Ids.requireId("portId", portId);
        }
    }

    record VnUpserted(VirtualNetwork virtualNetwork) implements FibChange {
        public VnUpserted {
            Objects.requireNonNull(virtualNetwork, "virtualNetwork");
        }
    }

    record VnRemoved(String vnId) implements FibChange {
        public VnRemoved {
            Ids.requireId("vnId", vnId);
        }
    }

    /** An NVE connected, or its VTEP / tunnel port changed. */
    record NveUp(Nve nve) implements FibChange {
        public NveUp {
            Objects.requireNonNull(nve, "nve");
        }
    }

    record NveDown(String systemId) implements FibChange {
        public NveDown {
            Ids.requireId("systemId", systemId);
        }
    }

    record RemoteMacAdded(RemoteMac remoteMac) implements FibChange {
        public RemoteMacAdded {
            Objects.requireNonNull(remoteMac, "remoteMac");
        }
    }

    record RemoteMacRemoved(RemoteMac remoteMac) implements FibChange {
        public RemoteMacRemoved {
            Objects.requireNonNull(remoteMac, "remoteMac");
        }
    }

    record FloodMemberAdded(RemoteFloodMember member) implements FibChange {
        public FloodMemberAdded {
            Objects.requireNonNull(member, "member");
        }
    }

    record FloodMemberRemoved(RemoteFloodMember member) implements FibChange {
        public FloodMemberRemoved {
            Objects.requireNonNull(member, "member");
        }
    }

    /** Mobility: start tunnelling frames for a moved MAC on from its old NVE (see {@link Redirect}). */
    record RedirectAdded(Redirect redirect) implements FibChange {
        public RedirectAdded {
            Objects.requireNonNull(redirect, "redirect");
        }
    }

    /** The grace time of a move is over: removes exactly this redirect. */
    record RedirectRemoved(Redirect redirect) implements FibChange {
        public RedirectRemoved {
            Objects.requireNonNull(redirect, "redirect");
        }
    }
}
