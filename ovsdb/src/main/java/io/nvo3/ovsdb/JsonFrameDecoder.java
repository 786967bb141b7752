package io.nvo3.ovsdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.IOException;
import java.util.List;

/**
 * Turns one JSON text framed by Netty's {@code JsonObjectDecoder} into a {@link JsonNode}. RFC 7047 §4: "The
 * JSON-RPC ... over a stream-based connection" carries a sequence of JSON objects without other delimiters.
 */
final class JsonFrameDecoder extends MessageToMessageDecoder<ByteBuf> {
    /** OVSDB messages nest about eight deep (reply, rows, row, map, pair, atom); allow generous headroom. */
    static final int MAX_NESTING = 64;

    private final ObjectMapper mapper;

    JsonFrameDecoder(int maxMessageBytes) {
        super(ByteBuf.class);
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(maxMessageBytes)
                        .maxNumberLength(400)
                        .build())
                .build();
        this.mapper = new ObjectMapper(f);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        try (ByteBufInputStream in = new ByteBufInputStream(frame)) {
            JsonNode n = mapper.readTree((java.io.InputStream) in);
            if (n == null) {
                throw new OvsdbException.Malformed("empty JSON frame");
            }
            out.add(n);
        } catch (JsonProcessingException e) {
            throw new OvsdbException.Malformed("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new OvsdbException.Malformed("unreadable JSON frame: " + e.getMessage(), e);
        }
    }
}
