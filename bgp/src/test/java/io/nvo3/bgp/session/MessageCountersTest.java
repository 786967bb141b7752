package io.nvo3.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.KeepaliveMessage;
import org.junit.jupiter.api.Test;

class MessageCountersTest {
    @Test
    void countsEachDirectionByTheTypeOctetOfTheHeader() {
        MessageCounters c = new MessageCounters();
        byte[] keepalive = BgpCodec.encode(KeepaliveMessage.INSTANCE, CodecContext.INITIAL);
        c.sent(keepalive);
        c.sent(keepalive);
        c.received(keepalive);
        c.received(withType(2));
        c.received(withType(5));
        c.received(withType(9)); // unknown type: counted apart
        c.received(new byte[3]); // too short to have a type
        assertThat(c.sent()).isEqualTo(new MessageCounts(0, 0, 0, 2, 0, 0));
        assertThat(c.received()).isEqualTo(new MessageCounts(0, 1, 0, 1, 1, 2));
        assertThat(c.received().total()).isEqualTo(5);
    }

    private static byte[] withType(int type) {
        byte[] m = new byte[BgpCodec.HEADER_LENGTH];
        m[MessageCounters.TYPE_OFFSET] = (byte) type;
        return m;
    }
}
