package io.nvo3.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The real OVSDB pipeline on an {@link EmbeddedChannel}, whose event-loop clock tests move by hand. */
final class EmbeddedOvsdb {
    final EmbeddedChannel channel;
    final DefaultOvsdbConnection connection;
    final List<OvsdbConnection> disconnected = new ArrayList<>();

    EmbeddedOvsdb(OvsdbOptions options) {
        DefaultOvsdbConnection[] holder = new DefaultOvsdbConnection[1];
        ConnectionListener l = new ConnectionListener() {
            @Override
            public void connected(OvsdbConnection c) {
            }

            @Override
            public void disconnected(OvsdbConnection c) {
                disconnected.add(c);
            }
        };
        channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                holder[0] = OvsdbPipeline.install(ch, options, l, null);
            }
        });
        connection = holder[0];
    }

    void feed(String text) {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    void feed(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.runPendingTasks();
    }

    /** The next message we wrote, parsed, or null. */
    JsonNode written() {
        ByteBuf b = channel.readOutbound();
        if (b == null) {
            return null;
        }
        try {
            return Golden.parse(b.toString(StandardCharsets.UTF_8));
        } finally {
            b.release();
        }
    }

    void advanceSeconds(long s) {
        channel.advanceTimeBy(s, java.util.concurrent.TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }
}
