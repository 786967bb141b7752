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

    /**
     * Visits every entry without building its key unless the visitor asks {@link KeyRef#key()}
     * (tables of primitive keys rebuild the NLRI each time); the visitor must not modify the table
     * nor keep the {@code KeyRef} past its call.
     */
    void forEachSlot(SlotVisitor visitor);

    /** The key of the entry being visited. */
    interface KeyRef {
        Nlri key();
    }

    @FunctionalInterface
    interface SlotVisitor {
        void visit(Object slot, KeyRef key);
    }
}
