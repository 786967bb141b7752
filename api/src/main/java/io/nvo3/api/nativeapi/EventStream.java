package io.nvo3.api.nativeapi;

import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Principal;
import io.nvo3.api.neutron.Views;
import io.nvo3.controller.model.ModelCodec;
import io.nvo3.controller.model.ModelService;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.Subnet;
import io.nvo3.store.KvStore;
import io.nvo3.store.WatchEvent;
import io.nvo3.store.WatchResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/events}: server-sent events of every model change. Each event's {@code id:}
 * is the store revision; resume with {@code Last-Event-ID: R} (from R+1) or {@code ?from=R}
 * (from R). A revision older than the store keeps is 410 RevisionCompacted.
 *
 * <p>Event names are {@code <resource>.created|updated|deleted}; data is
 * {@code {"revision", "type", "id", "<resource>": view}} (the view is absent on deletes).
 */
final class EventStream {
    static final long HEARTBEAT_SECONDS = 15;
    private static final int MAX_QUEUE = 100_000;

    private final ModelService model;
    private final KvStore store;

    EventStream(ModelService model, KvStore store) {
        this.model = model;
        this.store = store;
    }

    ApiResponse open(ApiRequest r) {
        long from = from(r);
        Principal who = r.principal();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>(MAX_QUEUE);
        boolean[] overflow = {false};
        WatchResult w = store.watch(ModelCodec.PREFIX, from, e -> {
            String chunk = format(e, who);
            if (chunk != null && !queue.offer(chunk)) {
                overflow[0] = true;
            }
        });
        if (w instanceof WatchResult.Compacted c) {
            throw new ApiException(410, "RevisionCompacted", "from", "Revision " + from
                    + " is compacted; the oldest revision still available is " + c.compactedRevision()
                    + ". Reload the resources and resume from the current revision " + store.revision() + ".");
        }
        WatchResult.Watching watching = (WatchResult.Watching) w;
        return new ApiResponse.Streamed(200, "text/event-stream", sink -> {
            try {
                sink.send(": nvo3 events from revision " + from + "\n\n");
                while (!overflow[0]) {
                    String chunk = queue.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
                    sink.send(chunk != null ? chunk : ": keepalive\n\n");
                }
                // a reader too slow for the change rate: end the stream, it resumes from its last id
            } finally {
                watching.close();
            }
        });
    }

    private long from(ApiRequest r) {
        String q = r.queryParam("from");
        String last = r.header("Last-Event-ID");
        try {
            if (q != null) {
                long v = Long.parseLong(q);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                return v;
            }
            if (last != null) {
                return Long.parseLong(last.strip()) + 1;
            }
        } catch (NumberFormatException e) {
            throw ApiException.invalid(q != null ? "from" : "Last-Event-ID", "'" + (q != null ? q : last)
                    + "' is not a revision (a non-negative integer)");
        }
        return store.revision() + 1;
    }

    private String format(WatchEvent e, Principal who) {
        String key = e.kv().key();
        String resource;
        if (key.startsWith(ModelCodec.NETWORKS)) {
            resource = "network";
        } else if (key.startsWith(ModelCodec.SUBNETS)) {
            resource = "subnet";
        } else if (key.startsWith(ModelCodec.PORTS)) {
            resource = "port";
        } else {
            return null;
        }
        String id = key.substring(key.lastIndexOf('/') + 1);
        Object record;
        String type;
        if (e.type() == WatchEvent.Type.PUT) {
            record = ModelCodec.decodeKey(key, e.kv().value());
            type = resource + (e.kv().version() == 1 ? ".created" : ".updated");
        } else {
            record = e.prevKv() == null ? null : ModelCodec.decodeKey(key, e.prevKv().value());
            type = resource + ".deleted";
        }
        if (!who.admin() && (record == null || !visible(record, who))) {
            return null;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("revision", e.revision());
        data.put("type", type);
        data.put("id", id);
        if (e.type() == WatchEvent.Type.PUT) {
            switch (record) {
                case Network n -> data.put("network", Views.network(n, model, who));
                case Subnet s -> data.put("subnet", Views.subnet(s));
                case Port p -> {
                    data.put("port", Views.port(p, who));
                    data.put("tenant_system", TenantSystemRoutes.view(p));
                }
                default -> { }
            }
        }
        return "id: " + e.revision() + "\nevent: " + type + "\ndata: " + Json.string(data) + "\n\n";
    }

    private boolean visible(Object record, Principal who) {
        return switch (record) {
            case Network n -> who.owns(n.projectId()) || n.shared();
            case Subnet s -> who.owns(s.projectId())
                    || model.network(s.networkId()).map(n -> n.shared() || who.owns(n.projectId())).orElse(false);
            case Port p -> who.owns(p.projectId())
                    || model.network(p.networkId()).map(n -> who.owns(n.projectId())).orElse(false);
            default -> false;
        };
    }
}
