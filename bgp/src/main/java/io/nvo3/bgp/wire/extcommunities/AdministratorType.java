package io.nvo3.bgp.wire.extcommunities;

/**
 * The Global Administrator forms shared by route targets and route origins: RFC 4360 §3.1
 * (2-octet AS, type 0x00), §3.2 (IPv4 address, type 0x01) and RFC 5668 (4-octet AS, type 0x02).
 */
public enum AdministratorType {
    AS2(0x00, 0xffffL, 0xffff_ffffL),
    IPV4(0x01, 0xffff_ffffL, 0xffffL),
    AS4(0x02, 0xffff_ffffL, 0xffffL);

    private final int typeHigh;
    private final long maxGlobal;
    private final long maxLocal;

    AdministratorType(int typeHigh, long maxGlobal, long maxLocal) {
        this.typeHigh = typeHigh;
        this.maxGlobal = maxGlobal;
        this.maxLocal = maxLocal;
    }

    /** The low six bits of the type octet (the transitive variant; 0x40 marks non-transitive). */
    public int typeHigh() {
        return typeHigh;
    }

    void check(long global, long local) {
        if (global < 0 || global > maxGlobal || local < 0 || local > maxLocal) {
            throw new IllegalArgumentException(name() + " administrator " + global + ":" + local + " out of range");
        }
    }

    static String format(AdministratorType t, long global, long local) {
        return switch (t) {
            case AS2 -> global + ":" + local;
            case IPV4 -> ((global >>> 24) & 0xff) + "." + ((global >>> 16) & 0xff) + "." + ((global >>> 8) & 0xff) + "." + (global & 0xff) + ":" + local;
            case AS4 -> global + "L:" + local;
        };
    }

    /** Parses "65001:100", "198.19.0.1:5" or "4200000000:5"/"65001L:5" (4-octet AS form). */
    static long[] parse(String s, AdministratorType[] typeOut) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("expected ADMIN:NUMBER, got '" + s + "'");
        }
        String g = s.substring(0, colon);
        long local = Long.parseLong(s.substring(colon + 1));
        long global;
        AdministratorType t;
        if (g.contains(".")) {
            String[] o = g.split("\\.");
            if (o.length != 4) {
                throw new IllegalArgumentException("bad IPv4 administrator in '" + s + "'");
            }
            global = 0;
            for (String x : o) {
                int v = Integer.parseInt(x);
                if (v < 0 || v > 255) throw new IllegalArgumentException("bad IPv4 administrator in '" + s + "'");
                global = (global << 8) | v;
            }
            t = IPV4;
        } else if (g.endsWith("L") || g.endsWith("l")) {
            global = Long.parseLong(g.substring(0, g.length() - 1));
            t = AS4;
        } else {
            global = Long.parseLong(g);
            t = global > 0xffff ? AS4 : AS2;
        }
        t.check(global, local);
        typeOut[0] = t;
        return new long[] {global, local};
    }
}
