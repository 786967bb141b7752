package io.nvo3.bgp.peers;

import java.util.List;

/**
 * {@code tshark -i lo -f "tcp port P"} writing a pcap in its temp dir; {@link #decode()} re-reads it
 * with the BGP dissector forced on that port ({@code -d tcp.port==P,bgp -V}), an independent check
 * of what went over the wire.
 */
public final class TsharkCapture extends PeerProcess {
    private static final String LOG_FILE = "tshark.log";
    private final int port;

    private TsharkCapture(int port) {
        super("tshark");
        this.port = port;
    }

    /** Starts capturing and returns once tshark reports it is capturing. */
    public static TsharkCapture start(int port) {
        TsharkCapture t = new TsharkCapture(port);
        t.spawn(LOG_FILE, List.of("tshark", "-i", "lo", "-f", "tcp port " + port, "-w", t.dir.resolve("cap.pcapng").toString()));
        try {
            t.awaitReady("capture", LOG_FILE, () -> t.log(LOG_FILE).contains("Capturing on"));
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /**
     * Waits until the file being written holds a BGP message of {@code type} (1 OPEN ... 5 ROUTE-REFRESH): a peer
     * seeing an effect does not mean the capture has written the frame yet, so stop only after this.
     */
    public void awaitMessageType(int type, java.time.Duration timeout) {
        org.awaitility.Awaitility.await("BGP message of type " + type + " in the capture").atMost(timeout)
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> run(List.of("tshark", "-r", dir.resolve("cap.pcapng").toString(), "-d", "tcp.port==" + port + ",bgp",
                        "-Y", "bgp.type == " + type, "-T", "fields", "-e", "bgp.type")).lines()
                        .anyMatch(l -> List.of(l.trim().split(",")).contains(Integer.toString(type))));
    }

    /** Stops the capture (the pcap is complete afterwards). */
    public void stop() {
        stopProcesses();
    }

    /** The verbose dissection of everything captured. */
    public String decode() {
        return run(List.of("tshark", "-r", dir.resolve("cap.pcapng").toString(), "-d", "tcp.port==" + port + ",bgp", "-V"));
    }

    /** One line per BGP message: {@code bgp.type} values, for counting message kinds. */
    public String messageTypes() {
        return run(List.of("tshark", "-r", dir.resolve("cap.pcapng").toString(), "-d", "tcp.port==" + port + ",bgp",
                "-Y", "bgp", "-T", "fields", "-e", "bgp.type"));
    }
}
