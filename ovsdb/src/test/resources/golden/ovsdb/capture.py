#!/usr/bin/env python3
"""Captures raw JSON-RPC messages from a real, throwaway ovsdb-server (see README.md).

Usage: python3 capture.py OUTDIR
Starts ovsdb-server in a temp dir (root namespace, unix socket + a loopback manager), sends requests, and
writes each reply/notification exactly as the server sent it (bytes sliced from the stream) to OUTDIR.
"""
import json, os, shutil, socket, subprocess, sys, tempfile, time

SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"
out = sys.argv[1]
d = tempfile.mkdtemp(prefix="ovsdb-golden-")
env = dict(os.environ, OVS_RUNDIR=d, OVS_LOGDIR=d, OVS_DBDIR=d)
srv = None
try:
    subprocess.run(["ovsdb-tool", "create", f"{d}/conf.db", SCHEMA], check=True, env=env)
    srv = subprocess.Popen(["ovsdb-server", f"{d}/conf.db", f"--remote=punix:{d}/db.sock",
                            "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
                            f"--pidfile={d}/p.pid", f"--unixctl={d}/ctl", f"--log-file={d}/log", "-vconsole:off"], env=env)
    for _ in range(100):
        if os.path.exists(f"{d}/db.sock"):
            break
        time.sleep(0.05)
    vsctl = ["ovs-vsctl", f"--db=unix:{d}/db.sock", "--no-wait", "--timeout=10"]
    subprocess.run(vsctl + ["init"], check=True)

    class Conn:
        def __init__(self, s):
            self.s, self.buf = s, b""
        def send(self, obj):
            self.s.sendall(json.dumps(obj, separators=(",", ":")).encode())
        def recv(self):
            dec = json.JSONDecoder()
            while True:
                text = self.buf.decode("utf-8", "ignore")
                try:
                    obj, end = dec.raw_decode(text)
                    raw = text[:end].encode()
                    self.buf = self.buf[len(raw):]
                    return obj, raw
                except json.JSONDecodeError:
                    chunk = self.s.recv(65536)
                    if not chunk:
                        raise EOFError
                    self.buf += chunk

    def save(name, raw):
        with open(os.path.join(out, name), "wb") as f:
            f.write(raw)

    s = socket.socket(socket.AF_UNIX); s.connect(f"{d}/db.sock"); c = Conn(s)
    c.send({"method": "list_dbs", "params": [], "id": 1}); save("list_dbs-reply.json", c.recv()[1])
    c.send({"method": "get_schema", "params": ["Open_vSwitch"], "id": 2}); save("get_schema-reply.json", c.recv()[1])
    c.send({"method": "get_schema", "params": ["nope"], "id": 3}); save("get_schema-unknown-db-reply.json", c.recv()[1])
    c.send({"method": "monitor", "params": ["Open_vSwitch", "m1", {
        "Open_vSwitch": {"columns": ["bridges", "external_ids"]},
        "Bridge": {"columns": ["name", "ports", "external_ids", "fail_mode", "protocols"]},
        "Port": {"columns": ["name", "interfaces"]},
        "Interface": {"columns": ["name", "type", "options", "ofport"]}}], "id": 4})
    save("monitor-initial-reply.json", c.recv()[1])
    subprocess.run(vsctl + ["add-br", "br0"], check=True)
    save("update-add-br.json", c.recv()[1])
    subprocess.run(vsctl + ["set", "Bridge", "br0", "external_ids:owner=nvo3", "protocols=OpenFlow13,OpenFlow14"], check=True)
    save("update-modify-bridge.json", c.recv()[1])
    subprocess.run(vsctl + ["del-br", "br0"], check=True)
    save("update-del-br.json", c.recv()[1])
    c.send({"method": "transact", "params": ["Open_vSwitch",
        {"op": "insert", "table": "Interface", "row": {"name": "p1", "type": "internal"}, "uuid-name": "i1"},
        {"op": "insert", "table": "Port", "row": {"name": "p1", "interfaces": ["named-uuid", "i1"]}, "uuid-name": "p1"},
        {"op": "insert", "table": "Bridge", "row": {"name": "br1", "ports": ["named-uuid", "p1"]}, "uuid-name": "b"},
        {"op": "mutate", "table": "Open_vSwitch", "where": [], "mutations": [["bridges", "insert", ["set", [["named-uuid", "b"]]]]]},
        {"op": "select", "table": "Bridge", "where": [["name", "==", "br1"]], "columns": ["name", "ports"]},
        {"op": "comment", "comment": "golden"}], "id": 5})
    # ovsdb-server sends the "update" notification for br1 before the transact reply; file them by kind.
    for _ in range(2):
        obj, raw = c.recv()
        save("update-insert-br1.json" if obj.get("method") == "update" else "transact-insert-reply.json", raw)
    c.send({"method": "transact", "params": ["Open_vSwitch",
        {"op": "update", "table": "Bridge", "where": [["name", "==", "br1"]], "row": {"fail_mode": "bogus"}},
        {"op": "comment", "comment": "never runs"}], "id": 6})
    save("transact-constraint-violation-reply.json", c.recv()[1])
    c.send({"method": "transact", "params": ["Open_vSwitch",
        {"op": "insert", "table": "Port", "row": {"name": "dangling", "interfaces": ["uuid", "00000000-0000-0000-0000-000000000001"]}}], "id": 7})
    save("transact-referential-integrity-reply.json", c.recv()[1])
    # Bridge.name is an index: a second "br1" passes every operation and fails at commit, so the result
    # array carries one extra <error> element (RFC 7047 sec. 4.1.3).
    c.send({"method": "transact", "params": ["Open_vSwitch",
        {"op": "insert", "table": "Bridge", "row": {"name": "br1"}, "uuid-name": "dup"},
        {"op": "mutate", "table": "Open_vSwitch", "where": [], "mutations": [["bridges", "insert", ["set", [["named-uuid", "dup"]]]]]}], "id": 8})
    save("transact-commit-error-reply.json", c.recv()[1])
    c.send({"method": "echo", "params": ["x"], "id": "e1"}); save("echo-reply.json", c.recv()[1])
    c.send({"method": "nope", "params": [], "id": 9}); save("unknown-method-reply.json", c.recv()[1])

    # Passive direction: ovsdb-server connects to us as its manager and probes with "echo" after 5 s idle.
    ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen(1)
    port = ls.getsockname()[1]
    subprocess.run(vsctl + ["set-manager", f"tcp:127.0.0.1:{port}"], check=True)
    ls.settimeout(20)
    m, _ = ls.accept(); m.settimeout(20); mc = Conn(m)
    save("manager-echo-request.json", mc.recv()[1])
    m.close(); ls.close(); s.close()
finally:
    if srv:
        srv.kill(); srv.wait()
    shutil.rmtree(d, ignore_errors=True)
