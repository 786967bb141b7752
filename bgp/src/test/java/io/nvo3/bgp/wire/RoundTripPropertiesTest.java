package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.capabilities.CapabilityCodec;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunityCodec;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.BgpMessage;
import io.nvo3.bgp.wire.message.DecodedMessage;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RoundTripPropertiesTest {
    @Provide
    Arbitrary<Object[]> messagesWithContext() {
        return WireArbitraries.context().flatMap(ctx -> WireArbitraries.message(ctx).map(m -> new Object[] {ctx, m}));
    }

    @Property(tries = 1500)
    void everyMessageDecodesToWhatWasEncoded(@ForAll("messagesWithContext") Object[] cm) throws Exception {
        CodecContext ctx = (CodecContext) cm[0];
        BgpMessage m = (BgpMessage) cm[1];
        byte[] wire = BgpCodec.encode(m, ctx);
        assertThat(BgpCodec.decodeStrict(wire, ctx)).isEqualTo(m);
        // canonical form: re-encoding the decoded message gives the same octets
        assertThat(BgpCodec.encode(BgpCodec.decodeStrict(wire, ctx), ctx)).isEqualTo(wire);
    }

    @Provide
    Arbitrary<Object[]> updatesWithContext() {
        return WireArbitraries.context().flatMap(ctx -> WireArbitraries.update(ctx).map(m -> new Object[] {ctx, m}));
    }

    @Property(tries = 1000)
    void validUpdatesDecodeClean(@ForAll("updatesWithContext") Object[] cm) throws Exception {
        CodecContext ctx = (CodecContext) cm[0];
        UpdateMessage u = (UpdateMessage) cm[1];
        DecodedMessage d = BgpCodec.decode(BgpCodec.encode(u, ctx), ctx);
        assertThat(d).isInstanceOfSatisfying(DecodedMessage.Update.class, x -> {
            assertThat(x.result().problems()).isEmpty();
            assertThat(x.result().update()).isEqualTo(u);
        });
    }

    @Provide
    Arbitrary<ExtendedCommunity> extendedCommunities() {
        return WireArbitraries.extCommunity();
    }

    @Property
    void extendedCommunitiesRoundTrip(@ForAll("extendedCommunities") ExtendedCommunity c) {
        byte[] wire = ExtendedCommunityCodec.toBytes(c);
        assertThat(wire).hasSize(8);
        assertThat(ExtendedCommunityCodec.decode(wire)).isEqualTo(c);
    }

    @Provide
    Arbitrary<Capability> capabilities() {
        return WireArbitraries.capability();
    }

    @Property
    void capabilitiesRoundTrip(@ForAll("capabilities") Capability c) {
        WireWriter w = new WireWriter();
        CapabilityCodec.encode(c, w);
        assertThat(CapabilityCodec.decodeList(WireReader.of(w.toByteArray()))).isEqualTo(List.of(c));
    }

    @Provide
    Arbitrary<RouteDistinguisher> rds() {
        return WireArbitraries.rd().filter(rd -> rd.type() <= 2);
    }

    @Property
    void routeDistinguishersParseTheirOwnText(@ForAll("rds") RouteDistinguisher rd) {
        RouteDistinguisher back = RouteDistinguisher.parse(rd.toString());
        // a type 2 RD with a small AS prints like type 0; compare the value, not the type, then
        if (rd.type() == 2 && back.type() == 0) {
            assertThat(back.toString()).isEqualTo(rd.toString());
        } else {
            assertThat(back).isEqualTo(rd);
        }
    }
}
