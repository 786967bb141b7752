package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.OpenMessage;
import io.nvo3.bgp.wire.message.OptionalParameter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenMessageTest {
    @Test
    void fourOctetAsGoesToCapabilityWithAsTrans() throws Exception {
        Inet4Address id = (Inet4Address) InetAddress.getByName("198.19.0.1");
        OpenMessage o = OpenMessage.of(4200000000L, 90, id, List.of(new Capability.FourOctetAs(4200000000L),
                new Capability.Multiprotocol(AfiSafi.L2VPN_EVPN)));
        assertThat(o.myAs()).isEqualTo(OpenMessage.AS_TRANS);
        OpenMessage back = (OpenMessage) BgpCodec.decodeStrict(BgpCodec.encode(o, CodecContext.INITIAL), CodecContext.INITIAL);
        assertThat(back.effectiveAs()).isEqualTo(4200000000L);
        assertThat(back).isEqualTo(o);
    }

    @Test
    void parametersBeyond255OctetsUseRfc9072Encoding() throws Exception {
        List<Capability> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(new Capability.Multiprotocol(new AfiSafi(1, i)));
        }
        Inet4Address id = (Inet4Address) InetAddress.getByName("198.19.0.1");
        OpenMessage o = new OpenMessage(4, 65001, 90, id, List.of(new OptionalParameter.Capabilities(many)), false);
        byte[] wire = BgpCodec.encode(o, CodecContext.INITIAL);
        // RFC 9072 §2: Non-Ext OP Len 255, Non-Ext OP Type 255, then a 2-octet Extended Opt. Parm. Length
        assertThat(wire[28] & 0xff).isEqualTo(255);
        assertThat(wire[29] & 0xff).isEqualTo(255);
        assertThat(((wire[30] & 0xff) << 8) | (wire[31] & 0xff)).isEqualTo(wire.length - 32);
        OpenMessage back = (OpenMessage) BgpCodec.decodeStrict(wire, CodecContext.INITIAL);
        assertThat(back.capabilities()).isEqualTo(many);
        assertThat(back.extendedParameters()).isTrue();
    }
}
