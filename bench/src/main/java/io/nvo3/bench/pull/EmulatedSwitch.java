package io.nvo3.bench.pull;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cbench-style emulated OpenFlow 1.3 switch: connects, says HELLO, answers FEATURES_REQUEST (its datapath id)
 * and the other requests a controller makes while setting a switch up, then — once {@link #blast()} is called —
 * writes PACKET_INs as fast as TCP takes them (or keeps a window of them unanswered) and counts the FLOW_MODs and
 * PACKET_OUTs that come back.
 *
 * <p>The reader thread never writes: replies go through a queue the writer drains between batches, so a controller
 * that stops reading while it writes cannot deadlock us. Messages are built by hand from OpenFlow 1.3.5 section 7
 * layouts (independent of nvo3's codec, which is one of the systems under test).
 */
final class EmulatedSwitch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedSwitch.class);
    static final byte OFP13 = 4;
    // OpenFlow 1.3 section 7.1, enum ofp_type.
    static final int HELLO = 0;
    static final int ERROR = 1;
    static final int ECHO_REQUEST = 2;
    static final int ECHO_REPLY = 3;
    static final int FEATURES_REQUEST = 5;
    static final int FEATURES_REPLY = 6;
    static final int GET_CONFIG_REQUEST = 7;
    static final int GET_CONFIG_REPLY = 8;
    static final int PACKET_IN = 10;
    static final int PACKET_OUT = 13;
    static final int FLOW_MOD = 14;
    static final int MULTIPART_REQUEST = 18;
    static final int MULTIPART_REPLY = 19;
    static final int BARRIER_REQUEST = 20;
    static final int BARRIER_REPLY = 21;
    static final int ROLE_REQUEST = 24;
    static final int ROLE_REPLY = 25;
    static final int GET_ASYNC_REQUEST = 26;
    static final int GET_ASYNC_REPLY = 27;
    static final int BATCH = 64;

    /** Which destination each PACKET_IN asks for. */
    enum Pattern {
        /** src host i, dst host i+1 of the same switch (cbench: a learning switch has seen dst as a source). */
        LOCAL,
        /** src host i, dst host i of the next switch (an NVO3 pull miss: the destination sits behind another NVE). */
        REMOTE
    }

    final long dpid;
    /** At most this many PACKET_INs without a PACKET_OUT back (0: no limit, TCP alone pushes back). */
    private final int window;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final ConcurrentLinkedQueue<byte[]> replies = new ConcurrentLinkedQueue<>();
    private final byte[][] packetIns;
    final AtomicLong flowMods = new AtomicLong();
    final AtomicLong packetOuts = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private volatile boolean featuresAnswered;
    private volatile boolean blasting;
    private volatile boolean closed;
    private final Thread reader;
    private final Thread writer;

    EmulatedSwitch(InetSocketAddress controller, long dpid, int switches, int hosts, Pattern pattern, long cookie,
                   int window) throws IOException {
        this.dpid = dpid;
        this.window = window;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(controller, 5000);
        this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        this.packetIns = new byte[hosts][];
        int sw = (int) dpid;
        int next = sw % switches + 1;
        for (int h = 0; h < hosts; h++) {
            long src = PullLoad.mac(sw, h);
            long dst = pattern == Pattern.LOCAL ? PullLoad.mac(sw, (h + 1) % hosts) : PullLoad.mac(next, h);
            packetIns[h] = packetIn(h + 1, cookie, frame(dst, src));
        }
        replies.add(header(HELLO, 8, 1).array());
        this.reader = Thread.ofPlatform().daemon().name("sw" + dpid + "-reader").start(this::readLoop);
        this.writer = Thread.ofPlatform().daemon().name("sw" + dpid + "-writer").start(this::writeLoop);
    }

    boolean ready() {
        return featuresAnswered;
    }

    void blast() {
        blasting = true;
    }

    long responses() {
        return flowMods.get() + packetOuts.get();
    }

    private void readLoop() {
        byte[] head = new byte[8];
        try {
            while (!closed) {
                in.readFully(head);
                ByteBuffer h = ByteBuffer.wrap(head);
                h.get(); // version
                int type = h.get() & 0xff;
                int len = h.getShort() & 0xffff;
                int xid = h.getInt();
                if (len < 8) {
                    throw new IOException("length " + len + " < 8 in message type " + type);
                }
                byte[] body = new byte[len - 8];
                in.readFully(body);
                switch (type) {
                    case PACKET_OUT -> packetOuts.incrementAndGet();
                    case FLOW_MOD -> flowMods.incrementAndGet();
                    case ECHO_REQUEST -> replies.add(message(ECHO_REPLY, xid, body));
                    case FEATURES_REQUEST -> {
                        // Section 7.3.1: datapath_id, n_buffers, n_tables, auxiliary_id, pad[2], capabilities, reserved.
                        ByteBuffer b = header(FEATURES_REPLY, 32, xid);
                        b.putLong(dpid).putInt(0).put((byte) 254).put((byte) 0).putShort((short) 0).putInt(0x4f)
                                .putInt(0);
                        replies.add(b.array());
                        featuresAnswered = true;
                    }
                    case GET_CONFIG_REQUEST -> replies.add(header(GET_CONFIG_REPLY, 12, xid).putShort((short) 0)
                            .putShort((short) 0xffff).array());
                    case BARRIER_REQUEST -> replies.add(header(BARRIER_REPLY, 8, xid).array());
                    case MULTIPART_REQUEST -> {
                        int mpType = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
                        // OFPMP_DESC (0) has a fixed 1056-byte body; any other type: an empty, final reply.
                        int bodyLen = mpType == 0 ? 1056 : 0;
                        ByteBuffer b = header(MULTIPART_REPLY, 16 + bodyLen, xid);
                        b.putShort((short) mpType).putShort((short) 0).putInt(0);
                        replies.add(b.array());
                    }
                    case ROLE_REQUEST -> {
                        ByteBuffer b = header(ROLE_REPLY, 24, xid);
                        b.put(body, 0, 16);
                        replies.add(b.array());
                    }
                    case GET_ASYNC_REQUEST -> replies.add(header(GET_ASYNC_REPLY, 32, xid).array());
                    case ERROR -> {
                        if (errors.getAndIncrement() == 0) {
                            LOG.warn("switch {}: OFPT_ERROR type {} code {}", dpid,
                                    ((body[0] & 0xff) << 8) | (body[1] & 0xff), ((body[2] & 0xff) << 8) | (body[3] & 0xff));
                        }
                    }
                    default -> {
                        // HELLO, SET_CONFIG, METER_MOD, GROUP_MOD, ...: nothing to answer
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("switch {}: read ended: {}", dpid, e.toString());
            }
        }
    }

    private void writeLoop() {
        int next = 0;
        byte[] batch = new byte[BATCH * packetIns[0].length];
        try {
            while (!closed) {
                boolean wrote = false;
                for (byte[] r = replies.poll(); r != null; r = replies.poll()) {
                    out.write(r);
                    wrote = true;
                }
                int n = BATCH;
                if (blasting && window > 0) {
                    n = (int) Math.min(BATCH, window - (sent.get() - packetOuts.get()));
                }
                if (blasting && n <= 0) {
                    if (wrote) {
                        out.flush();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                } else if (blasting) {
                    int off = 0;
                    for (int i = 0; i < n; i++) {
                        byte[] m = packetIns[next];
                        next = (next + 1) % packetIns.length;
                        System.arraycopy(m, 0, batch, off, m.length);
                        off += m.length;
                    }
                    sent.addAndGet(n);
                    out.write(batch, 0, off);
                    out.flush();
                } else {
                    if (wrote) {
                        out.flush();
                    }
                    Thread.sleep(1);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("switch {}: write ended: {}", dpid, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ByteBuffer header(int type, int length, int xid) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(OFP13).put((byte) type).putShort((short) length).putInt(xid);
        return b;
    }

    private static byte[] message(int type, int xid, byte[] body) {
        return header(type, 8 + body.length, xid).put(body).array();
    }

    /** Section 7.4.1 ofp_packet_in with an OXM match holding only in_port, reason OFPR_NO_MATCH, no buffer. */
    static byte[] packetIn(int inPort, long cookie, byte[] frame) {
        int len = 8 + 16 + 16 + 2 + frame.length;
        ByteBuffer b = header(PACKET_IN, len, 0);
        b.putInt(0xffffffff).putShort((short) frame.length).put((byte) 0).put((byte) 40).putLong(cookie);
        // ofp_match: type OFPMT_OXM (1), length 12 (4 + one 8-byte OXM), padded to 16.
        b.putShort((short) 1).putShort((short) 12).putInt(0x8000_0004).putInt(inPort).putInt(0);
        b.putShort((short) 0); // pad[2]
        b.put(frame);
        return b.array();
    }

    /** A 60-byte Ethernet II / IPv4 / UDP frame (tenant range 203.0.113.0/24), checksums left zero. */
    static byte[] frame(long dst, long src) {
        ByteBuffer b = ByteBuffer.allocate(60);
        b.putShort((short) (dst >>> 32)).putInt((int) dst).putShort((short) (src >>> 32)).putInt((int) src)
                .putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 46).putInt(0).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {(byte) 203, 0, 113, (byte) (src & 0x7f)})
                .put(new byte[] {(byte) 203, 0, 113, (byte) ((dst & 0x7f) | 0x80)});
        b.putShort((short) 5000).putShort((short) 5001).putShort((short) 26).putShort((short) 0);
        return b.array();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        reader.interrupt();
        writer.interrupt();
    }
}
