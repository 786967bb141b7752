package io.nvo3.bgp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Loads the captured messages under src/test/resources/golden/bgp/. */
public final class Golden {
    /** Both captures negotiated 4-octet AS with an external peer and no ADD-PATH. */
    public static final CodecContext CTX = CodecContext.MODERN_IBGP.withExternalPeer(true);

    private Golden() {
    }

    public static List<byte[]> load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/bgp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> HexFormat.of().parseHex(l)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<byte[]> all() {
        return java.util.stream.Stream.concat(load("gobgp-3.10.hex").stream(), load("frr-8.4.hex").stream()).toList();
    }
}
