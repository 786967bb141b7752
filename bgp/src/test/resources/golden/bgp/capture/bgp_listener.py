#!/usr/bin/env python3
"""Minimal passive BGP speaker for capturing golden UPDATEs on loopback.

Usage: bgp_listener.py ADDR PORT MY_AS ROUTER_ID OUTFILE SECONDS
Accepts one connection, answers OPEN with an OPEN announcing multiprotocol for
IPv4/IPv6 unicast, VPNv4/VPNv6, L2VPN EVPN and RT constraint, 4-octet AS and
route refresh, then keeps the session up and writes every received message as
one hex line (whole message, header included) to OUTFILE.
"""
import socket, struct, sys, time

addr, port, my_as, rid, out, secs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], float(sys.argv[6])
MARKER = b"\xff" * 16

def msg(t, body):
    return MARKER + struct.pack("!HB", 19 + len(body), t) + body

def cap(code, val):
    return struct.pack("!BB", code, len(val)) + val

caps = b"".join(cap(1, struct.pack("!HBB", afi, 0, safi)) for afi, safi in
                [(1, 1), (2, 1), (1, 128), (2, 128), (25, 70), (1, 132)])
caps += cap(2, b"") + cap(65, struct.pack("!I", my_as))
opt = struct.pack("!BB", 2, len(caps)) + caps
open_body = struct.pack("!BHH", 4, my_as if my_as < 65536 else 23456, 90) + socket.inet_aton(rid) + struct.pack("!B", len(opt)) + opt

def mp_families(open_body):
    fams, opts, i = set(), open_body[10:10 + open_body[9]], 0
    while i + 2 <= len(opts):
        ptype, plen = opts[i], opts[i + 1]
        if ptype == 2:
            c = opts[i + 2:i + 2 + plen]; j = 0
            while j + 2 <= len(c):
                if c[j] == 1 and c[j + 1] == 4:
                    afi, _, safi = struct.unpack("!HBB", c[j + 2:j + 6]); fams.add((afi, safi))
                j += 2 + c[j + 1]
        i += 2 + plen
    return fams

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind((addr, port))
srv.listen(1)
srv.settimeout(secs)
deadline = time.time() + secs
with open(out, "w") as f:
    try:
        conn, _ = srv.accept()
    except socket.timeout:
        sys.exit("no connection")
    buf = b""
    eor_sent = False
    conn.settimeout(0.5)
    while time.time() < deadline:
        try:
            data = conn.recv(65536)
            if not data:
                break
            buf += data
        except socket.timeout:
            conn.sendall(msg(4, b""))
            continue
        while len(buf) >= 19:
            length = struct.unpack("!H", buf[16:18])[0]
            if len(buf) < length:
                break
            m, buf = buf[:length], buf[length:]
            f.write(m.hex() + "\n"); f.flush()
            if m[18] == 1:
                peer_families = mp_families(m[19:])
                conn.sendall(msg(1, open_body) + msg(4, b""))
            elif m[18] == 4:
                conn.sendall(msg(4, b""))
                if not eor_sent:
                    # End-of-RIB for every family (RFC 4724 section 2); GoBGP waits for the
                    # RT-constraint one before sending VPN routes (RFC 4684 section 6).
                    eor = msg(2, b"\x00\x00\x00\x00")
                    for afi, safi in peer_families - {(1, 1)}:
                        a = struct.pack("!BBBHB", 0x80, 15, 3, afi, safi)
                        eor += msg(2, struct.pack("!HH", 0, len(a)) + a)
                    if (1, 132) in peer_families:
                        # RFC 4684 section 4: the default route-target constraint (prefix length 0)
                        # asks the peer for every VPN route; GoBGP sends none without it.
                        attrs = struct.pack("!BBBB", 0x40, 1, 1, 0)
                        attrs += struct.pack("!BBBBBI", 0x40, 2, 6, 2, 1, my_as)
                        mp = struct.pack("!HBB", 1, 132, 4) + socket.inet_aton(addr) + b"\x00" + b"\x00"
                        attrs += struct.pack("!BBB", 0x80, 14, len(mp)) + mp
                        eor = msg(2, struct.pack("!HH", 0, len(attrs)) + attrs) + eor
                    conn.sendall(eor)
                    eor_sent = True
    conn.close()
srv.close()
