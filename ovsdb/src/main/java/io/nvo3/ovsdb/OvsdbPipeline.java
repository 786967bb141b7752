package io.nvo3.ovsdb;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.json.JsonObjectDecoder;
import java.util.concurrent.CompletableFuture;

/** The channel pipeline shared by the passive and active directions. */
final class OvsdbPipeline {
    private OvsdbPipeline() {
    }

    static DefaultOvsdbConnection install(Channel ch, OvsdbOptions options, ConnectionListener listener,
                                          CompletableFuture<OvsdbConnection> ready) {
        DefaultOvsdbConnection conn = new DefaultOvsdbConnection(options, listener, ready);
        ChannelPipeline p = ch.pipeline();
        // Frames one top-level JSON object at a time; longer than maxMessageBytes -> TooLongFrameException.
        p.addLast("framer", new JsonObjectDecoder(options.maxMessageBytes()));
        p.addLast("json", new JsonFrameDecoder(options.maxMessageBytes()));
        p.addLast("encoder", JsonFrameEncoder.INSTANCE);
        p.addLast("ovsdb", conn);
        return conn;
    }
}
