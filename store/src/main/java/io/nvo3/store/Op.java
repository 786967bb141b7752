package io.nvo3.store;

import java.util.Objects;

/** A mutation inside a transaction. */
public sealed interface Op {
    record Put(String key, byte[] value) implements Op {
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    record Delete(String key) implements Op {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }

    record DeletePrefix(String prefix) implements Op {
        public DeletePrefix {
            Objects.requireNonNull(prefix, "prefix");
        }
    }
}
