package io.nvo3.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Not a test: 8 writers overwrite 2,000 keys of 1 KB for {@code args[0]} seconds and the data
 * file size is printed every 5 s, to see that chunk reuse and compaction bound the file.
 * Run: {@code java -cp <test classpath> io.nvo3.store.StoreChurnMain 70 <dir>}.
 */
public final class StoreChurnMain {
    private StoreChurnMain() {}

    /** About 1 KB of JSON shaped like a Neutron port, with random ids and addresses. */
    public static byte[] portJson(int i) {
        var r = java.util.concurrent.ThreadLocalRandom.current();
        String id = new java.util.UUID(r.nextLong(), r.nextLong()).toString();
        String net = new java.util.UUID(r.nextLong(), r.nextLong()).toString();
        String json = "{\"id\":\"" + id + "\",\"name\":\"port-" + i + "\",\"network_id\":\"" + net
                + "\",\"tenant_id\":\"" + Long.toHexString(r.nextLong()) + "\",\"mac_address\":\"fa:16:3e:"
                + String.format("%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256))
                + "\",\"admin_state_up\":true,\"status\":\"ACTIVE\",\"device_owner\":\"compute:nova\","
                + "\"device_id\":\"" + new java.util.UUID(r.nextLong(), r.nextLong()) + "\",\"fixed_ips\":[{\"subnet_id\":\""
                + new java.util.UUID(r.nextLong(), r.nextLong()) + "\",\"ip_address\":\"203.0.113." + r.nextInt(256)
                + "\"}],\"security_groups\":[\"" + new java.util.UUID(r.nextLong(), r.nextLong()) + "\"],"
                + "\"binding:host_id\":\"nve-" + r.nextInt(100) + "\",\"binding:vif_type\":\"ovs\","
                + "\"binding:vnic_type\":\"normal\",\"allowed_address_pairs\":[],\"extra_dhcp_opts\":[],"
                + "\"description\":\"\",\"port_security_enabled\":true,\"revision_number\":" + i
                + ",\"created_at\":\"2026-11-27T23:00:00Z\",\"updated_at\":\"2026-11-27T23:00:00Z\","
                + "\"tags\":[],\"qos_policy_id\":null,\"dns_name\":\"\",\"dns_assignment\":[],"
                + "\"vnic\":{\"mtu\":1450,\"vni\":" + r.nextInt(1 << 24) + ",\"vtep\":\"198.18.0." + r.nextInt(256) + "\"}}";
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory(Path.of(args[1]), "churn");
        Path file = dir.resolve(KvStores.FILE_NAME);
        AtomicBoolean go = new AtomicBoolean(true);
        LongAdder done = new LongAdder();
        try (KvStore store = KvStores.embedded(dir, KvStores.Options.DEFAULT.withHistoryRevisions(20_000))) {
            Thread[] ts = new Thread[8];
            for (int w = 0; w < ts.length; w++) {
                int me = w;
                ts[w] = Thread.ofPlatform().start(() -> {
                    for (int i = 0; go.get(); i++) {
                        byte[] v = portJson(i);
                        store.put("ports/" + ((me * 7919 + i) % 2000), v).join();
                        done.increment();
                    }
                });
            }
            for (int t = 5; t <= seconds; t += 5) {
                Thread.sleep(5000); // sampling period of a benchmark
                System.out.printf("t=%3ds puts=%9d file=%7.1f MB%n", t, done.sum(), Files.size(file) / 1e6);
            }
            go.set(false);
            for (Thread t : ts) {
                t.join();
            }
        }
        System.out.printf("closed: file=%7.1f MB%n", Files.size(file) / 1e6);
        Files.delete(file);
        Files.delete(dir);
    }
}
