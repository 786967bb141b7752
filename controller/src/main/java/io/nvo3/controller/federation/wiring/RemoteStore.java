package io.nvo3.controller.federation.wiring;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.store.KvStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote entries last applied to the NVEs, under {@code /nvo3-federation/remote}, so that a restarted controller
 * feeds them to its NVE manager before any NVE reconciles (its NVEs keep forwarding to other domains while the BGP
 * peers re-send). Writes are asynchronous and skipped when unchanged.
 */
public final class RemoteStore {
    static final String KEY = "/nvo3-federation/remote";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KvStore store;
    private Doc written;

    /** JSON shapes. */
    record MacDoc(String vn, String mac, String ip, String vtep, int vni) {}

    record FloodDoc(String vn, String vtep, int vni) {}

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

    /** Reads the remembered entries; unreadable ones are skipped with a warning. */
    public Remembered load() {
        Optional<io.nvo3.store.KeyValue> kv = store.get(KEY);
        if (kv.isEmpty()) {
            return Remembered.NONE;
        }
        Doc d;
        try {
            d = JSON.readValue(kv.get().value(), Doc.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable remembered remote entries: {}", e.getMessage());
            return Remembered.NONE;
        }
        written = d;
        Set<RemoteMac> macs = new LinkedHashSet<>();
        Set<RemoteFloodMember> floods = new LinkedHashSet<>();
        for (MacDoc m : d.macs() == null ? List.<MacDoc>of() : d.macs()) {
            try {
                macs.add(new RemoteMac(m.vn(), MacAddress.parse(m.mac()),
                        m.ip() == null ? Optional.empty() : Optional.of(InetAddress.getByName(m.ip())), v4(m.vtep()),
                        m.vni()));
            } catch (RuntimeException | UnknownHostException e) {
                LOG.warn("ignoring remembered remote MAC {}: {}", m, e.getMessage());
            }
        }
        for (FloodDoc f : d.floods() == null ? List.<FloodDoc>of() : d.floods()) {
            try {
                floods.add(new RemoteFloodMember(f.vn(), v4(f.vtep()), f.vni()));
            } catch (RuntimeException | UnknownHostException e) {
                LOG.warn("ignoring remembered flood member {}: {}", f, e.getMessage());
            }
        }
        return new Remembered(macs, floods);
    }

    /** Remembers what is applied now. */
    public void save(Set<RemoteMac> macs, Set<RemoteFloodMember> floods) {
        List<MacDoc> m = macs.stream().map(x -> new MacDoc(x.vnId(), x.mac().toString(),
                x.ip().map(InetAddress::getHostAddress).orElse(null), x.vtep().getHostAddress(), x.vni()))
                .sorted(java.util.Comparator.comparing(MacDoc::toString)).toList();
        List<FloodDoc> f = floods.stream().map(x -> new FloodDoc(x.vnId(), x.vtep().getHostAddress(), x.vni()))
                .sorted(java.util.Comparator.comparing(FloodDoc::toString)).toList();
        Doc d = new Doc(m, f);
        if (d.equals(written)) {
            return;
        }
        written = d;
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.put(KEY, bytes).whenComplete((r, err) -> {
            if (err != null) {
                LOG.warn("could not remember the applied remote entries: {}", err.toString());
            }
        });
    }

    private static Inet4Address v4(String s) throws UnknownHostException {
        if (s == null || !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 literal: " + s);
        }
        return (Inet4Address) InetAddress.getByName(s);
    }
}
