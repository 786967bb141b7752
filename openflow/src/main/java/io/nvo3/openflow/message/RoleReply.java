package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;

/**
 * OFPT_ROLE_REPLY ({@code struct ofp_role_request}, §7.3.9): role OFPCR_ROLE_NOCHANGE 0, EQUAL 1, MASTER 2,
 * SLAVE 3; {@code generationId} is compared as a wrapping unsigned 64-bit number by the switch.
 */
public record RoleReply(int xid, long role, long generationId) implements OfMessage {
    public static final long OFPCR_ROLE_NOCHANGE = 0;
    public static final long OFPCR_ROLE_EQUAL = 1;
    public static final long OFPCR_ROLE_MASTER = 2;
    public static final long OFPCR_ROLE_SLAVE = 3;

    public RoleReply {
        Wire.u32(role, "role");
    }

    @Override
    public int type() {
        return MessageType.ROLE_REPLY;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeInt((int) role).writeZero(4).writeLong(generationId);
    }

    static RoleReply decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 16, "ofp_role_request");
        long role = b.readUnsignedInt();
        b.skipBytes(4);
        return new RoleReply(xid, role, b.readLong());
    }
}
