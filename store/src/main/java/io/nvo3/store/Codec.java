package io.nvo3.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Byte layout of the values kept in the MVStore maps. */
final class Codec {
    private static final int KV_HEADER = 3 * Long.BYTES;
    private static final byte[] EMPTY = new byte[0];

    private Codec() {}

    /** A live key's record: createRevision, modRevision, version (8 bytes each), then the value. */
    static byte[] encodeKv(KeyValue kv) {
        return ByteBuffer.allocate(KV_HEADER + kv.value().length)
                .putLong(kv.createRevision()).putLong(kv.modRevision()).putLong(kv.version())
                .put(kv.value()).array();
    }

    static KeyValue decodeKv(String key, byte[] bytes) {
        if (bytes.length < KV_HEADER) {
            throw new StoreException(StoreException.Code.CORRUPT,
                    "record of key " + key + " is " + bytes.length + " bytes, shorter than its header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long create = b.getLong();
        long mod = b.getLong();
        long version = b.getLong();
        byte[] value = new byte[b.remaining()];
        b.get(value);
        return new KeyValue(key, value, create, mod, version);
    }

    /** A deletion as etcd reports it: the key with only the deleting revision set. */
    static KeyValue tombstone(String key, long revision) {
        return new KeyValue(key, EMPTY, 0, revision, 0);
    }

    /**
     * One history entry (all events of one revision): count, then per event type, key, the
     * new kv (value only for PUT) and the previous kv if any.
     */
    static byte[] encodeEvents(List<WatchEvent> events) {
        var bytes = new ByteArrayOutputStream(64);
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(events.size());
            for (WatchEvent e : events) {
                out.writeByte(e.type().ordinal());
                out.writeUTF(e.kv().key());
                writeKv(out, e.kv());
                out.writeBoolean(e.prevKv() != null);
                if (e.prevKv() != null) {
                    writeKv(out, e.prevKv());
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static List<WatchEvent> decodeEvents(long revision, byte[] bytes) {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            if (n < 0 || n > bytes.length) {
                throw new IOException("event count " + n);
            }
            List<WatchEvent> events = new ArrayList<>(n);
            WatchEvent.Type[] types = WatchEvent.Type.values();
            for (int i = 0; i < n; i++) {
                int t = in.readUnsignedByte();
                if (t >= types.length) {
                    throw new IOException("event type " + t);
                }
                String key = in.readUTF();
                KeyValue kv = readKv(in, key);
                KeyValue prev = in.readBoolean() ? readKv(in, key) : null;
                events.add(new WatchEvent(types[t], kv, prev));
            }
            return events;
        } catch (IOException ex) {
            throw new StoreException(StoreException.Code.CORRUPT,
                    "history entry of revision " + revision + " is unreadable: " + ex.getMessage(), ex);
        }
    }

    private static void writeKv(DataOutputStream out, KeyValue kv) throws IOException {
        out.writeLong(kv.createRevision());
        out.writeLong(kv.modRevision());
        out.writeLong(kv.version());
        out.writeInt(kv.value().length);
        out.write(kv.value());
    }

    private static KeyValue readKv(DataInputStream in, String key) throws IOException {
        long create = in.readLong();
        long mod = in.readLong();
        long version = in.readLong();
        int len = in.readInt();
        if (len < 0 || len > in.available()) {
            throw new IOException("value length " + len);
        }
        return new KeyValue(key, in.readNBytes(len), create, mod, version);
    }
}
