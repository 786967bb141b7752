package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.nlri.Nlri;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Any family: a hash map keyed by the NLRI record. */
final class HashRibTable implements RibTable {
    private final Map<Nlri, Object> map = new HashMap<>();

    @Override
    public Object get(Nlri key) {
        return map.get(key);
    }

    @Override
    public void put(Nlri key, Object slot) {
        map.put(key, slot);
    }

    @Override
    public void remove(Nlri key) {
        map.remove(key);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public void forEach(BiConsumer<Nlri, Object> action) {
        map.forEach(action);
    }
}
