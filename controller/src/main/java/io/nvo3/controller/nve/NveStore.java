package io.nvo3.controller.nve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvo3.store.KeyValue;
import io.nvo3.store.KvStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link NveRecord}s under {@code /nvo3-nve/nves/<system-id>}; writes are asynchronous and skipped when unchanged. */
final class NveStore {
    static final String PREFIX = "/nvo3-nve/nves/";
    private static final Logger LOG = LoggerFactory.getLogger(NveStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KvStore store;
    private final Map<String, NveRecord> written = new HashMap<>();

    NveStore(KvStore store) {
        this.store = store;
    }

    List<NveRecord> load() {
        List<NveRecord> out = new ArrayList<>();
        for (KeyValue kv : store.range(PREFIX)) {
            try {
                NveRecord r = JSON.readValue(kv.value(), NveRecord.class);
                written.put(r.systemId(), r);
                out.add(r);
            } catch (IOException | RuntimeException e) {
                LOG.warn("ignoring unreadable NVE record {}: {}", kv.key(), e.getMessage());
            }
        }
        return out;
    }

    void save(NveRecord r) {
        if (r.equals(written.get(r.systemId()))) {
            return;
        }
        written.put(r.systemId(), r);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.put(PREFIX + r.systemId(), bytes).whenComplete((res, err) -> {
            if (err != null) {
                LOG.warn("could not persist NVE {}: {}", r.systemId(), err.toString());
            }
        });
    }

    void remove(String systemId) {
        if (written.remove(systemId) != null) {
            store.delete(PREFIX + systemId).whenComplete((res, err) -> {
                if (err != null) {
                    LOG.warn("could not forget NVE {}: {}", systemId, err.toString());
                }
            });
        }
    }
}
