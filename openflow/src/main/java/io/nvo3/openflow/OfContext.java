package io.nvo3.openflow;

/**
 * Per-session codec context: the negotiated version. Passed to every decode/encode, never static.
 *
 * @param version negotiated wire version (only {@link #OF13} is implemented)
 * @param maxFrameLength bound on one message, at most 65535 (the header length field is 16 bits)
 */
public record OfContext(int version, int maxFrameLength) {
    public static final int OF13 = 0x04;
    public static final OfContext V13 = new OfContext(OF13, 65535);

    public OfContext {
        if (version != OF13) {
            throw new IllegalArgumentException("only OpenFlow 1.3 (0x04) is supported, got " + version);
        }
        if (maxFrameLength < 8 || maxFrameLength > 65535) {
            throw new IllegalArgumentException("maxFrameLength must be in [8, 65535]: " + maxFrameLength);
        }
    }
}
