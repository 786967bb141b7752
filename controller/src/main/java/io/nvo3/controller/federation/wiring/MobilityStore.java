package io.nvo3.controller.federation.wiring;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.controller.federation.export.MobilityMemory;
import io.nvo3.store.KvStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MAC mobility decisions ({@link MobilityMemory}) under {@code /nvo3-federation/mobility}, beside
 * {@link RemoteStore}: a restarted controller keeps the sequence numbers it chose and the MACs it withdrew, instead of
 * re-advertising a MAC that moved to another domain before that domain's route is received again. Writes are
 * asynchronous and skipped when unchanged.
 */
public final class MobilityStore {
    static final String KEY = "/nvo3-federation/mobility";
    private static final Logger LOG = LoggerFactory.getLogger(MobilityStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KvStore store;
    private List<Entry> written;

    /** JSON shape of one (VN, MAC). */
    record Entry(String vn, String mac, long sequence, String port, String vtep, Long moves, String lastVtep,
                 boolean withdrawn, List<Long> events, boolean duplicate) {}

    record Doc(List<Entry> macs) {}

    public MobilityStore(KvStore store) {
        this.store = store;
    }

    /** Reads the remembered decisions; unreadable ones are skipped with a warning. */
    public Map<MobilityMemory.Key, MobilityMemory> load() {
        Map<MobilityMemory.Key, MobilityMemory> out = new LinkedHashMap<>();
        Optional<io.nvo3.store.KeyValue> kv = store.get(KEY);
        if (kv.isEmpty()) {
            return out;
        }
        Doc d;
        try {
            d = JSON.readValue(kv.get().value(), Doc.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable remembered MAC mobility state: {}", e.getMessage());
            return out;
        }
        for (Entry e : d.macs() == null ? List.<Entry>of() : d.macs()) {
            try {
                Optional<MobilityMemory.Attachment> att = e.port() == null ? Optional.empty()
                        : Optional.of(new MobilityMemory.Attachment(e.port(), v4(e.vtep()),
                        e.moves() == null ? 0 : e.moves()));
                List<Instant> events = (e.events() == null ? List.<Long>of() : e.events()).stream()
                        .map(Instant::ofEpochMilli).toList();
                out.put(new MobilityMemory.Key(e.vn(), MacAddress.parse(e.mac())),
                        new MobilityMemory(e.sequence(), att,
                                e.lastVtep() == null ? Optional.empty() : Optional.of(v4(e.lastVtep())),
                                e.withdrawn(), events, e.duplicate()));
            } catch (RuntimeException | UnknownHostException ex) {
                LOG.warn("ignoring remembered MAC mobility state {}: {}", e, ex.getMessage());
            }
        }
        written = entries(out);
        return out;
    }

    /** Remembers the decisions of now. */
    public void save(Map<MobilityMemory.Key, MobilityMemory> memory) {
        List<Entry> e = entries(memory);
        if (e.equals(written)) {
            return;
        }
        written = e;
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(new Doc(e));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        store.put(KEY, bytes).whenComplete((r, err) -> {
            if (err != null) {
                LOG.warn("could not remember the MAC mobility state: {}", err.toString());
            }
        });
    }

    /**
     * Only what a restart could not derive again: a sequence above the port's own move count, a withdrawn MAC, recent
     * moves or a duplicate MAC. A MAC advertised with its port's move count is decided the same way after a restart,
     * so thousands of ordinary ports cost no store writes.
     */
    static boolean worthKeeping(MobilityMemory m) {
        return m.withdrawn() || m.duplicate() || !m.events().isEmpty() || m.attachment().isEmpty()
                || m.sequence() != m.attachment().get().localMoves();
    }

    private static List<Entry> entries(Map<MobilityMemory.Key, MobilityMemory> memory) {
        List<Entry> out = new ArrayList<>();
        memory.entrySet().stream().filter(e -> worthKeeping(e.getValue())).forEach(e -> {
            MobilityMemory.Key k = e.getKey();
            MobilityMemory m = e.getValue();
            out.add(new Entry(k.vnId(), k.mac().toString(), m.sequence(),
                m.attachment().map(MobilityMemory.Attachment::portId).orElse(null),
                m.attachment().map(a -> a.vtep().getHostAddress()).orElse(null),
                m.attachment().map(MobilityMemory.Attachment::localMoves).orElse(null),
                m.lastVtep().map(InetAddress::getHostAddress).orElse(null), m.withdrawn(),
                m.events().stream().map(Instant::toEpochMilli).toList(), m.duplicate()));
        });
        out.sort(Comparator.comparing(Entry::vn).thenComparing(Entry::mac));
        return out;
    }

    private static Inet4Address v4(String s) throws UnknownHostException {
        if (s == null || !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 literal: " + s);
        }
        return (Inet4Address) InetAddress.getByName(s);
    }
}
