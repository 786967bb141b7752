package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.nlri.Nlri;
import java.util.function.BiConsumer;

/** Destination key → slot ({@link Path} when there is one path, else a multi-path holder). */
interface RibTable {
    Object get(Nlri key);

    void put(Nlri key, Object slot);

    void remove(Nlri key);

    int size();

    /** Visits every entry; the action must not modify the table. */
    void forEach(BiConsumer<Nlri, Object> action);
}
