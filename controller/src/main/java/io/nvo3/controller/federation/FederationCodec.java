package io.nvo3.controller.federation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Stored JSON of the federation records and their keys. */
final class FederationCodec {
    static final String BGPVPNS = "/nvo3/bgpvpns/";
    static final String ASSOCS = "/nvo3/bgpvpn-assocs/";
    /** Covers both prefixes above, for one watch. */
    static final String WATCH_PREFIX = "/nvo3/bgpvpn";
    static final String RD_BY_NETWORK = "/nvo3/vn-rd/";
    static final String RD_BY_NUMBER = "/nvo3/vn-rd-numbers/";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private FederationCodec() {}

    static byte[] encode(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T decode(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + type.getSimpleName() + " does not decode", e);
        }
    }

    static String key(BgpVpn b) {
        return BGPVPNS + b.id();
    }

    static String key(NetworkAssociation a) {
        return ASSOCS + a.id();
    }
}
