package io.nvo3.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.nvo3.openflow.FrameResult;
import io.nvo3.openflow.Framing;
import io.nvo3.openflow.OfContext;
import java.util.List;

/** Emits {@link FrameResult.Ok} and {@link FrameResult.Corrupt}; waits on {@link FrameResult.Incomplete}. */
final class OfFrameDecoder extends ByteToMessageDecoder {
    private final OfContext ofContext;

    OfFrameDecoder(OfContext ofContext) {
        this.ofContext = ofContext;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (Framing.next(in, ofContext)) {
            case FrameResult.Incomplete i -> { }
            case FrameResult.Ok ok -> out.add(ok);
            case FrameResult.Corrupt c -> out.add(c);
        }
    }
}
