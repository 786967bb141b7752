package io.nvo3.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child process of {@link CrashDurabilityTest}: writes ~1 KB values from several threads to the
 * embedded store in {@code args[0]} forever and prints {@code ACK <key>} once each put is
 * acknowledged. The parent kills it with SIGKILL.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {}

    static byte[] valueOf(String key) {
        byte[] v = new byte[1024];
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        Arrays.fill(v, (byte) key.hashCode());
        System.arraycopy(k, 0, v, 0, k.length);
        return v;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String round = args[1];
        int threads = Integer.parseInt(args[2]);
        KvStore store = KvStores.embedded(dir);
        System.out.println("READY");
        System.out.flush();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (long i = 0; ; i++) {
                    String key = "r" + round + "/t" + thread + "/" + i;
                    store.put(key, valueOf(key)).join();
                    synchronized (System.out) {
                        System.out.println("ACK " + key);
                        System.out.flush();
                    }
                }
            });
        }
        Thread.currentThread().join();
    }
}
