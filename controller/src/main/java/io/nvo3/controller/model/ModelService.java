package io.nvo3.controller.model;

import io.nvo3.model.AllocationPool;
import io.nvo3.model.AllowedAddressPair;
import io.nvo3.model.Cidr;
import io.nvo3.model.FibClass;
import io.nvo3.model.FibPolicy;
import io.nvo3.model.FixedIp;
import io.nvo3.model.InvalidValueException;
import io.nvo3.model.IpAddresses;
import io.nvo3.model.IpRangeSet;
import io.nvo3.model.MacAddress;
import io.nvo3.model.ModelEvent;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.Subnet;
import io.nvo3.model.TenantSystemState;
import io.nvo3.store.Compare;
import io.nvo3.store.KeyValue;
import io.nvo3.store.KvStore;
import io.nvo3.store.Op;
import io.nvo3.store.Txn;
import io.nvo3.store.TxnResult;
import io.nvo3.store.WatchEvent;
import io.nvo3.store.WatchResult;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authoritative tenant model: networks, subnets and ports (tenant systems), kept in
 * memory with indexes (VNIs, MACs, a free-range set per subnet) and persisted one JSON value
 * per resource under {@code /nvo3/networks|subnets|ports/<id>}.
 *
 * <p>Each mutation validates and reserves under a short lock (no I/O), then writes one guarded
 * store transaction with no lock held, then applies the result. Concurrent writes to the same
 * resource wait for each other through per-id holds; ports of one network are created in
 * parallel. Listeners see {@link ModelEvent}s after they are durable, in revision order,
 * from the store's watch.
 *
 * <p>NVE side: {@link #portPlugged} binds the port and makes it RUNNING (status ACTIVE);
 * {@link #portUnplugged} makes it SHUT_OFF (or keeps MOVING while a move is under way,
 * since the new NVE's plug follows), status DOWN.
 */
public final class ModelService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

    private final KvStore store;
    private final ModelConfig config;
    private final Object lock = new Object();
    private final Holds holds = new Holds();

    private final ConcurrentHashMap<String, Versioned<Network>> networks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Versioned<Subnet>> subnets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Versioned<Port>> ports = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> subnetsByNetwork = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> portsByNetwork = new ConcurrentHashMap<>();

    // guarded by lock
    private final Map<String, SubnetIpam> ipam = new HashMap<>();
    private final IpRangeSet freeVnis = new IpRangeSet();
    private final Map<Long, String> vniOwners = new HashMap<>();
    private final Set<Long> macs = new HashSet<>();
    private final Set<String> reservedIds = new HashSet<>();
    private final SplittableRandom random = new SplittableRandom();

    private final List<Consumer<ModelEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Object> delivered = new HashMap<>(); // watch thread only
    /** Records just written, so the watch thread need not decode its own writes again. */
    private final ConcurrentHashMap<String, Versioned<Object>> written = new ConcurrentHashMap<>();
    private final WatchResult.Watching watch;

    private ModelService(KvStore store, ModelConfig config) {
        this.store = store;
        this.config = config;
        freeVnis.add(BigInteger.valueOf(config.vniMin()), BigInteger.valueOf(config.vniMax()));
        long rev = store.revision();
        for (KeyValue kv : store.range(ModelCodec.NETWORKS)) {
            Network n = ModelCodec.decode(kv.value(), Network.class);
            networks.put(n.id(), new Versioned<>(n, kv.modRevision()));
            vniOwners.put(n.vni(), n.id());
            freeVnis.remove(BigInteger.valueOf(n.vni()));
            delivered.put(kv.key(), n);
        }
        for (KeyValue kv : store.range(ModelCodec.SUBNETS)) {
            Subnet s = ModelCodec.decode(kv.value(), Subnet.class);
            subnets.put(s.id(), new Versioned<>(s, kv.modRevision()));
            subnetsByNetwork.computeIfAbsent(s.networkId(), k -> ConcurrentHashMap.newKeySet()).add(s.id());
            ipam.put(s.id(), new SubnetIpam(s));
            delivered.put(kv.key(), s);
        }
        for (KeyValue kv : store.range(ModelCodec.PORTS)) {
            Port p = ModelCodec.decode(kv.value(), Port.class);
            ports.put(p.id(), new Versioned<>(p, kv.modRevision()));
            portsByNetwork.computeIfAbsent(p.networkId(), k -> ConcurrentHashMap.newKeySet()).add(p.id());
            macs.add(MacAddress.parse("mac_address", p.macAddress()).value());
            for (FixedIp ip : p.fixedIps()) {
                SubnetIpam s = ipam.get(ip.subnetId());
                if (s != null) {
                    s.allocate(ip.ipAddress());
                }
            }
            delivered.put(kv.key(), p);
        }
        LOG.info("model loaded at revision {}: {} networks, {} subnets, {} ports", rev, networks.size(),
                subnets.size(), ports.size());
        WatchResult w = store.watch(ModelCodec.PREFIX, rev + 1, this::onWatch);
        if (!(w instanceof WatchResult.Watching watching)) {
            throw new IllegalStateException("store history compacted while loading the model: " + w);
        }
        this.watch = watching;
    }

    /** Loads the model from {@code store} and starts following it. */
    public static ModelService open(KvStore store, ModelConfig config) {
        return new ModelService(Objects.requireNonNull(store, "store"), Objects.requireNonNull(config, "config"));
    }

    public ModelConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- reads

    public Optional<Network> network(String id) {
        return Optional.ofNullable(networks.get(id)).map(Versioned::value);
    }

    public List<Network> networks() {
        return values(networks.values());
    }

    public Optional<Subnet> subnet(String id) {
        return Optional.ofNullable(subnets.get(id)).map(Versioned::value);
    }

    public List<Subnet> subnets() {
        return values(subnets.values());
    }

    /** The subnet ids of a network, oldest first. */
    public List<String> subnetIdsOf(String networkId) {
        Set<String> ids = subnetsByNetwork.getOrDefault(networkId, Set.of());
        return ids.stream().map(subnets::get).filter(Objects::nonNull).map(Versioned::value)
                .sorted(Comparator.comparing(Subnet::createdAt).thenComparing(Subnet::id)).map(Subnet::id).toList();
    }

    public Optional<Port> port(String id) {
        return Optional.ofNullable(ports.get(id)).map(Versioned::value);
    }

    public List<Port> ports() {
        return values(ports.values());
    }

    public List<Port> portsOf(String networkId) {
        return portsByNetwork.getOrDefault(networkId, Set.of()).stream().map(ports::get).filter(Objects::nonNull)
                .map(Versioned::value).toList();
    }

    private static <T> List<T> values(Collection<Versioned<T>> vs) {
        List<T> out = new ArrayList<>(vs.size());
        for (Versioned<T> v : vs) {
            out.add(v.value());
        }
        return out;
    }

    /**
     * Calls {@code listener} with every durable change from now on, in store revision order, on
     * the store's watch thread. Returns a handle that unsubscribes.
     */
    public Subscription subscribe(Consumer<ModelEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Stops a {@link #subscribe} listener. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private void onWatch(WatchEvent e) {
        String key = e.kv().key();
        Object after = null;
        if (e.type() == WatchEvent.Type.PUT) {
            Versioned<Object> mine = written.get(key);
            if (mine != null && mine.modRevision() == e.revision()) {
                after = mine.value();
                written.remove(key, mine);
            } else {
                after = ModelCodec.decodeKey(key, e.kv().value());
            }
        }
        if (e.type() == WatchEvent.Type.PUT && after == null) {
            return; // not a model key
        }
        Object before = after == null ? delivered.remove(key) : delivered.put(key, after);
        if (before == null && after == null) {
            return;
        }
        Object any = after != null ? after : before;
        ModelEvent ev = switch (any) {
            case Network n -> new ModelEvent.NetworkChanged(e.revision(), (Network) before, (Network) after);
            case Subnet s -> new ModelEvent.SubnetChanged(e.revision(), (Subnet) before, (Subnet) after);
            case Port p -> new ModelEvent.PortChanged(e.revision(), (Port) before, (Port) after);
            default -> null;
        };
        if (ev == null) {
            return;
        }
        for (Consumer<ModelEvent> l : listeners) {
            try {
                l.accept(ev);
            } catch (RuntimeException ex) {
                LOG.warn("model listener {} failed on {}", l, ev, ex);
            }
        }
    }

    // ---------------------------------------------------------------- write machinery

    /** Reservations made under the lock, undone if the write does not happen. */
    private final class Write {
        final List<String> exclusive;
        final List<String> shared;
        final List<Runnable> undo = new ArrayList<>();

        Write(List<String> exclusive, List<String> shared) {
            this.exclusive = exclusive;
            this.shared = shared;
        }

        void rollbackLocked() {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
            holds.release(exclusive, shared);
        }
    }

    private record Planned<T>(Write write, T value, Txn txn, Function<Long, T> apply) {}

    private <T> T run(List<String> exclusive, List<String> shared, Function<Write, Planned<T>> planner) {
        Planned<T> plan;
        while (true) {
            CompletableFuture<Void> wait;
            synchronized (lock) {
                wait = holds.tryAcquire(exclusive, shared);
                if (wait == null) {
                    Write w = new Write(exclusive, shared);
                    try {
                        plan = planner.apply(w);
                    } catch (InvalidValueException e) {
                        w.rollbackLocked();
                        throw ModelException.invalid(e.field(), e.getMessage());
                    } catch (RuntimeException e) {
                        w.rollbackLocked();
                        throw e;
                    }
                    if (plan.txn() == null) { // nothing to change
                        holds.release(exclusive, shared);
                        return plan.value();
                    }
                    break;
                }
            }
            wait.join();
        }
        TxnResult result;
        try {
            result = store.txn(plan.txn()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (lock) {
                plan.write().rollbackLocked();
            }
            throw new IllegalStateException("interrupted while writing to the store", e);
        } catch (ExecutionException | RuntimeException e) {
            synchronized (lock) {
                plan.write().rollbackLocked();
            }
            throw new IllegalStateException("store write failed: " + (e.getCause() != null ? e.getCause() : e), e);
        }
        synchronized (lock) {
            if (!result.succeeded()) {
                plan.write().rollbackLocked();
                throw new ModelException.Conflict("Conflict", null,
                        "The resource was changed concurrently; retry the request.");
            }
            try {
                for (Op op : plan.txn().success()) {
                    if (op instanceof Op.Put put) {
                        written.remove(put.key());
                    } else if (op instanceof Op.Delete del) {
                        written.remove(del.key());
                    }
                }
                T applied = plan.apply().apply(result.revision());
                if (applied != null && plan.txn().success().size() == 1
                        && plan.txn().success().get(0) instanceof Op.Put put && put.key().equals(ModelCodec.key(applied))) {
                    written.put(put.key(), new Versioned<>(applied, result.revision()));
                }
                return applied;
            } finally {
                holds.release(plan.write().exclusive, plan.write().shared);
            }
        }
    }

    private Instant now() {
        return config.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Txn create(Object record) {
        String key = ModelCodec.key(record);
        return Txn.guarded(List.of(Compare.absent(key)), List.of(new Op.Put(key, ModelCodec.encode(record))));
    }

    private static Txn update(Object record, long modRevision) {
        String key = ModelCodec.key(record);
        return Txn.guarded(List.of(Compare.modRevision(key, modRevision)),
                List.of(new Op.Put(key, ModelCodec.encode(record))));
    }

    private String newId(String asked, Write w, String field) {
        if (asked == null) {
            return UUID.randomUUID().toString();
        }
        try {
            UUID.fromString(asked);
        } catch (IllegalArgumentException e) {
            throw ModelException.invalid(field, "'" + asked + "' is not a valid UUID");
        }
        if (networks.containsKey(asked) || subnets.containsKey(asked) || ports.containsKey(asked)
                || !reservedIds.add(asked)) {
            throw new ModelException.Conflict("Conflict", field, "Resource with id " + asked + " already exists.");
        }
        w.undo.add(() -> reservedIds.remove(asked));
        return asked;
    }

    private static NotFoundHelper nf() {
        return NotFoundHelper.INSTANCE;
    }

    private enum NotFoundHelper {
        INSTANCE;

        ModelException.NotFound network(String id) {
            return new ModelException.NotFound("NetworkNotFound", "Network " + id + " could not be found.");
        }

        ModelException.NotFound subnet(String id) {
            return new ModelException.NotFound("SubnetNotFound", "Subnet " + id + " could not be found.");
        }

        ModelException.NotFound port(String id) {
            return new ModelException.NotFound("PortNotFound", "Port " + id + " could not be found.");
        }
    }

    private Versioned<Network> requireNetwork(String id) {
        Versioned<Network> n = id == null ? null : networks.get(id);
        if (n == null) {
            throw nf().network(id);
        }
        return n;
    }

    // ---------------------------------------------------------------- networks

    public Network createNetwork(NetworkRequest r) {
        return run(List.of(), List.of(), w -> {
            String id = newId(r.id(), w, "id");
            long vni = reserveVni(r.vni(), id, w);
            int mtu = mtu(r.mtu());
            Instant now = now();
            Network n = new Network(id, r.projectId(), r.name(), r.description(),
                    r.adminStateUp() == null || r.adminStateUp(), r.shared() != null && r.shared(), mtu, vni,
                    r.portSecurityEnabled() == null || r.portSecurityEnabled(), now, now, 1);
            return new Planned<>(w, n, create(n), rev -> {
                reservedIds.remove(id);
                networks.put(id, new Versioned<>(n, rev));
                return n;
            });
        });
    }

    private int mtu(Integer asked) {
        if (asked == null) {
            return config.maxMtu();
        }
        if (asked < 68) {
            throw ModelException.invalid("mtu", "'" + asked + "' is too small, minimum is 68");
        }
        if (asked > config.maxMtu()) {
            throw ModelException.invalid("mtu", "Requested MTU is too big, maximum is " + config.maxMtu());
        }
        return asked;
    }

    private long reserveVni(Long asked, String networkId, Write w) {
        long vni;
        if (asked == null) {
            vni = freeVnis.takeLowest().map(BigInteger::longValue).orElseThrow(() -> new ModelException.Unavailable(
                    "NoNetworkAvailable", "Unable to create the network. No tenant network is available for allocation."));
        } else {
            vni = asked;
            if (vni < 1 || vni > Network.MAX_VNI) {
                throw ModelException.invalid("provider:segmentation_id",
                        "VXLAN VNI " + vni + " is out of range 1.." + Network.MAX_VNI);
            }
            if (vniOwners.containsKey(vni)) {
                throw new ModelException.Conflict("TunnelIdInUse", "provider:segmentation_id",
                        "Unable to create the network. The tunnel ID " + vni + " is in use.");
            }
            freeVnis.remove(BigInteger.valueOf(vni));
        }
        vniOwners.put(vni, networkId);
        w.undo.add(() -> releaseVni(vni));
        return vni;
    }

    private void releaseVni(long vni) {
        vniOwners.remove(vni);
        if (vni >= config.vniMin() && vni <= config.vniMax()) {
            freeVnis.add(BigInteger.valueOf(vni));
        }
    }

    public Network updateNetwork(String id, NetworkRequest r) {
        return run(List.of(id), List.of(), w -> {
            Versioned<Network> cur = requireNetwork(id);
            Network o = cur.value();
            if (r.vni() != null && r.vni() != o.vni()) {
                throw new ModelException.BadRequest("InvalidInput", "provider:segmentation_id",
                        "Invalid input for operation: Plugin does not support updating provider attributes.");
            }
            Network n = new Network(id, o.projectId(), or(r.name(), o.name()), or(r.description(), o.description()),
                    or(r.adminStateUp(), o.adminStateUp()), or(r.shared(), o.shared()),
                    r.mtu() == null ? o.mtu() : mtu(r.mtu()), o.vni(),
                    or(r.portSecurityEnabled(), o.portSecurityEnabled()), o.createdAt(), o.updatedAt(),
                    o.revisionNumber(), o.fibPolicy());
            if (n.equals(o)) {
                return new Planned<>(w, o, null, null);
            }
            Network u = new Network(n.id(), n.projectId(), n.name(), n.description(), n.adminStateUp(), n.shared(),
                    n.mtu(), n.vni(), n.portSecurityEnabled(), n.createdAt(), now(), o.revisionNumber() + 1,
                    n.fibPolicy());
            return new Planned<>(w, u, update(u, cur.modRevision()), rev -> {
                networks.put(id, new Versioned<>(u, rev));
                return u;
            });
        });
    }

    private static <T> T or(T v, T dflt) {
        return v != null ? v : dflt;
    }

    /** Deletes a network and its subnets; 409 NetworkInUse while it has ports. */
    public Network deleteNetwork(String id) {
        return run(List.of(id), List.of(), w -> {
            Versioned<Network> cur = requireNetwork(id);
            if (!portsByNetwork.getOrDefault(id, Set.of()).isEmpty()) {
                throw new ModelException.Conflict("NetworkInUse", null, "Unable to complete operation on network "
                        + id + ". There are one or more ports still in use on the network.");
            }
            List<Compare> compares = new ArrayList<>();
            List<Op> ops = new ArrayList<>();
            compares.add(Compare.modRevision(ModelCodec.NETWORKS + id, cur.modRevision()));
            ops.add(new Op.Delete(ModelCodec.NETWORKS + id));
            List<String> subnetIds = List.copyOf(subnetsByNetwork.getOrDefault(id, Set.of()));
            for (String sid : subnetIds) {
                SubnetIpam si = ipam.get(sid);
                if (si != null && si.usedCount() > 0) {
                    throw new ModelException.Conflict("NetworkInUse", null, "Unable to complete operation on network "
                            + id + ". There are one or more ports still in use on the network.");
                }
                ops.add(new Op.Delete(ModelCodec.SUBNETS + sid));
            }
            Network n = cur.value();
            return new Planned<>(w, n, Txn.guarded(compares, ops), rev -> {
                networks.remove(id);
                for (String sid : subnetIds) {
                    subnets.remove(sid);
                    ipam.remove(sid);
                }
                subnetsByNetwork.remove(id);
                portsByNetwork.remove(id);
                releaseVni(n.vni());
                return n;
            });
        });
    }

    // ---------------------------------------------------------------- subnets

    public Subnet createSubnet(SubnetRequest r) {
        String netId = r.networkId();
        if (netId == null) {
            throw ModelException.invalid("network_id", "'None' is not a valid UUID");
        }
        return run(List.of(), List.of(netId), w -> {
            requireNetwork(netId);
            String id = newId(r.id(), w, "id");
            if (r.cidr() == null) {
                throw new ModelException.BadRequest("BadRequest", "cidr",
                        "Bad subnets request: a cidr must be specified in the absence of a subnet pool.");
            }
            Cidr cidr = Cidr.parse("cidr", r.cidr());
            if (r.ipVersion() != null && r.ipVersion() != cidr.version()) {
                throw ModelException.invalid("ip_version",
                        "Cidr " + r.cidr() + " does not match ip_version " + r.ipVersion());
            }
            SubnetMode.check(cidr.version(), r.ipv6RaMode(), r.ipv6AddressMode());
            for (String other : subnetsByNetwork.getOrDefault(netId, Set.of())) {
                Versioned<Subnet> s = subnets.get(other);
                if (s != null && s.value().parsedCidr().overlaps(cidr)) {
                    throw new ModelException.BadRequest("InvalidInput", "cidr",
                            "Invalid input for operation: Requested subnet with cidr: " + cidr + " for network: "
                                    + netId + " overlaps with another subnet.");
                }
            }
            String gw = SubnetChecks.gateway(cidr, r.gatewayIp());
            List<AllocationPool> pools = r.allocationPools() != null ? r.allocationPools()
                    : AllocationPool.defaults(cidr, gw);
            SubnetChecks.checkPools(cidr, gw, pools);
            Instant now = now();
            Subnet s = new Subnet(id, r.projectId(), netId, r.name(), r.description(), cidr.toString(), gw, pools,
                    r.enableDhcp() == null || r.enableDhcp(), SubnetChecks.checkDns(or(r.dnsNameservers(), List.of())),
                    SubnetChecks.checkRoutes(cidr, or(r.hostRoutes(), List.of())), r.ipv6RaMode(), r.ipv6AddressMode(), now, now, 1);
            return new Planned<>(w, s, create(s), rev -> {
                reservedIds.remove(id);
                subnets.put(id, new Versioned<>(s, rev));
                subnetsByNetwork.computeIfAbsent(netId, k -> ConcurrentHashMap.newKeySet()).add(id);
                ipam.put(id, new SubnetIpam(s));
                return s;
            });
        });
    }

    public Subnet updateSubnet(String id, SubnetRequest r) {
        Versioned<Subnet> first = subnets.get(id);
        if (first == null) {
            throw nf().subnet(id);
        }
        String netId = first.value().networkId();
        return run(List.of(id), List.of(netId), w -> {
            Versioned<Subnet> cur = subnets.get(id);
            if (cur == null) {
                throw nf().subnet(id);
            }
            Subnet o = cur.value();
            Cidr cidr = o.parsedCidr();
            String gw = r.gatewayIp() == null ? o.gatewayIp() : SubnetChecks.gateway(cidr, r.gatewayIp());
            List<AllocationPool> pools = or(r.allocationPools(), o.allocationPools());
            SubnetChecks.checkPools(cidr, gw, pools);
            Subnet n = new Subnet(id, o.projectId(), o.networkId(), or(r.name(), o.name()),
                    or(r.description(), o.description()), o.cidr(), gw, pools, or(r.enableDhcp(), o.enableDhcp()),
                    r.dnsNameservers() == null ? o.dnsNameservers() : SubnetChecks.checkDns(r.dnsNameservers()),
                    r.hostRoutes() == null ? o.hostRoutes() : SubnetChecks.checkRoutes(cidr, r.hostRoutes()), o.ipv6RaMode(),
                    o.ipv6AddressMode(), o.createdAt(), o.updatedAt(), o.revisionNumber());
            if (n.equals(o)) {
                return new Planned<>(w, o, null, null);
            }
            Subnet u = new Subnet(id, n.projectId(), n.networkId(), n.name(), n.description(), n.cidr(), n.gatewayIp(),
                    n.allocationPools(), n.enableDhcp(), n.dnsNameservers(), n.hostRoutes(), n.ipv6RaMode(),
                    n.ipv6AddressMode(), n.createdAt(), now(), o.revisionNumber() + 1);
            return new Planned<>(w, u, update(u, cur.modRevision()), rev -> {
                subnets.put(id, new Versioned<>(u, rev));
                SubnetIpam si = ipam.get(id);
                if (si != null && !u.allocationPools().equals(o.allocationPools())) {
                    si.setPools(u.allocationPools());
                }
                return u;
            });
        });
    }

    /** Deletes a subnet; 409 SubnetInUse while a port has an address in it. */
    public Subnet deleteSubnet(String id) {
        Versioned<Subnet> first = subnets.get(id);
        if (first == null) {
            throw nf().subnet(id);
        }
        String netId = first.value().networkId();
        return run(List.of(id), List.of(netId), w -> {
            Versioned<Subnet> cur = subnets.get(id);
            if (cur == null) {
                throw nf().subnet(id);
            }
            SubnetIpam si = ipam.get(id);
            if (si != null && si.usedCount() > 0) {
                throw new ModelException.Conflict("SubnetInUse", null, "Unable to complete operation on subnet " + id
                        + ": One or more ports have an IP allocation from this subnet.");
            }
            Subnet s = cur.value();
            Txn txn = Txn.guarded(List.of(Compare.modRevision(ModelCodec.SUBNETS + id, cur.modRevision())),
                    List.of(new Op.Delete(ModelCodec.SUBNETS + id)));
            return new Planned<>(w, s, txn, rev -> {
                subnets.remove(id);
                ipam.remove(id);
                Set<String> set = subnetsByNetwork.get(netId);
                if (set != null) {
                    set.remove(id);
                }
                return s;
            });
        });
    }

    // ---------------------------------------------------------------- ports

    public Port createPort(PortRequest r) {
        String netId = r.networkId();
        if (netId == null) {
            throw ModelException.invalid("network_id", "'None' is not a valid UUID");
        }
        PortChecks.precheck(r);
        return run(List.of(), List.of(netId), w -> {
            Network net = requireNetwork(netId).value();
            String id = newId(r.id(), w, "id");
            String mac = r.macAddress() != null ? reserveMac(netId, r.macAddress(), w) : allocateMac(w);
            List<FixedIp> ips = r.fixedIps() == null ? allocateDefaultIps(netId, w)
                    : allocateIps(netId, r.fixedIps(), Set.of(), w);
            boolean portSecurity = or(r.portSecurityEnabled(), net.portSecurityEnabled());
            List<AllowedAddressPair> pairs = PortChecks.pairs(r.allowedAddressPairs(), mac, portSecurity);
            List<String> sgs = PortChecks.securityGroups(r.securityGroups(), portSecurity);
            Instant now = now();
            Port p = new Port(id, r.projectId(), netId, r.name(), r.description(), mac,
                    r.adminStateUp() == null || r.adminStateUp(), r.deviceId(), r.deviceOwner(), ips, pairs, sgs,
                    portSecurity, r.hostId(), r.bindingProfile(), null, TenantSystemState.NOT_DEPLOYED, null, now,
                    now, 1);
            return new Planned<>(w, p, create(p), rev -> {
                reservedIds.remove(id);
                ports.put(id, new Versioned<>(p, rev));
                portsByNetwork.computeIfAbsent(netId, k -> ConcurrentHashMap.newKeySet()).add(id);
                return p;
            });
        });
    }

    private String reserveMac(String netId, String asked, Write w) {
        MacAddress m = MacAddress.parse("mac_address", asked);
        if (m.isMulticast() || m.value() == 0) {
            throw ModelException.invalid("mac_address", "'" + asked + "' is not a valid unicast MAC address");
        }
        if (!macs.add(m.value())) {
            throw new ModelException.Conflict("MacAddressInUse", "mac_address", "Unable to complete operation for network "
                    + netId + ". The mac address " + m + " is in use.");
        }
        w.undo.add(() -> macs.remove(m.value()));
        return m.toString();
    }

    private String allocateMac(Write w) {
        long prefix = (long) config.macPrefix() << 24;
        for (int attempt = 0; attempt < 64; attempt++) {
            long v = prefix | random.nextInt(1 << 24);
            if (macs.add(v)) {
                w.undo.add(() -> macs.remove(v));
                return new MacAddress(v).toString();
            }
        }
        throw new ModelException.Unavailable("MacAddressGenerationFailure",
                "Unable to generate unique mac on network.");
    }

    private List<String> subnetsInOrder(String netId) {
        return subnetIdsOf(netId);
    }

    /** Neutron: one address from the first IPv4 subnet with room, and one from the first IPv6 subnet. */
    private List<FixedIp> allocateDefaultIps(String netId, Write w) {
        List<FixedIp> out = new ArrayList<>();
        for (int version : new int[] {4, 6}) {
            boolean any = false;
            String got = null;
            String subnetId = null;
            for (String sid : subnetsInOrder(netId)) {
                SubnetIpam si = ipam.get(sid);
                if (si == null || si.cidr.version() != version) {
                    continue;
                }
                any = true;
                Optional<String> ip = si.allocateAny();
                if (ip.isPresent()) {
                    got = ip.get();
                    subnetId = sid;
                    break;
                }
            }
            if (got != null) {
                String ip = got, sid = subnetId;
                w.undo.add(() -> releaseIp(sid, ip));
                out.add(new FixedIp(sid, ip));
            } else if (any) {
                throw new ModelException.Conflict("IpAddressGenerationFailure", "fixed_ips",
                        "No more IP addresses available on network " + netId + ".");
            }
        }
        return out;
    }

    private void releaseIp(String subnetId, String ip) {
        SubnetIpam si = ipam.get(subnetId);
        if (si != null) {
            si.release(ip);
        }
    }

    /** Allocates the asked addresses; {@code keep} are addresses the port already holds. */
    private List<FixedIp> allocateIps(String netId, List<PortRequest.FixedIpRequest> asked, Set<FixedIp> keep,
                                      Write w) {
        List<FixedIp> out = new ArrayList<>();
        Set<FixedIp> seen = new HashSet<>();
        for (PortRequest.FixedIpRequest f : asked) {
            String sid = f.subnetId();
            if (f.ipAddress() == null && sid == null) {
                throw ModelException.invalid("fixed_ips", "each fixed IP needs a subnet_id or an ip_address");
            }
            String ip = f.ipAddress() == null ? null : IpAddresses.canonical("fixed_ips", f.ipAddress());
            if (sid != null) {
                Versioned<Subnet> s = subnets.get(sid);
                if (s == null || !s.value().networkId().equals(netId)) {
                    throw new ModelException.BadRequest("InvalidInput", "fixed_ips", "Invalid input for operation: "
                            + "Failed to create port on network " + netId + ", because fixed_ips included invalid subnet "
                            + sid + ".");
                }
                if (ip != null && !ipam.get(sid).cidr.contains(IpAddresses.parse("fixed_ips", ip))) {
                    throw new ModelException.BadRequest("InvalidIpForSubnet", "fixed_ips",
                            "IP address " + ip + " is not a valid IP for the specified subnet.");
                }
            } else {
                InetAddress a = IpAddresses.parse("fixed_ips", ip);
                for (String cand : subnetsInOrder(netId)) {
                    if (ipam.get(cand).cidr.contains(a)) {
                        sid = cand;
                        break;
                    }
                }
                if (sid == null) {
                    throw new ModelException.BadRequest("InvalidIpForNetwork", "fixed_ips", "IP address " + ip
                            + " is not a valid IP for any of the subnets on the specified network.");
                }
            }
            SubnetIpam si = ipam.get(sid);
            if (ip == null) {
                String s2 = sid;
                String got = si.allocateAny().orElseThrow(() -> new ModelException.Conflict(
                        "IpAddressGenerationFailure", "fixed_ips", "No more IP addresses available for subnet " + s2 + "."));
                w.undo.add(() -> releaseIp(s2, got));
                out.add(new FixedIp(sid, got));
                continue;
            }
            FixedIp fip = new FixedIp(sid, ip);
            if (!seen.add(fip)) {
                throw ModelException.invalid("fixed_ips", "Duplicate IP address '" + ip + "'");
            }
            if (keep.contains(fip)) {
                out.add(fip);
                continue;
            }
            BigInteger v = IpAddresses.toBigInteger(IpAddresses.parse("fixed_ips", ip));
            if (v.equals(si.cidr.first()) || (si.cidr.version() == 4 && si.cidr.prefixLength() < 31
                    && v.equals(si.cidr.last()))) {
                throw new ModelException.BadRequest("InvalidIpForSubnet", "fixed_ips",
                        "IP address " + ip + " is not a valid IP for the specified subnet.");
            }
            if (!si.allocate(ip)) {
                throw new ModelException.Conflict("IpAddressInUse", "fixed_ips", "Unable to complete operation for network "
                        + netId + ". The IP address " + ip + " is in use.");
            }
            String s2 = sid;
            w.undo.add(() -> releaseIp(s2, ip));
            out.add(fip);
        }
        return out;
    }

    private Versioned<Port> requirePort(String id) {
        Versioned<Port> p = id == null ? null : ports.get(id);
        if (p == null) {
            throw nf().port(id);
        }
        return p;
    }

    public Port updatePort(String id, PortRequest r) {
        String netId = requirePort(id).value().networkId();
        PortChecks.precheck(r);
        return run(List.of(id), List.of(netId), w -> {
            Versioned<Port> cur = requirePort(id);
            Port o = cur.value();
            String mac = o.macAddress();
            if (r.macAddress() != null && !MacAddress.parse("mac_address", r.macAddress()).toString().equals(mac)) {
                if (o.attachedNve() != null) {
                    throw new ModelException.Conflict("PortBound", "mac_address", "Unable to complete operation on port "
                            + id + ", port is already bound, port type: ovs, old_mac " + mac + ", new_mac "
                            + r.macAddress() + ".");
                }
                mac = reserveMac(netId, r.macAddress(), w);
            }
            List<FixedIp> ips = o.fixedIps();
            Set<FixedIp> released = new LinkedHashSet<>();
            if (r.fixedIps() != null) {
                ips = allocateIps(netId, r.fixedIps(), new HashSet<>(o.fixedIps()), w);
                released.addAll(o.fixedIps());
                released.removeAll(new HashSet<>(ips));
            }
            boolean portSecurity = or(r.portSecurityEnabled(), o.portSecurityEnabled());
            List<AllowedAddressPair> pairs = r.allowedAddressPairs() != null
                    ? PortChecks.pairs(r.allowedAddressPairs(), mac, portSecurity) : o.allowedAddressPairs();
            if (!portSecurity && !pairs.isEmpty()) {
                PortChecks.pairs(List.of(new PortRequest.AddressPairRequest("0.0.0.0", null)), mac, false);
            }
            List<String> sgs = PortChecks.securityGroups(or(r.securityGroups(), o.securityGroups()), portSecurity);
            Port n = new Port(id, o.projectId(), netId, or(r.name(), o.name()), or(r.description(), o.description()),
                    mac, or(r.adminStateUp(), o.adminStateUp()), or(r.deviceId(), o.deviceId()),
                    or(r.deviceOwner(), o.deviceOwner()), ips, pairs, sgs, portSecurity, or(r.hostId(), o.hostId()),
                    or(r.bindingProfile(), o.bindingProfile()), o.attachedNve(), o.state(), o.substate(),
                    o.createdAt(), o.updatedAt(), o.revisionNumber()).keepingLifecycleOf(o);
            if (n.equals(o)) {
                return new Planned<>(w, o, null, null);
            }
            Port u0 = new Port(id, n.projectId(), netId, n.name(), n.description(), n.macAddress(), n.adminStateUp(),
                    n.deviceId(), n.deviceOwner(), n.fixedIps(), n.allowedAddressPairs(), n.securityGroups(),
                    n.portSecurityEnabled(), n.hostId(), n.bindingProfile(), n.attachedNve(), n.state(), n.substate(),
                    n.createdAt(), now(), o.revisionNumber() + 1).keepingLifecycleOf(o);
            // A changed binding:host_id of a running TS asks for a move there (issue 6).
            boolean moveAsked = r.hostId() != null && !r.hostId().isEmpty() && !r.hostId().equals(o.hostId())
                    && o.attachedNve() != null && !r.hostId().equals(o.attachedNve())
                    && TenantSystemState.canTransition(o.state(), TenantSystemState.MOVING);
            Port u = !moveAsked ? u0 : u0.withState(TenantSystemState.MOVING, null, u0.attachedNve(), u0.hostId(),
                    u0.updatedAt()).withMove(o.moves(), r.hostId(), u0.updatedAt());
            String oldMac = o.macAddress();
            return new Planned<>(w, u, update(u, cur.modRevision()), rev -> {
                ports.put(id, new Versioned<>(u, rev));
                for (FixedIp f : released) {
                    releaseIp(f.subnetId(), f.ipAddress());
                }
                if (!oldMac.equals(u.macAddress())) {
                    macs.remove(MacAddress.parse("mac_address", oldMac).value());
                }
                return u;
            });
        });
    }

    public Port deletePort(String id) {
        String netId = requirePort(id).value().networkId();
        return run(List.of(id), List.of(netId), w -> {
            Versioned<Port> cur = requirePort(id);
            Port p = cur.value();
            Txn txn = Txn.guarded(List.of(Compare.modRevision(ModelCodec.PORTS + id, cur.modRevision())),
                    List.of(new Op.Delete(ModelCodec.PORTS + id)));
            return new Planned<>(w, p, txn, rev -> {
                ports.remove(id);
                Set<String> set = portsByNetwork.get(netId);
                if (set != null) {
                    set.remove(id);
                }
                for (FixedIp f : p.fixedIps()) {
                    releaseIp(f.subnetId(), f.ipAddress());
                }
                macs.remove(MacAddress.parse("mac_address", p.macAddress()).value());
                return p;
            });
        });
    }

    // ---------------------------------------------------------------- tenant-system state

    /**
     * Moves a TS to {@code state}; 409 InvalidStateTransition when the transition table refuses
     * it. A sub-state is only meaningful with OTHER.
     */
    public Port setState(String portId, TenantSystemState state, String substate) {
        Objects.requireNonNull(state, "state");
        if (substate != null && state != TenantSystemState.OTHER) {
            throw ModelException.invalid("substate", "a substate is only allowed with state OTHER");
        }
        return transition(portId, p -> TenantSystemTransitions.setState(p, state, substate, now()))
                .orElseGet(() -> requirePort(portId).value());
    }

    /** The NVE {@code systemId} reports the TS attached: bound there, RUNNING, status ACTIVE. */
    public Optional<Port> portPlugged(String portId, String systemId) {
        Objects.requireNonNull(systemId, "systemId");
        if (!ports.containsKey(portId)) {
            return Optional.empty();
        }
        return transition(portId, p -> TenantSystemTransitions.plugged(p, systemId, now()));
    }

    /**
     * Starts moving a TS to NVE {@code toSystemId} (issue 6): MOVING with that target until the NVE there reports it
     * plugged. 409 InvalidStateTransition when its state cannot move, 409 AlreadyThere when it runs there.
     */
    public Port startMove(String portId, String toSystemId) {
        if (toSystemId == null || toSystemId.isBlank()) {
            throw ModelException.invalid("to", "'to' must name the NVE (system-id) to move to");
        }
        return transition(portId, p -> TenantSystemTransitions.startMove(p, toSystemId, now()))
                .orElseGet(() -> requirePort(portId).value());
    }

    /** Sets a TS's FIB class (pushed when latency-sensitive in a hybrid network). */
    public Port setFibClass(String portId, FibClass fibClass) {
        Objects.requireNonNull(fibClass, "fibClass");
        return transition(portId, p -> p.fibClass() == fibClass ? p : p.withFibClass(fibClass, now()))
                .orElseGet(() -> requirePort(portId).value());
    }

    /** Sets a network's FIB policy (push, pull or hybrid; suspended withdraw or keep). */
    public Network setFibPolicy(String networkId, FibPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return run(List.of(networkId), List.of(), w -> {
            Versioned<Network> cur = requireNetwork(networkId);
            Network o = cur.value();
            if (o.fibPolicy().equals(policy)) {
                return new Planned<>(w, o, null, null);
            }
            Network u = o.withFibPolicy(policy, now());
            return new Planned<>(w, u, update(u, cur.modRevision()), rev -> {
                networks.put(networkId, new Versioned<>(u, rev));
                return u;
            });
        });
    }

    /**
     * The NVE {@code systemId} reports the TS gone. Ignored when the port runs on another NVE
     * (a late report after a move). MOVING stays MOVING; NOT_DEPLOYED stays; others become SHUT_OFF.
     */
    public Optional<Port> portUnplugged(String portId, String systemId) {
        Objects.requireNonNull(systemId, "systemId");
        if (!ports.containsKey(portId)) {
            return Optional.empty();
        }
        return transition(portId, p -> TenantSystemTransitions.unplugged(p, systemId, now()));
    }

    private Optional<Port> transition(String portId, Function<Port, Port> change) {
        String netId = requirePort(portId).value().networkId();
        Port result = run(List.of(portId), List.of(netId), w -> {
            Versioned<Port> cur = requirePort(portId);
            Port o = cur.value();
            Port n = change.apply(o);
            if (TenantSystemTransitions.sameState(n, o)) {
                return new Planned<>(w, null, null, null);
            }
            return new Planned<>(w, n, update(n, cur.modRevision()), rev -> {
                ports.put(portId, new Versioned<>(n, rev));
                return n;
            });
        });
        return Optional.ofNullable(result);
    }

    @Override
    public void close() {
        watch.close();
    }
}
