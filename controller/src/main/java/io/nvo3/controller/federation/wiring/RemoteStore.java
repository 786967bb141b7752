package io.nvo3.controller.federation.wiring;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.store.KeyValue;
import io.nvo3.store.KvStore;
import io.nvo3.store.Op;
import io.nvo3.store.Txn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote entries last applied to the NVEs, so that a restarted controller feeds them to its NVE manager before any
 * NVE reconciles (its NVEs keep forwarding to other domains while the BGP peers re-send). One key per entry under
 * {@value #PREFIX} ({@code mac/VN/MAC/IP/VTEP/VNI} and {@code flood/VN/VTEP/VNI}, the JSON of the entry as value): a
 * change costs a write of what changed, not of every entry (one document of 10,000 MACs was ~1.2 MB per change, and
 * past ~12,000 it no longer fit in one store transaction). Changes are {@link #record recorded} as they are applied
 * and {@link #flush written} later in a few transactions.
 */
public final class RemoteStore {
    static final String PREFIX = "/nvo3-federation/remote/";
    /** Where a controller before per-entry keys kept one document of every entry: read, then migrated. */
    static final String LEGACY_KEY = "/nvo3-federation/remote";
    private static final int OPS_PER_TXN = 512;
    private static final int BYTES_PER_TXN = 512 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RemoteStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KvStore store;
    /** Recorded, not yet written: key to value, null to delete; a later change of a key replaces the earlier one. */
    private final Map<String, byte[]> pending = new LinkedHashMap<>();

    /** JSON shapes. */
    record MacDoc(String vn, String mac, String ip, String vtep, int vni) {}

    record FloodDoc(String vn, String vtep, int vni) {}

    /** The document of {@link #LEGACY_KEY}. */
    record Doc(List<MacDoc> macs, List<FloodDoc> floods) {}

    /** What was remembered. */
    public record Remembered(Set<RemoteMac> macs, Set<RemoteFloodMember> floods) {
        public static final Remembered NONE = new Remembered(Set.of(), Set.of());

        public Remembered {
            macs = Set.copyOf(macs);
            floods = Set.copyOf(floods);
        }

        /** As additions for {@code NveManager.start(..., initialRemote)}. */
        public List<FibChange> asChanges() {
            List<FibChange> out = new ArrayList<>();
            macs.forEach(m -> out.add(new FibChange.RemoteMacAdded(m)));
            floods.forEach(f -> out.add(new FibChange.FloodMemberAdded(f)));
            return out;
        }
    }

    public RemoteStore(KvStore store) {
        this.store = store;
    }

    /** The MAC mobility decisions, kept in the same store. */
    public MobilityStore mobility() {
        return new MobilityStore(store);
    }

    /**
     * Reads the remembered entries; unreadable ones are skipped with a warning. Entries of the former single document
     * are moved to their own keys (before this returns) and the document deleted.
     */
    public Remembered load() {
        Set<RemoteMac> macs = new LinkedHashSet<>();
        Set<RemoteFloodMember> floods = new LinkedHashSet<>();
        for (KeyValue kv : store.range(PREFIX)) {
            String rest = kv.key().substring(PREFIX.length());
            try {
                if (rest.startsWith("mac/")) {
                    macs.add(mac(JSON.readValue(kv.value(), MacDoc.class)));
                } else if (rest.startsWith("flood/")) {
                    floods.add(flood(JSON.readValue(kv.value(), FloodDoc.class)));
                } else {
                    LOG.warn("ignoring unknown remembered remote entry {}", kv.key());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("ignoring remembered remote entry {}: {}", kv.key(), e.getMessage());
            }
        }
        store.get(LEGACY_KEY).ifPresent(kv -> migrate(kv, macs, floods));
        return new Remembered(macs, floods);
    }

    private void migrate(KeyValue kv, Set<RemoteMac> macs, Set<RemoteFloodMember> floods) {
        Doc d;
        try {
            d = JSON.readValue(kv.value(), Doc.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable remembered remote entries: {}", e.getMessage());
            d = new Doc(List.of(), List.of());
        }
        List<FibChange> moved = new ArrayList<>();
        for (MacDoc m : d.macs() == null ? List.<MacDoc>of() : d.macs()) {
            try {
                RemoteMac r = mac(m);
                macs.add(r);
                moved.add(new FibChange.RemoteMacAdded(r));
            } catch (RuntimeException | UnknownHostException e) {
                LOG.warn("ignoring remembered remote MAC {}: {}", m, e.getMessage());
            }
        }
        for (FloodDoc f : d.floods() == null ? List.<FloodDoc>of() : d.floods()) {
            try {
                RemoteFloodMember r = flood(f);
                floods.add(r);
                moved.add(new FibChange.FloodMemberAdded(r));
            } catch (RuntimeException | UnknownHostException e) {
                LOG.warn("ignoring remembered flood member {}: {}", f, e.getMessage());
            }
        }
        record(moved);
        pending.put(LEGACY_KEY, null);
        try {
            for (Txn t : drain()) {
                store.txn(t).get();
            }
            LOG.info("remembered remote entries moved to one key each under {} ({} entries)", PREFIX, moved.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while moving the remembered remote entries", e);
        } catch (ExecutionException e) {
            LOG.warn("could not move the remembered remote entries to their own keys: {}", e.getCause().toString());
        }
    }

    /** Notes FIB changes just applied to the NVEs (remote MACs and flood members); {@link #flush} writes them. */
    public void record(List<FibChange> changes) {
        for (FibChange c : changes) {
            switch (c) {
                case FibChange.RemoteMacAdded a -> pending.put(key(a.remoteMac()), json(doc(a.remoteMac())));
                case FibChange.RemoteMacRemoved r -> pending.put(key(r.remoteMac()), null);
                case FibChange.FloodMemberAdded a -> pending.put(key(a.member()), json(doc(a.member())));
                case FibChange.FloodMemberRemoved r -> pending.put(key(r.member()), null);
                default -> throw new IllegalArgumentException("not a remote FIB change: " + c);
            }
        }
    }

    /** Writes what was recorded since the last flush (asynchronously; a failure is logged). */
    public void flush() {
        for (Txn t : drain()) {
            store.txn(t).whenComplete((r, err) -> {
                if (err != null) {
                    LOG.warn("could not remember the applied remote entries: {}", err.toString());
                }
            });
        }
    }

    /** The recorded changes as transactions within the store's limits; clears them. */
    private List<Txn> drain() {
        List<Txn> out = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        int bytes = 0;
        for (Map.Entry<String, byte[]> e : pending.entrySet()) {
            int size = e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length);
            if (!ops.isEmpty() && (ops.size() == OPS_PER_TXN || bytes + size > BYTES_PER_TXN)) {
                out.add(Txn.of(ops.toArray(Op[]::new)));
                ops = new ArrayList<>();
                bytes = 0;
            }
            ops.add(e.getValue() == null ? new Op.Delete(e.getKey()) : new Op.Put(e.getKey(), e.getValue()));
            bytes += size;
        }
        if (!ops.isEmpty()) {
            out.add(Txn.of(ops.toArray(Op[]::new)));
        }
        pending.clear();
        return out;
    }

    static String key(RemoteMac m) {
        return PREFIX + "mac/" + part(m.vnId()) + "/" + m.mac() + "/" + m.ip().map(InetAddress::getHostAddress).orElse("-")
                + "/" + m.vtep().getHostAddress() + "/" + m.vni();
    }

    static String key(RemoteFloodMember f) {
        return PREFIX + "flood/" + part(f.vnId()) + "/" + f.vtep().getHostAddress() + "/" + f.vni();
    }

    private static String part(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static MacDoc doc(RemoteMac x) {
        return new MacDoc(x.vnId(), x.mac().toString(), x.ip().map(InetAddress::getHostAddress).orElse(null),
                x.vtep().getHostAddress(), x.vni());
    }

    private static FloodDoc doc(RemoteFloodMember x) {
        return new FloodDoc(x.vnId(), x.vtep().getHostAddress(), x.vni());
    }

    private static byte[] json(Object doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RemoteMac mac(MacDoc m) throws UnknownHostException {
        return new RemoteMac(m.vn(), MacAddress.parse(m.mac()),
                m.ip() == null ? Optional.empty() : Optional.of(InetAddress.getByName(m.ip())), v4(m.vtep()), m.vni());
    }

    private static RemoteFloodMember flood(FloodDoc f) throws UnknownHostException {
        return new RemoteFloodMember(f.vn(), v4(f.vtep()), f.vni());
    }

    private static Inet4Address v4(String s) throws UnknownHostException {
        if (s == null || !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 literal: " + s);
        }
        return (Inet4Address) InetAddress.getByName(s);
    }
}
