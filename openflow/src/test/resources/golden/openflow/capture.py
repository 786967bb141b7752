#!/usr/bin/env python3
"""Minimal OpenFlow 1.3 controller that records what a real OVS sends (see README.md).

Usage: capture.py PORT OUTDIR   (then: ovs-vsctl set-controller br0 tcp:127.0.0.1:PORT)
Writes one .bin file per captured message (whole message, header included).
"""
import socket, struct, sys, os

port, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port)); srv.listen(1); srv.settimeout(30)
conn, _ = srv.accept(); conn.settimeout(10)
buf = b""

def recv_msg():
    global buf
    while True:
        if len(buf) >= 8:
            ln = struct.unpack("!H", buf[2:4])[0]
            if len(buf) >= ln:
                m, buf = buf[:ln], buf[ln:]
                if m[1] == 2:  # echo request: answer and keep reading
                    conn.sendall(bytes([4, 3]) + m[2:])
                    continue
                if m[1] == 12:  # unsolicited PORT_STATUS (add-flows.sh adds port p2)
                    save("port_status", m)
                    continue
                return m
        d = conn.recv(65536)
        if not d:
            raise EOFError
        buf += d

def hdr(t, ln, xid):
    return struct.pack("!BBHI", 4, t, ln, xid)

def save(name, m):
    open(os.path.join(out, name + ".bin"), "wb").write(m)

def request(name, msg, xid):
    conn.sendall(msg)
    parts = b""
    while True:
        m = recv_msg()
        if struct.unpack("!I", m[4:8])[0] != xid:
            continue
        if name:
            parts += m
        # multipart reply with OFPMPF_REPLY_MORE: keep collecting
        if m[1] == 19 and struct.unpack("!H", m[10:12])[0] & 1:
            continue
        if name:
            save(name, parts)
        return m

save("hello", recv_msg())
conn.sendall(hdr(0, 16, 1) + struct.pack("!HHI", 1, 8, 1 << 4))
request("features_reply", hdr(5, 8, 2), 2)
mp = lambda t, xid, body=b"": hdr(18, 16 + len(body), xid) + struct.pack("!HH4x", t, 0) + body
request("port_desc_reply", mp(13, 3), 3)
# OVS flushes the flow table when a controller is first configured: the flows and the group are added
# with ovs-ofctl only now, while we wait (answering echo requests is not needed within 3 s).
import time; open(os.path.join(out, ".connected"), "w").close()
while not os.path.exists(os.path.join(out, ".go")):
    time.sleep(0.1)
flow_req = struct.pack("!B3xII4xQQ", 0xff, 0xffffffff, 0xffffffff, 0, 0) + struct.pack("!HH4x", 1, 4)
request("flow_stats_reply", mp(1, 4, flow_req), 4)
request("group_desc_reply", mp(7, 5), 5)
request("desc_reply", mp(0, 6), 6)
# FLOW_MOD add, table 0, match ip_proto=6 without eth_type: OVS must answer OFPBMC_BAD_PREREQ.
match = struct.pack("!HHIB", 1, 9, 0x80001401, 6) + b"\0" * 7
fm = struct.pack("!QQBBHHHIIIH2x", 0, 0, 0, 0, 0, 0, 1, 0xffffffff, 0xffffffff, 0xffffffff, 0) + match
request("error_bad_prereq", hdr(14, 8 + len(fm), 7) + fm, 7)
# ONF bundle open (EXT-230, exp_type 2300), then discard.
bc = lambda xid, typ: hdr(4, 24, xid) + struct.pack("!IIIHH", 0x4f4e4600, 2300, 77, typ, 3)
request("bundle_open_reply", bc(8, 0), 8)
request("bundle_discard_reply", bc(9, 6), 9)
request("barrier_reply", hdr(20, 8, 10), 10)
conn.close()
