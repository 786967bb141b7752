package io.nvo3.openflow;

import io.nvo3.openflow.message.OfMessage;

/** The three outcomes of reading one frame from a stream (CONVENTIONS.md "Malformed input"). */
public sealed interface FrameResult {

    /** Not enough bytes yet; nothing was consumed. */
    record Incomplete() implements FrameResult {}

    /**
     * The frame is corrupt. {@code error} names the OFPT_ERROR to send; {@code xid} is that of the offending
     * header and {@code head} its first bytes (the error's data, "at least 64 bytes of the failed request",
     * §7.4.4). {@code fatal} means the stream cannot be resynchronised (bad header length): send and close.
     */
    record Corrupt(OpenFlowException error, int xid, Bytes head, boolean fatal) implements FrameResult {}

    record Ok(OfMessage message) implements FrameResult {}
}
