package io.nvo3.app.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** A listen or peer address written {@code HOST:PORT} ({@code [v6]:PORT} for IPv6). */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
    }

    /** Parses {@code HOST:PORT}; {@code what} names the flag or key in the error. */
    public static HostPort parse(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(what + ": empty address, expected HOST:PORT");
        }
        String s = text.trim();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new ConfigException(what + ": '" + text + "' is not [IPv6]:PORT");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || s.indexOf(':') != colon) {
                throw new ConfigException(what + ": '" + text + "' is not HOST:PORT");
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new ConfigException(what + ": port '" + port + "' in '" + text + "' is not a number");
        }
        if (p < 0 || p > 65535) {
            throw new ConfigException(what + ": port " + p + " in '" + text + "' is outside 0-65535");
        }
        return new HostPort(host, p);
    }

    public InetSocketAddress resolve(String what) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new ConfigException(what + ": cannot resolve host '" + host + "'");
        }
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
