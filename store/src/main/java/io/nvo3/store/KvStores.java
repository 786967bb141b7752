package io.nvo3.store;

import java.nio.file.Path;
import java.util.Objects;

/** Factories for {@link KvStore} backends. */
public final class KvStores {
    /** Name of the data file inside the data directory. */
    public static final String FILE_NAME = "store.mv.db";

    private KvStores() {}

    /**
     * Tuning of the embedded store.
     *
     * @param historyRevisions how many past revisions the watch history keeps (a watch can resume
     *                         from {@code revision - historyRevisions + 1})
     * @param fsync            force every group commit to the device before acknowledging it; without
     *                         it an acknowledged write survives a crash of the process (it is in the
     *                         OS page cache) but not of the machine
     * @param maxBatch         most transactions committed together in one group
     */
    public record Options(long historyRevisions, boolean fsync, int maxBatch) {
        public static final Options DEFAULT = new Options(100_000, true, 4096);

        public Options {
            if (historyRevisions < 1) {
                throw new IllegalArgumentException("historyRevisions must be >= 1, got " + historyRevisions);
            }
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
            }
        }

        public Options withHistoryRevisions(long n) {
            return new Options(n, fsync, maxBatch);
        }

        public Options withFsync(boolean f) {
            return new Options(historyRevisions, f, maxBatch);
        }
    }

    /**
     * Opens (creating if needed) the durable store in {@code dataDir}/{@value #FILE_NAME}.
     *
     * @throws StoreException {@code LOCKED} when the file is already open, {@code CORRUPT} when it
     *                        is not a readable store, {@code IO} when the directory cannot be made
     */
    public static KvStore embedded(Path dataDir) {
        return embedded(dataDir, Options.DEFAULT);
    }

    public static KvStore embedded(Path dataDir, Options options) {
        Objects.requireNonNull(dataDir, "dataDir");
        return MvKvStore.open(dataDir.resolve(FILE_NAME), options);
    }

    /** The same store without a file: for tests and throw-away controllers. */
    public static KvStore inMemory() {
        return inMemory(Options.DEFAULT);
    }

    public static KvStore inMemory(Options options) {
        return MvKvStore.open(null, options);
    }
}
