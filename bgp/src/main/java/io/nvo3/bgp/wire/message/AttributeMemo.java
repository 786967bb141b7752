package io.nvo3.bgp.wire.message;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.errors.ErrorAction;
import io.nvo3.bgp.wire.errors.UpdateProblem;
import io.nvo3.bgp.wire.nlri.PackedMpNlri;
import java.util.Arrays;
import java.util.List;

/**
 * The last attribute section a session decoded, so that the next UPDATE with the same octets (a feed
 * sends thousands in a row that differ only in their NLRI) reuses its decoded attributes and RFC 7606
 * verdict instead of decoding them again: the same octets under the same context always decode the
 * same. The NLRI inside MP_REACH_NLRI (and that attribute's length) are not part of the comparison;
 * they are scanned for every UPDATE and reused only when they come packed ({@link PackedMpNlri}).
 * Sections with MP_UNREACH_NLRI, or with an MP_REACH_NLRI of another kind, are never reused. One per session; not thread-safe.
 */
public final class AttributeMemo {
    private byte[] key = new byte[64];
    private int keyLength;
    private byte[] last = new byte[0];
    private int lastLength = -1;
    private CodecContext lastContext;
    private List<PathAttribute> attributes;
    private List<UpdateProblem> problems;
    private ErrorAction action;
    /** The MP_REACH_NLRI family and NLRI octets of the section {@link #split} last looked at (start -1: none). */
    AfiSafi mpFamily;
    int mpStart = -1;
    int mpEnd = -1;

    /**
     * Reads the section {@code body[start, start + length)} into the comparison key; false when it
     * cannot be reused (its framing is irregular, or it carries NLRI that must be decoded as objects).
     */
    boolean split(byte[] body, int start, int length, boolean hasIpv4Nlri) {
        mpStart = -1;
        mpEnd = -1;
        if (key.length < length + 1) {
            key = new byte[length + 1];
        }
        int k = 0;
        key[k++] = (byte) (hasIpv4Nlri ? 1 : 0);
        int p = start;
        int end = start + length;
        while (p < end) {
            if (end - p < 3) {
                return false;
            }
            int flags = body[p] & 0xff;
            boolean ext = (flags & PathAttribute.FLAG_EXTENDED_LENGTH) != 0;
            if (ext && end - p < 4) {
                return false;
            }
            int type = body[p + 1] & 0xff;
            int head = ext ? 4 : 3;
            int vlen = ext ? (body[p + 2] & 0xff) << 8 | (body[p + 3] & 0xff) : body[p + 2] & 0xff;
            if (vlen > end - p - head || type == PathAttribute.MP_UNREACH_NLRI) {
                return false;
            }
            int v = p + head;
            if (type == PathAttribute.MP_REACH_NLRI) {
                if (mpStart >= 0 || vlen < 5) {
                    return false;
                }
                int nhLen = body[v + 3] & 0xff;
                mpFamily = new AfiSafi((body[v] & 0xff) << 8 | (body[v + 1] & 0xff), body[v + 2] & 0xff);
                if (!PackedMpNlri.packs(mpFamily, nhLen) || vlen < 5 + nhLen) {
                    return false;
                }
                key[k++] = (byte) flags;
                key[k++] = (byte) type;
                System.arraycopy(body, v, key, k, 5 + nhLen);
                k += 5 + nhLen;
                mpStart = v + 5 + nhLen;
                mpEnd = v + vlen;
            } else {
                System.arraycopy(body, p, key, k, head + vlen);
                k += head + vlen;
            }
            p = v + vlen;
        }
        keyLength = k;
        return true;
    }

    /** Whether the section last {@link #split} equals the remembered one, under the same context. */
    boolean matches(CodecContext ctx) {
        return keyLength == lastLength && ctx.equals(lastContext) && Arrays.equals(key, 0, keyLength, last, 0, lastLength);
    }

    /** Remembers the section last {@link #split} with what it decoded to. */
    void remember(CodecContext ctx, List<PathAttribute> attributes, List<UpdateProblem> problems, ErrorAction action) {
        if (last.length < keyLength) {
            last = new byte[key.length];
        }
        System.arraycopy(key, 0, last, 0, keyLength);
        lastLength = keyLength;
        lastContext = ctx;
        this.attributes = List.copyOf(attributes);
        this.problems = List.copyOf(problems);
        this.action = action;
    }

    List<PathAttribute> attributes() {
        return attributes;
    }

    List<UpdateProblem> problems() {
        return problems;
    }

    ErrorAction action() {
        return action;
    }
}
