package io.nvo3.bgp.session;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.WireWriter;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.NlriCodec;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams the NLRI of one family and attribute set (or withdrawals, {@link #withdrawals}) into
 * UPDATEs filled up to the negotiated maximum message size. RFC 4271 §4.3 / RFC 8654 §4: an UPDATE is at most 4096 octets, or 65535
 * once the Extended Message capability is exchanged; the attributes are the same in every UPDATE,
 * so their size is measured once and each NLRI's encoded size is added until the next would not
 * fit. Single-threaded; {@link #finish()} writes what is left.
 */
public final class UpdatePacker {
    private final AfiSafi family;
    /** Null for withdrawals. */
    private final RouteAttributes attrs;
    private final CodecContext ctx;
    private final Consumer<byte[]> out;
    private final boolean addPath;
    /** Room for NLRI in one UPDATE. */
    private final int room;
    private List<Nlri> batch = new ArrayList<>();
    private int used;
    private int messages;

    public UpdatePacker(AfiSafi family, RouteAttributes attrs, CodecContext ctx, Consumer<byte[]> out) {
        this.family = family;
        this.attrs = attrs;
        this.ctx = ctx;
        this.out = out;
        this.addPath = ctx.addPath(family);
        int base = BgpCodec.encode(message(List.of()), ctx).length;
        // Outside IPv4 unicast the NLRI go inside MP_REACH_NLRI / MP_UNREACH_NLRI, whose length field
        // becomes two octets (extended length flag) once the value passes 255 octets.
        this.room = ctx.maxMessageLength() - base - (family.equals(AfiSafi.IPV4_UNICAST) ? 0 : 1);
    }

    /** A packer of withdrawals: IPv4 unicast in Withdrawn Routes (RFC 4271), others in MP_UNREACH_NLRI (RFC 4760). */
    public static UpdatePacker withdrawals(AfiSafi family, CodecContext ctx, Consumer<byte[]> out) {
        return new UpdatePacker(family, null, ctx, out);
    }

    private UpdateMessage message(List<Nlri> nlri) {
        return attrs == null ? UpdateWriter.withdrawal(family, nlri) : UpdateWriter.announcement(family, attrs, nlri);
    }

    /** Octets {@code n} takes in an UPDATE of this family. */
    int encodedSize(Nlri n) {
        int id = addPath ? 4 : 0;
        return switch (n) {
            case IpPrefix p -> id + 1 + (p.length() + 7) / 8;
            case VpnPrefix v -> id + 1 + 3 * v.labels().size() + 8 + (v.length() + 7) / 8;
            default -> {
                WireWriter w = new WireWriter();
                NlriCodec.encode(family, List.of(n), w, ctx);
                yield w.position();
            }
        };
    }

    public void add(Nlri n) {
        int size = encodedSize(n);
        if (!batch.isEmpty() && used + size > room) {
            writeBatch();
        }
        batch.add(n);
        used += size;
    }

    /** Writes the last, partly filled UPDATE; returns how many UPDATEs were written in all. */
    public int finish() {
        if (!batch.isEmpty()) {
            writeBatch();
        }
        return messages;
    }

    /** UPDATEs written so far. */
    public int messages() {
        return messages;
    }

    private void writeBatch() {
        List<Nlri> part = batch;
        batch = new ArrayList<>(part.size());
        used = 0;
        write(part);
    }

    private void write(List<Nlri> part) {
        byte[] encoded;
        try {
            encoded = BgpCodec.encode(message(part), ctx);
        } catch (IllegalArgumentException tooBig) {
            // Only if a size estimate were off: halve rather than fail.
            if (part.size() == 1) {
                throw tooBig;
            }
            int half = part.size() / 2;
            write(part.subList(0, half));
            write(part.subList(half, part.size()));
            return;
        }
        out.accept(encoded);
        messages++;
    }
}
