package io.nvo3.store;

import java.util.Objects;

/**
 * A guard of a transaction, as etcd's Compare: the key's mod revision (0 when absent),
 * version (0 when absent) or create revision must equal {@code expected}.
 */
public record Compare(String key, Target target, long expected) {
    public enum Target { MOD_REVISION, VERSION, CREATE_REVISION }

    public Compare {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(target, "target");
    }

    public static Compare absent(String key) {
        return new Compare(key, Target.VERSION, 0);
    }

    public static Compare modRevision(String key, long rev) {
        return new Compare(key, Target.MOD_REVISION, rev);
    }
}
