package io.nvo3.controller.federation;

import io.nvo3.controller.model.ModelException;
import io.nvo3.store.Compare;
import io.nvo3.store.KeyValue;
import io.nvo3.store.KvStore;
import io.nvo3.store.Op;
import io.nvo3.store.Txn;
import io.nvo3.store.TxnResult;
import io.nvo3.store.WatchEvent;
import io.nvo3.store.WatchResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * networking-bgpvpn BGPVPNs and their network associations, persisted one JSON value per resource
 * under {@code /nvo3/bgpvpns/<id>} and {@code /nvo3/bgpvpn-assocs/<id>}, with an in-memory view.
 *
 * <p>Mutations are serialized (they are rare admin operations) and written as guarded store
 * transactions; a guard that fails (another controller changed the resource) is a 409 Conflict.
 * Changes written by other controllers arrive through a store watch. Listeners see each durable
 * change once, with its store revision. Errors are {@link ModelException}s carrying networking-bgpvpn's
 * exception names ({@code BGPVPNNotFound}, {@code BGPVPNNetAssocNotFound},
 * {@code BGPVPNNetAssocAlreadyExists}, {@code NetworkNotFound}), which the API turns into Neutron errors.
 */
public final class BgpVpnService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BgpVpnService.class);

    private record Versioned<T>(T value, long modRevision) {}

    private final KvStore store;
    private final Predicate<String> networkExists;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object stateLock = new Object();
    // guarded by stateLock
    private final Map<String, Versioned<BgpVpn>> bgpvpns = new HashMap<>();
    private final Map<String, Versioned<NetworkAssociation>> assocs = new HashMap<>();
    /** Last revision applied per key (puts and deletes), so a late watch event never undoes a newer state. */
    private final Map<String, Long> applied = new HashMap<>();
    private final List<Consumer<BgpVpnEvent>> listeners = new CopyOnWriteArrayList<>();
    private final WatchResult.Watching watch;

    private BgpVpnService(KvStore store, Predicate<String> networkExists) {
        this.store = store;
        this.networkExists = networkExists;
        long rev = store.revision();
        for (KeyValue kv : store.range(FederationCodec.BGPVPNS)) {
            BgpVpn b = FederationCodec.decode(kv.value(), BgpVpn.class);
            bgpvpns.put(b.id(), new Versioned<>(b, kv.modRevision()));
            applied.put(kv.key(), kv.modRevision());
        }
        for (KeyValue kv : store.range(FederationCodec.ASSOCS)) {
            NetworkAssociation a = FederationCodec.decode(kv.value(), NetworkAssociation.class);
            assocs.put(a.id(), new Versioned<>(a, kv.modRevision()));
            applied.put(kv.key(), kv.modRevision());
        }
        LOG.info("bgpvpns loaded at revision {}: {} bgpvpns, {} network associations", rev, bgpvpns.size(),
                assocs.size());
        WatchResult w = store.watch(FederationCodec.WATCH_PREFIX, rev + 1, this::onWatch);
        if (!(w instanceof WatchResult.Watching watching)) {
            throw new IllegalStateException("store history compacted while loading bgpvpns: " + w);
        }
        this.watch = watching;
    }

    /**
     * Loads the BGPVPNs from {@code store} and follows it. {@code networkExists} tells whether a
     * network id names an existing network (e.g. {@code id -> model.network(id).isPresent()}).
     */
    public static BgpVpnService open(KvStore store, Predicate<String> networkExists) {
        return new BgpVpnService(Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(networkExists, "networkExists"));
    }

    // ---------------------------------------------------------------- reads

    public Optional<BgpVpn> bgpvpn(String id) {
        synchronized (stateLock) {
            return Optional.ofNullable(bgpvpns.get(id)).map(Versioned::value);
        }
    }

    /** Every BGPVPN, by id. */
    public List<BgpVpn> bgpvpns() {
        synchronized (stateLock) {
            return bgpvpns.values().stream().map(Versioned::value).sorted(Comparator.comparing(BgpVpn::id)).toList();
        }
    }

    public Optional<NetworkAssociation> association(String id) {
        synchronized (stateLock) {
            return Optional.ofNullable(assocs.get(id)).map(Versioned::value);
        }
    }

    /** The network associations of a BGPVPN, by id. */
    public List<NetworkAssociation> associationsOf(String bgpvpnId) {
        return associations(a -> a.bgpvpnId().equals(bgpvpnId));
    }

    /** The associations that name a network, by id. */
    public List<NetworkAssociation> associationsOfNetwork(String networkId) {
        return associations(a -> a.networkId().equals(networkId));
    }

    /** The network ids associated with a BGPVPN (its read-only {@code networks} attribute), sorted. */
    public List<String> networkIdsOf(String bgpvpnId) {
        return associationsOf(bgpvpnId).stream().map(NetworkAssociation::networkId).distinct().sorted().toList();
    }

    /** The BGPVPNs a network is associated with, by id: the input of {@link VnRoutings#compute}. */
    public List<BgpVpn> bgpvpnsOfNetwork(String networkId) {
        synchronized (stateLock) {
            return assocs.values().stream().map(Versioned::value).filter(a -> a.networkId().equals(networkId))
                    .map(a -> bgpvpns.get(a.bgpvpnId())).filter(Objects::nonNull).map(Versioned::value).distinct()
                    .sorted(Comparator.comparing(BgpVpn::id)).toList();
        }
    }

    private List<NetworkAssociation> associations(Predicate<NetworkAssociation> p) {
        synchronized (stateLock) {
            return assocs.values().stream().map(Versioned::value).filter(p)
                    .sorted(Comparator.comparing(NetworkAssociation::id)).toList();
        }
    }

    /** Calls {@code listener} with every durable change from now on. Returns a handle that unsubscribes. */
    public Subscription subscribe(Consumer<BgpVpnEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** Stops a {@link #subscribe} listener. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    // ---------------------------------------------------------------- writes

    public BgpVpn create(BgpVpnCreate r) {
        Objects.requireNonNull(r, "request");
        BgpVpn b = new BgpVpn(UUID.randomUUID().toString(), r.projectId(), r.name(), r.type(), r.routeTargets(),
                r.importTargets(), r.exportTargets(), r.routeDistinguishers(),
                r.vni() == null ? null : r.vni().intValue(), r.localPref(), 0);
        String key = FederationCodec.key(b);
        return locked(() -> {
            write(Txn.guarded(List.of(Compare.absent(key)), List.of(new Op.Put(key, FederationCodec.encode(b)))));
            return b;
        });
    }

    /** Applies {@code u}; 404 BGPVPNNotFound when the BGPVPN is gone. Returns the new value. */
    public BgpVpn update(String id, BgpVpnUpdate u) {
        Objects.requireNonNull(u, "update");
        return locked(() -> {
            Versioned<BgpVpn> cur = requireBgpVpn(id);
            BgpVpn next = u.applyTo(cur.value());
            String key = FederationCodec.key(next);
            write(Txn.guarded(List.of(Compare.modRevision(key, cur.modRevision())),
                    List.of(new Op.Put(key, FederationCodec.encode(next)))));
            return next;
        });
    }

    /**
     * Deletes a BGPVPN "and its network and/or router associations" (neutron-lib api-ref, Delete BGP VPN),
     * in one transaction.
     */
    public void delete(String id) {
        locked(() -> {
            Versioned<BgpVpn> cur = requireBgpVpn(id);
            List<Compare> guards = new ArrayList<>();
            List<Op> ops = new ArrayList<>();
            String key = FederationCodec.key(cur.value());
            guards.add(Compare.modRevision(key, cur.modRevision()));
            ops.add(new Op.Delete(key));
            synchronized (stateLock) {
                for (Versioned<NetworkAssociation> a : assocs.values()) {
                    if (a.value().bgpvpnId().equals(id)) {
                        String ak = FederationCodec.key(a.value());
                        guards.add(Compare.modRevision(ak, a.modRevision()));
                        ops.add(new Op.Delete(ak));
                    }
                }
            }
            write(Txn.guarded(guards, ops));
            return null;
        });
    }

    /**
     * Associates a network with a BGPVPN. 404 BGPVPNNotFound / NetworkNotFound when either is missing,
     * 400 BGPVPNNetAssocAlreadyExists when the pair exists (networking-bgpvpn raises it as BadRequest).
     */
    public NetworkAssociation associate(String bgpvpnId, String networkId, String projectId) {
        Objects.requireNonNull(networkId, "networkId");
        Objects.requireNonNull(projectId, "projectId");
        return locked(() -> {
            Versioned<BgpVpn> b = requireBgpVpn(bgpvpnId);
            if (!networkExists.test(networkId)) {
                throw new ModelException.NotFound("NetworkNotFound", "Network " + networkId + " could not be found.");
            }
            if (associationsOf(bgpvpnId).stream().anyMatch(a -> a.networkId().equals(networkId))) {
                throw new ModelException.BadRequest("BGPVPNNetAssocAlreadyExists", "network_id",
                        "network " + networkId + " is already associated to BGPVPN " + bgpvpnId);
            }
            NetworkAssociation a = new NetworkAssociation(UUID.randomUUID().toString(), bgpvpnId, networkId, projectId);
            String key = FederationCodec.key(a);
            // The BGPVPN must not change under us (a concurrent delete would leave an orphan association).
            write(Txn.guarded(List.of(Compare.absent(key),
                            Compare.modRevision(FederationCodec.key(b.value()), b.modRevision())),
                    List.of(new Op.Put(key, FederationCodec.encode(a)))));
            return a;
        });
    }

    /** Removes an association of {@code bgpvpnId}; 404 BGPVPNNetAssocNotFound when there is none. */
    public void dissociate(String bgpvpnId, String associationId) {
        locked(() -> {
            requireBgpVpn(bgpvpnId);
            Versioned<NetworkAssociation> a;
            synchronized (stateLock) {
                a = assocs.get(associationId);
            }
            if (a == null || !a.value().bgpvpnId().equals(bgpvpnId)) {
                throw assocNotFound(associationId, bgpvpnId);
            }
            String key = FederationCodec.key(a.value());
            write(Txn.guarded(List.of(Compare.modRevision(key, a.modRevision())), List.of(new Op.Delete(key))));
            return null;
        });
    }

    /**
     * Removes every association of a deleted network (networking-bgpvpn's database cascades them);
     * returns what was removed (empty when nothing was).
     */
    public List<NetworkAssociation> networkDeleted(String networkId) {
        return locked(() -> {
            List<NetworkAssociation> gone = associationsOfNetwork(networkId);
            if (gone.isEmpty()) {
                return List.of();
            }
            write(Txn.of(gone.stream().map(a -> (Op) new Op.Delete(FederationCodec.key(a))).toArray(Op[]::new)));
            return gone;
        });
    }

    public static ModelException.NotFound bgpvpnNotFound(String id) {
        return new ModelException.NotFound("BGPVPNNotFound", "BGPVPN " + id + " could not be found");
    }

    public static ModelException.NotFound assocNotFound(String id, String bgpvpnId) {
        return new ModelException.NotFound("BGPVPNNetAssocNotFound",
                "BGPVPN network association " + id + " could not be found for BGPVPN " + bgpvpnId);
    }

    private Versioned<BgpVpn> requireBgpVpn(String id) {
        synchronized (stateLock) {
            Versioned<BgpVpn> v = id == null ? null : bgpvpns.get(id);
            if (v == null) {
                throw bgpvpnNotFound(id);
            }
            return v;
        }
    }

    private <T> T locked(java.util.function.Supplier<T> body) {
        writeLock.lock();
        try {
            return body.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes {@code txn} and applies it to the view; 409 when a guard failed. */
    private void write(Txn txn) {
        TxnResult result;
        try {
            result = store.txn(txn).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the store", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("store write failed: " + e.getCause(), e);
        }
        if (!result.succeeded()) {
            throw new ModelException.Conflict("Conflict", null,
                    "The resource was changed concurrently; retry the request.");
        }
        for (WatchEvent e : result.changes()) {
            apply(e);
        }
    }

    // ---------------------------------------------------------------- view maintenance

    private void onWatch(WatchEvent e) {
        try {
            apply(e);
        } catch (RuntimeException ex) {
            LOG.warn("cannot apply stored change of {}", e.kv().key(), ex);
        }
    }

    /** Applies one change once, whoever sees it first (the writer or the watch). */
    private void apply(WatchEvent e) {
        String key = e.kv().key();
        boolean isVpn = key.startsWith(FederationCodec.BGPVPNS);
        boolean isAssoc = key.startsWith(FederationCodec.ASSOCS);
        if (!isVpn && !isAssoc) {
            return;
        }
        long rev = e.revision();
        BgpVpnEvent event;
        synchronized (stateLock) {
            Long last = applied.get(key);
            if (last != null && last >= rev) {
                return;
            }
            applied.put(key, rev);
            String id = key.substring((isVpn ? FederationCodec.BGPVPNS : FederationCodec.ASSOCS).length());
            if (isVpn) {
                Versioned<BgpVpn> before = e.type() == WatchEvent.Type.PUT
                        ? bgpvpns.put(id, new Versioned<>(FederationCodec.decode(e.kv().value(), BgpVpn.class), rev))
                        : bgpvpns.remove(id);
                BgpVpn after = e.type() == WatchEvent.Type.PUT ? bgpvpns.get(id).value() : null;
                event = before == null && after == null ? null
                        : new BgpVpnEvent.BgpVpnChanged(rev, before == null ? null : before.value(), after);
            } else {
                Versioned<NetworkAssociation> before = e.type() == WatchEvent.Type.PUT
                        ? assocs.put(id, new Versioned<>(
                                FederationCodec.decode(e.kv().value(), NetworkAssociation.class), rev))
                        : assocs.remove(id);
                NetworkAssociation after = e.type() == WatchEvent.Type.PUT ? assocs.get(id).value() : null;
                event = before == null && after == null ? null
                        : new BgpVpnEvent.AssociationChanged(rev, before == null ? null : before.value(), after);
            }
        }
        if (event != null) {
            for (Consumer<BgpVpnEvent> l : listeners) {
                try {
                    l.accept(event);
                } catch (RuntimeException ex) {
                    LOG.warn("bgpvpn listener {} failed on {}", l, event, ex);
                }
            }
        }
    }

    @Override
    public void close() {
        watch.close();
    }
}
