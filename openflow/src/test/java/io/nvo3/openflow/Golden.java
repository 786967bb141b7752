package io.nvo3.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.nvo3.openflow.message.MessageCodec;
import io.nvo3.openflow.message.OfMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads golden captures from src/test/resources/golden/openflow. */
public final class Golden {
    private Golden() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/openflow/" + name + ".bin")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OfMessage decode(byte[] b) {
        return MessageCodec.decode(Unpooled.wrappedBuffer(b), OfContext.V13);
    }

    public static byte[] encode(OfMessage m) {
        ByteBuf buf = Unpooled.buffer();
        MessageCodec.encode(m, buf, OfContext.V13);
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        return out;
    }
}
