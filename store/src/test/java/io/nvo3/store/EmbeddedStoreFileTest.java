package io.nvo3.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file side of the embedded store: persistence across reopen, locking, corrupt files. */
class EmbeddedStoreFileTest {
    @TempDir
    Path dir;

    @Test
    void createsMissingDataDirAndKeepsDataAcrossReopen() {
        Path data = dir.resolve("a/b/data");
        try (KvStore s = KvStores.embedded(data)) {
            s.put("k1", "v1".getBytes(UTF_8)).join();
            s.put("k2", "v2".getBytes(UTF_8)).join();
            s.delete("k1").join();
        }
        assertThat(data.resolve(KvStores.FILE_NAME)).isRegularFile();
        try (KvStore s = KvStores.embedded(data)) {
            assertThat(s.revision()).isEqualTo(3);
            assertThat(s.get("k1")).isEmpty();
            assertThat(s.get("k2")).contains(new KeyValue("k2", "v2".getBytes(UTF_8), 2, 2, 1));
            assertThat(s.put("k1", new byte[] {1}).join().revision()).isEqualTo(4);
            assertThat(s.get("k1").orElseThrow().createRevision()).isEqualTo(4);
        }
    }

    @Test
    void secondOpenOfAnOpenStoreFailsWithLockedNamingTheFile() {
        try (KvStore first = KvStores.embedded(dir)) {
            first.put("k", new byte[] {1}).join();
            assertThatThrownBy(() -> KvStores.embedded(dir))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(dir.resolve(KvStores.FILE_NAME).toString())
                    .hasMessageContaining("locked")
                    .extracting(e -> ((StoreException) e).code()).isEqualTo(StoreException.Code.LOCKED);
            assertThat(first.get("k")).isPresent();
            assertThat(first.put("k2", new byte[] {2}).join().succeeded()).isTrue();
        }
        try (KvStore again = KvStores.embedded(dir)) {
            assertThat(again.range("")).hasSize(2);
        }
    }

    @Test
    void fileOfRandomBytesFailsWithCorruptNamingTheFile() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        Files.write(dir.resolve(KvStores.FILE_NAME), junk);
        assertThatThrownBy(() -> KvStores.embedded(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.resolve(KvStores.FILE_NAME).toString())
                .extracting(e -> ((StoreException) e).code()).isEqualTo(StoreException.Code.CORRUPT);
    }

    @Test
    void truncatedHeaderFailsWithCorrupt() throws Exception {
        try (KvStore s = KvStores.embedded(dir)) {
            s.put("k", new byte[100]).join();
        }
        Path f = dir.resolve(KvStores.FILE_NAME);
        byte[] all = Files.readAllBytes(f);
        for (int i = 0; i < 8192 && i < all.length; i++) {
            all[i] = 'x';
        }
        Files.write(f, all);
        assertThatThrownBy(() -> KvStores.embedded(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(f.toString())
                .extracting(e -> ((StoreException) e).code()).isEqualTo(StoreException.Code.CORRUPT);
    }

    @Test
    void storeFileWithoutFormatMarkerIsRefused() {
        try (var mv = new org.h2.mvstore.MVStore.Builder().fileName(dir.resolve(KvStores.FILE_NAME).toString()).open()) {
            mv.openMap("kv", new org.h2.mvstore.MVMap.Builder<String, byte[]>()
                    .keyType(org.h2.mvstore.type.StringDataType.INSTANCE)
                    .valueType(org.h2.mvstore.type.ByteArrayDataType.INSTANCE)).put("x", new byte[30]);
        }
        assertThatThrownBy(() -> KvStores.embedded(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no format marker")
                .extracting(e -> ((StoreException) e).code()).isEqualTo(StoreException.Code.CORRUPT);
    }

    @Test
    void closeCommitsEveryQueuedTransactionBeforeReturning() {
        List<CompletableFuture<TxnResult>> futures = new ArrayList<>();
        try (KvStore s = KvStores.embedded(dir)) {
            for (int i = 0; i < 2000; i++) {
                futures.add(s.put("k" + i, new byte[] {(byte) i}));
            }
        }
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(futures.getLast().join().revision()).isEqualTo(2000);
        try (KvStore s = KvStores.embedded(dir)) {
            assertThat(s.revision()).isEqualTo(2000);
            assertThat(s.range("k")).hasSize(2000);
        }
    }

    @Test
    void closeFromATxnCallbackDoesNotHang() throws Exception {
        KvStore s = KvStores.embedded(dir);
        CompletableFuture<Void> closed = s.put("k", new byte[1]).thenRun(s::close);
        closed.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> s.get("k")).isInstanceOf(StoreException.class);
        try (KvStore again = KvStores.embedded(dir)) {
            assertThat(again.get("k")).isPresent();
        }
    }
}
