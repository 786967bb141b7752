package io.nvo3.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/** Writes each {@link JsonNode} as compact UTF-8 JSON, one after the other, as ovsdb-server does. */
@ChannelHandler.Sharable
final class JsonFrameEncoder extends MessageToByteEncoder<JsonNode> {
    static final JsonFrameEncoder INSTANCE = new JsonFrameEncoder();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFrameEncoder() {
        super(JsonNode.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, JsonNode msg, ByteBuf out) throws IOException {
        try (ByteBufOutputStream os = new ByteBufOutputStream(out)) {
            MAPPER.writeValue((java.io.OutputStream) os, msg);
        }
    }
}
