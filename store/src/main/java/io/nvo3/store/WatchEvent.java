package io.nvo3.store;

/** One change: {@code kv} is the new value (PUT) or the tombstone's key and revision (DELETE). */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {
    public enum Type { PUT, DELETE }

    public long revision() {
        return kv.modRevision();
    }
}
