package io.nvo3.model;

/**
 * A durable change of the model at store revision {@code revision}: {@code before} is null
 * for a creation, {@code after} is null for a deletion.
 */
public sealed interface ModelEvent {
    long revision();

    String id();

    record NetworkChanged(long revision, Network before, Network after) implements ModelEvent {
        public String id() {
            return before != null ? before.id() : after.id();
        }
    }

    record SubnetChanged(long revision, Subnet before, Subnet after) implements ModelEvent {
        public String id() {
            return before != null ? before.id() : after.id();
        }
    }

    record PortChanged(long revision, Port before, Port after) implements ModelEvent {
        public String id() {
            return before != null ? before.id() : after.id();
        }
    }
}
