package io.nvo3.controller.federation;

import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.controller.model.ModelException;
import io.nvo3.store.Compare;
import io.nvo3.store.KeyValue;
import io.nvo3.store.KvStore;
import io.nvo3.store.Op;
import io.nvo3.store.Txn;
import io.nvo3.store.TxnResult;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * The number {@code n} of each VN's default route distinguisher {@code <router-id>:<n>} (RFC 4364 §4.2
 * type 1: "Administrator subfield: 4 bytes ... IP address; Assigned Number subfield: 2 bytes").
 * Unique per VN and stable across restarts and router-id changes: each allocation is persisted as
 * {@code /nvo3/vn-rd/<network id>} = n together with {@code /nvo3/vn-rd-numbers/<n>} = network id,
 * created in one transaction guarded on both keys being absent, so two controllers of a cluster
 * never hand out the same number. Reads go to the store (allocations are few and rare).
 */
public final class RdAllocator {
    /** Type 1's Assigned Number is 16 bits; 0 is left unused. */
    public static final int MIN = 1;
    public static final int MAX = 0xffff;

    private final KvStore store;

    private RdAllocator(KvStore store) {
        this.store = store;
    }

    public static RdAllocator of(KvStore store) {
        return new RdAllocator(Objects.requireNonNull(store, "store"));
    }

    /** The number assigned to {@code networkId}, if any. */
    public Optional<Integer> assigned(String networkId) {
        return store.get(FederationCodec.RD_BY_NETWORK + networkId).map(RdAllocator::number);
    }

    /** Every assignment, network id to number. */
    public Map<String, Integer> assignments() {
        Map<String, Integer> out = new TreeMap<>();
        for (KeyValue kv : store.range(FederationCodec.RD_BY_NETWORK)) {
            out.put(kv.key().substring(FederationCodec.RD_BY_NETWORK.length()), number(kv));
        }
        return out;
    }

    /**
     * The number of {@code networkId}: the one already assigned, else the lowest free one, persisted
     * before it is returned. 503 (ModelException.Unavailable) when all 65535 are taken.
     */
    public int allocate(String networkId) {
        Objects.requireNonNull(networkId, "networkId");
        for (int attempt = 0; attempt < 16; attempt++) {
            Optional<Integer> have = assigned(networkId);
            if (have.isPresent()) {
                return have.get();
            }
            int n = lowestFree();
            String byNet = FederationCodec.RD_BY_NETWORK + networkId;
            String byNum = FederationCodec.RD_BY_NUMBER + n;
            TxnResult r = await(Txn.guarded(List.of(Compare.absent(byNet), Compare.absent(byNum)),
                    List.of(new Op.Put(byNet, Integer.toString(n).getBytes(StandardCharsets.US_ASCII)),
                            new Op.Put(byNum, networkId.getBytes(StandardCharsets.UTF_8)))));
            if (r.succeeded()) {
                return n;
            }
            // another controller took the number or allocated this network meanwhile: look again
        }
        throw new IllegalStateException("route distinguisher allocation for " + networkId + " kept conflicting");
    }

    /** The VN's default RD with the current router id. */
    public RouteDistinguisher defaultRd(String networkId, Inet4Address routerId) {
        return VnRoutings.defaultRd(routerId, allocate(networkId));
    }

    /** Frees the number of a deleted network; false when it had none. */
    public boolean release(String networkId) {
        Optional<KeyValue> kv = store.get(FederationCodec.RD_BY_NETWORK + networkId);
        if (kv.isEmpty()) {
            return false;
        }
        int n = number(kv.get());
        String byNet = FederationCodec.RD_BY_NETWORK + networkId;
        TxnResult r = await(Txn.guarded(List.of(Compare.modRevision(byNet, kv.get().modRevision())),
                List.of(new Op.Delete(byNet), new Op.Delete(FederationCodec.RD_BY_NUMBER + n))));
        return r.succeeded();
    }

    private int lowestFree() {
        int expect = MIN;
        TreeMap<Integer, Boolean> used = new TreeMap<>();
        for (KeyValue kv : store.range(FederationCodec.RD_BY_NUMBER)) {
            used.put(Integer.parseInt(kv.key().substring(FederationCodec.RD_BY_NUMBER.length())), true);
        }
        for (int n : used.keySet()) {
            if (n != expect) {
                break;
            }
            expect++;
        }
        if (expect > MAX) {
            throw new ModelException.Unavailable("RouteDistinguisherPoolExhausted",
                    "No route distinguisher number left: all " + MAX + " are in use.");
        }
        return expect;
    }

    private static int number(KeyValue kv) {
        return Integer.parseInt(new String(kv.value(), StandardCharsets.US_ASCII));
    }

    private TxnResult await(Txn txn) {
        try {
            return store.txn(txn).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the store", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("store write failed: " + e.getCause(), e);
        }
    }
}
