package io.nvo3.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.nvo3.openflow.FrameResult;
import io.nvo3.openflow.Framing;
import io.nvo3.openflow.OfContext;
import io.nvo3.openflow.message.MessageCodec;
import io.nvo3.openflow.message.OfMessage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A scripted switch on a plain blocking socket, for channel tests on loopback. */
final class FakeSwitch implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final ByteBuf buf = Unpooled.buffer();

    FakeSwitch(InetSocketAddress controller) throws IOException {
        socket = new Socket();
        // a fixed small receive buffer turns off Linux receive autotuning (tcp_rmem max is 32 MiB here)
        socket.setReceiveBufferSize(64 * 1024);
        socket.connect(controller);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
    }

    void send(OfMessage m) throws IOException {
        ByteBuf b = Unpooled.buffer();
        MessageCodec.encode(m, b, OfContext.V13);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        socket.getOutputStream().write(out);
        socket.getOutputStream().flush();
    }

    void sendRaw(byte[] raw) throws IOException {
        socket.getOutputStream().write(raw);
        socket.getOutputStream().flush();
    }

    OfMessage read() throws IOException {
        while (true) {
            FrameResult r = Framing.next(buf, OfContext.V13);
            if (r instanceof FrameResult.Ok ok) {
                return ok.message();
            }
            if (r instanceof FrameResult.Corrupt c) {
                throw new IOException("corrupt from controller: " + c.error().getMessage());
            }
            byte[] chunk = new byte[65536];
            int n = in.read(chunk);
            if (n < 0) {
                throw new EOFException();
            }
            buf.writeBytes(chunk, 0, n);
        }
    }

    /** Reads until a message of {@code type} arrives, skipping others (e.g. echo requests). */
    <T extends OfMessage> T expect(Class<T> type) throws IOException {
        while (true) {
            OfMessage m = read();
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
