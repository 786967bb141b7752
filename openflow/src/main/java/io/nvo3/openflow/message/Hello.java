package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.Wire;
import java.util.ArrayList;
import java.util.List;

/**
 * OFPT_HELLO with its elements (OpenFlow 1.3.5 §7.5.1). Unlike other messages it keeps its header
 * {@code version}: before negotiation a peer announces its highest version there (§6.3.1).
 */
public record Hello(int xid, int version, List<Element> elements) implements OfMessage {

    public Hello {
        Wire.u8(version, "version");
        elements = List.copyOf(elements);
    }

    /** The HELLO we send: one version bitmap advertising only OpenFlow 1.3. */
    public static Hello of13(int xid) {
        return new Hello(xid, 4, List.of(new VersionBitmap(List.of(1L << 4))));
    }

    @Override
    public int type() {
        return MessageType.HELLO;
    }

    /**
     * True when a session at {@code version} can be negotiated with the sender. §6.3.1: with version
     * bitmaps on both sides, "the negotiated version must be the highest version set in both bitmaps";
     * otherwise "the negotiated version must be the smaller of the version number that was sent and the one
     * that was received".
     */
    public boolean supports(int version) {
        for (Element e : elements) {
            if (e instanceof VersionBitmap vb) {
                int word = version / 32;
                return word < vb.bitmaps().size() && (vb.bitmaps().get(word) & (1L << (version % 32))) != 0;
            }
        }
        return this.version >= version;
    }

    public sealed interface Element permits VersionBitmap, UnknownElement {}

    /** OFPHET_VERSIONBITMAP: "bitmaps: list of bitmaps - supported versions" (§7.5.1.1). */
    public record VersionBitmap(List<Long> bitmaps) implements Element {
        public VersionBitmap {
            bitmaps = List.copyOf(bitmaps);
            bitmaps.forEach(b -> Wire.u32(b, "bitmap"));
        }
    }

    public record UnknownElement(int type, Bytes body) implements Element {
        public UnknownElement {
            if (type == 1) {
                throw new IllegalArgumentException("type 1 is the version bitmap");
            }
            Wire.u16(type, "type");
        }
    }

    void encodeBody(ByteBuf buf) {
        for (Element e : elements) {
            int len = switch (e) {
                case VersionBitmap vb -> 4 + 4 * vb.bitmaps().size();
                case UnknownElement u -> 4 + u.body().length();
            };
            switch (e) {
                case VersionBitmap vb -> {
                    buf.writeShort(1).writeShort(len);
                    vb.bitmaps().forEach(b -> buf.writeInt(b.intValue()));
                }
                case UnknownElement u -> {
                    buf.writeShort(u.type()).writeShort(len);
                    u.body().write(buf);
                }
            }
            // §7.5.1: elements are padded to a multiple of 8 bytes; length excludes the padding.
            buf.writeZero(((len + 7) & ~7) - len);
        }
    }

    static Hello decodeBody(int xid, int version, ByteBuf b) {
        List<Element> out = new ArrayList<>();
        while (b.isReadable()) {
            Wire.need(b, 4, "hello element");
            int type = b.readUnsignedShort();
            int len = b.readUnsignedShort();
            if (len < 4 || len - 4 > b.readableBytes()) {
                throw OpenFlowException.badLen("hello element length " + len);
            }
            ByteBuf body = b.readSlice(len - 4);
            b.skipBytes(Math.min(b.readableBytes(), ((len + 7) & ~7) - len));
            if (type == 1) {
                if (body.readableBytes() % 4 != 0) {
                    throw OpenFlowException.badLen("version bitmap length " + len);
                }
                List<Long> bitmaps = new ArrayList<>();
                while (body.isReadable()) {
                    bitmaps.add(body.readUnsignedInt());
                }
                out.add(new VersionBitmap(bitmaps));
            } else {
                out.add(new UnknownElement(type, Bytes.read(body, body.readableBytes())));
            }
        }
        return new Hello(xid, version, out);
    }
}
