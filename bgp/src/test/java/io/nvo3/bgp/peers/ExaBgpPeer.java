package io.nvo3.bgp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * ExaBGP 4.2 with one API process that replays, line by line, what the test appends to
 * {@code commands.txt} ({@code announce route ...}, {@code withdraw route ...}, {@code announce eor}).
 *
 * <p>ExaBGP 4.2 has no command to send a raw UPDATE; malformed UPDATEs are made with its generic
 * attribute {@code attribute [0xCODE 0xFLAGS 0xVALUE]}, which it sends byte for byte with the length
 * computed from VALUE (e.g. a 2-octet MED: {@code attribute [0x04 0x80 0x0001]}).
 */
public final class ExaBgpPeer extends PeerProcess {
    private static final String LOG_FILE = "exabgp.log";
    private static final String FEEDER = """
            import os, sys, time
            path, pos, buf = sys.argv[1], 0, ''
            while os.getppid() != 1:
                    with open(path) as f:
                            f.seek(pos)
                            chunk = f.read()
                            pos = f.tell()
                    buf += chunk
                    *lines, buf = buf.split('\\n')
                    for line in lines:
                            if line.strip():
                                    sys.stdout.write(line + '\\n')
                    sys.stdout.flush()
                    if not chunk:
                            time.sleep(0.05)
            """;

    private final long asn;
    private final String address;
    private final int port;
    private final String routerId;
    private final Options options;

    public static final class Options {
        int holdTime = 9;
        boolean gracefulRestart;
        final List<String> staticRoutes = new ArrayList<>();

        public Options holdTime(int seconds) {
            holdTime = seconds;
            return this;
        }

        public Options gracefulRestart() {
            gracefulRestart = true;
            return this;
        }

        /** A route in the config's {@code static} block, e.g. {@code 198.51.100.0/24 next-hop 198.18.0.5}. */
        public Options staticRoute(String route) {
            staticRoutes.add(route);
            return this;
        }
    }

    private ExaBgpPeer(long asn, Options options) {
        super("exabgp");
        this.asn = asn;
        this.address = Loopback.address();
        this.port = Loopback.freePort(address);
        this.routerId = Loopback.routerId();
        this.options = options;
    }

    public static ExaBgpPeer create(long asn, Consumer<Options> opts) {
        Options o = new Options();
        opts.accept(o);
        return new ExaBgpPeer(asn, o);
    }

    public ExaBgpPeer start(PeerNeighbor... neighbors) {
        write("feeder.py", FEEDER);
        write("commands.txt", "");
        write("exabgp.conf", config(List.of(neighbors)));
        var env = new ArrayList<>(List.of("env",
                "exabgp.daemon.user=root", "exabgp.daemon.daemonize=false", "exabgp.daemon.drop=false",
                "exabgp.tcp.bind=" + address, "exabgp.tcp.port=" + port,
                "exabgp.api.ack=false", "exabgp.api.cli=false",
                "exabgp.log.destination=stdout", "exabgp.log.level=INFO", "exabgp.log.packets=true",
                "exabgp.log.network=true", "exabgp.log.message=true",
                "exabgp", dir.resolve("exabgp.conf").toString()));
        spawn(LOG_FILE, env);
        return this;
    }

    String config(List<PeerNeighbor> neighbors) {
        var b = new StringBuilder();
        b.append("process feeder {\n  run /usr/bin/python3 ").append(dir.resolve("feeder.py")).append(' ')
                .append(dir.resolve("commands.txt")).append(";\n  encoder text;\n}\n");
        for (PeerNeighbor n : neighbors) {
            b.append("neighbor ").append(n.address()).append(" {\n");
            b.append("  router-id ").append(routerId).append(";\n");
            b.append("  local-address ").append(address).append(";\n");
            b.append("  local-as ").append(asn).append(";\n  peer-as ").append(n.asn()).append(";\n");
            b.append("  hold-time ").append(options.holdTime).append(";\n");
            b.append("  connect ").append(n.port()).append(";\n");
            b.append("  listen ").append(port).append(";\n");
            b.append("  passive ").append(n.passive()).append(";\n");
            b.append("  group-updates true;\n");
            b.append("  family {\n");
            for (PeerFamily f : n.families()) {
                if (f.exabgp != null) {
                    b.append("    ").append(f.exabgp).append(";\n");
                }
            }
            b.append("  }\n  capability {\n    route-refresh;\n");
            if (options.gracefulRestart) {
                b.append("    graceful-restart 30;\n");
            }
            b.append("  }\n  api {\n    processes [ feeder ];\n  }\n");
            if (!options.staticRoutes.isEmpty()) {
                b.append("  static {\n");
                options.staticRoutes.forEach(r -> b.append("    route ").append(r).append(";\n"));
                b.append("  }\n");
            }
            b.append("}\n");
        }
        return b.toString();
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public long asn() {
        return asn;
    }

    public String log() {
        return log(LOG_FILE);
    }

    /** Appends API commands; the feeder hands them to ExaBGP within ~50 ms. */
    public void send(Collection<String> commands) {
        try {
            Files.writeString(dir.resolve("commands.txt"), String.join("\n", commands) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void send(String command) {
        send(List.of(command));
    }

    /** {@code announce route PREFIX next-hop NH [extra]}. */
    public void announce(String prefix, String nextHop, String extra) {
        send("announce route " + prefix + " next-hop " + nextHop + (extra.isEmpty() ? "" : " " + extra));
    }

    public void withdraw(String prefix, String nextHop) {
        send("withdraw route " + prefix + " next-hop " + nextHop);
    }

    /** Whether ExaBGP's log shows the session with {@code neighborAddress} up. */
    public boolean established(String neighborAddress) {
        String l = log();
        int up = l.lastIndexOf("connected to");
        return l.contains("neighbor " + neighborAddress) && up >= 0
                && l.indexOf("peer reset", up) < 0 && l.indexOf("outgoing-", up) < 0
                && l.lastIndexOf(">> OPEN") >= 0 && l.lastIndexOf("<< OPEN") >= 0;
    }
}
