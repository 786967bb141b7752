package io.nvo3.bench.federation;

import io.nvo3.testbed.Hypervisor;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ovs-ofctl -O OpenFlow13 dump-flows br-int eth_dst=MAC[/MASK]} asks, over one persistent OpenFlow 1.3
 * connection to the bridge's management socket ({@code OVS_RUNDIR/br-int.mgmt}, the socket ovs-ofctl itself uses),
 * so that a poll costs one request/reply round trip instead of a process start. Read-only: it sends HELLO, flow-stats
 * requests and echo replies, nothing else. Each returned {@link Flow} is one OFPMP_FLOW reply entry, reduced to its
 * eth_dst and whether its instructions set the given tunnel destination.
 *
 * <p>Hand-rolled on purpose (a few fixed layouts, OpenFlow 1.3.5 §7.3.5 / §7.3.5.2) so that the judge of the
 * benchmark does not share the controller's own OpenFlow codec.
 */
final class MgmtFlowReader implements AutoCloseable {
    private static final byte VERSION = 0x04;
    private static final int OFPT_HELLO = 0;
    private static final int OFPT_ECHO_REQUEST = 2;
    private static final int OFPT_ECHO_REPLY = 3;
    private static final int OFPT_MULTIPART_REQUEST = 18;
    private static final int OFPT_MULTIPART_REPLY = 19;
    private static final int OFPMP_FLOW = 1;
    private static final int OFPMPF_REPLY_MORE = 1;
    /** OXM_OF_ETH_DST: class 0x8000 (OpenFlow basic), field 3, 6 bytes; with mask 12 bytes. */
    private static final int OXM_ETH_DST = 0x80000606;
    private static final int OXM_ETH_DST_W = 0x8000070c;
    /** NXM_NX_TUN_IPV4_DST as OVS 3.1 writes it in a set_field: class 0x0001 (NXM_1), field 32, 4 bytes. */
    private static final int OXM_TUN_IPV4_DST = 0x00014004;

    /** One flow entry: its eth_dst match (lower-case, or null) and whether it sets the awaited tunnel destination. */
    record Flow(String ethDst, boolean setsTunDst) {
    }

    private final SocketChannel ch;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 22);
    private int xid = 1;

    private MgmtFlowReader(SocketChannel ch) {
        this.ch = ch;
        in.flip();
    }

    static MgmtFlowReader open(Hypervisor hv) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(hv.ovsDir().resolve("br-int.mgmt")));
        MgmtFlowReader r = new MgmtFlowReader(ch);
        ByteBuffer hello = ByteBuffer.allocate(8);
        hello.put(VERSION).put((byte) OFPT_HELLO).putShort((short) 8).putInt(0).flip();
        r.write(hello);
        while (true) {
            ByteBuffer m = r.read();
            if (m.get(1) == OFPT_HELLO) {
                if (m.get(0) < VERSION) {
                    r.close();
                    throw new IOException(hv.name() + ": br-int.mgmt speaks OpenFlow version " + m.get(0) + ", not 1.3");
                }
                return r;
            }
        }
    }

    /** The flows of all tables whose match is at least as specific as eth_dst=mac/mask (mask null: exact). */
    List<Flow> flows(byte[] mac, byte[] mask, byte[] tunDst) throws IOException {
        int oxmLen = mask == null ? 10 : 16;
        int matchLen = 4 + oxmLen;
        int padded = (matchLen + 7) / 8 * 8;
        int len = 8 + 8 + 32 + padded;
        int id = xid++;
        ByteBuffer req = ByteBuffer.allocate(len);
        req.put(VERSION).put((byte) OFPT_MULTIPART_REQUEST).putShort((short) len).putInt(id);
        req.putShort((short) OFPMP_FLOW).putShort((short) 0).putInt(0);
        // ofp_flow_stats_request: table_id=OFPTT_ALL, pad, out_port=OFPP_ANY, out_group=OFPG_ANY, pad, cookie 0/0
        req.put((byte) 0xff).put(new byte[3]).putInt(0xffffffff).putInt(0xffffffff).putInt(0).putLong(0).putLong(0);
        req.putShort((short) 1).putShort((short) matchLen).putInt(mask == null ? OXM_ETH_DST : OXM_ETH_DST_W).put(mac);
        if (mask != null) {
            req.put(mask);
        }
        req.put(new byte[padded - matchLen]).flip();
        write(req);
        List<Flow> flows = new ArrayList<>();
        while (true) {
            ByteBuffer m = read();
            int type = m.get(1);
            if (type == OFPT_ECHO_REQUEST) {
                ByteBuffer echo = ByteBuffer.allocate(m.limit());
                echo.put(m.duplicate()).put(1, (byte) OFPT_ECHO_REPLY).flip();
                write(echo);
                continue;
            }
            if (type != OFPT_MULTIPART_REPLY || m.getInt(4) != id) {
                if (type == 1) { // OFPT_ERROR
                    throw new IOException("flow-stats request refused: OFPT_ERROR type " + m.getShort(8) + " code "
                            + m.getShort(10));
                }
                continue;
            }
            int flags = m.getShort(10) & 0xffff;
            for (int off = 16; off + 48 <= m.limit(); ) {
                int entryLen = m.getShort(off) & 0xffff;
                if (entryLen < 56 || off + entryLen > m.limit()) {
                    throw new IOException("malformed flow stats entry of length " + entryLen);
                }
                flows.add(entry(m, off, entryLen, tunDst));
                off += entryLen;
            }
            if ((flags & OFPMPF_REPLY_MORE) == 0) {
                return flows;
            }
        }
    }

    private static Flow entry(ByteBuffer m, int off, int len, byte[] tunDst) {
        int matchOff = off + 48;
        int matchLen = m.getShort(matchOff + 2) & 0xffff;
        String ethDst = null;
        for (int o = matchOff + 4; o + 4 <= matchOff + matchLen; ) {
            int hdr = m.getInt(o);
            int l = hdr & 0xff;
            if (hdr == OXM_ETH_DST || hdr == OXM_ETH_DST_W) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    sb.append(i == 0 ? "" : ":").append(String.format("%02x", m.get(o + 4 + i) & 0xff));
                }
                ethDst = sb.toString();
            }
            o += 4 + l;
        }
        boolean sets = false;
        if (tunDst != null) {
            // The instructions follow the match padded to 8; a set_field of tun_dst carries OXM header + 4 bytes.
            int instrOff = matchOff + (matchLen + 7) / 8 * 8;
            for (int o = instrOff; o + 8 <= off + len && !sets; o++) {
                if (m.getInt(o) == OXM_TUN_IPV4_DST && m.get(o + 4) == tunDst[0] && m.get(o + 5) == tunDst[1]
                        && m.get(o + 6) == tunDst[2] && m.get(o + 7) == tunDst[3]) {
                    sets = true;
                }
            }
        }
        return new Flow(ethDst, sets);
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** The next whole message, as a buffer of its own starting at the header. */
    private ByteBuffer read() throws IOException {
        while (true) {
            if (in.remaining() >= 8) {
                int len = in.getShort(in.position() + 2) & 0xffff;
                if (len < 8) {
                    throw new IOException("bad OpenFlow length " + len);
                }
                if (in.remaining() >= len) {
                    ByteBuffer m = in.slice(in.position(), len);
                    ByteBuffer copy = ByteBuffer.allocate(len).put(m).flip();
                    in.position(in.position() + len);
                    return copy;
                }
            }
            in.compact();
            int n = ch.read(in);
            in.flip();
            if (n < 0) {
                throw new IOException("br-int.mgmt closed the connection");
            }
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
