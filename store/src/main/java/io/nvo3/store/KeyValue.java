package io.nvo3.store;

import java.util.Arrays;
import java.util.Objects;

/** One stored key, as etcd's mvccpb.KeyValue. */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue kv && key.equals(kv.key) && Arrays.equals(value, kv.value)
                && createRevision == kv.createRevision && modRevision == kv.modRevision && version == kv.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(value), createRevision, modRevision, version);
    }

    @Override
    public String toString() {
        return "KeyValue[" + key + ", " + value.length + " bytes, create=" + createRevision + ", mod=" + modRevision
                + ", version=" + version + "]";
    }
}
