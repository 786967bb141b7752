#!/bin/bash
# Captures UPDATEs from GoBGP 3.10 on loopback into gobgp.hex (one message per line, hex).
# Usage: capture_gobgp.sh OUTFILE
set -u
OUT=$1; HERE=$(cd "$(dirname "$0")" && pwd); D=$(mktemp -d /tmp/nvo3-gobgpcap.XXXXXX)
trap 'kill $GP 2>/dev/null; kill $LP 2>/dev/null; rm -rf "$D"' EXIT
cat > "$D/gobgp.toml" <<'T'
[global.config]
  as = 65001
  router-id = "198.19.0.1"
  port = 17901
  local-address-list = ["127.0.0.1"]
[[neighbors]]
  [neighbors.config]
    neighbor-address = "127.0.0.2"
    peer-as = 65002
  [neighbors.transport.config]
    remote-port = 17902
    local-address = "127.0.0.1"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "l2vpn-evpn"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "l3vpn-ipv4-unicast"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "rtc"
T
python3 "$HERE/bgp_listener.py" 127.0.0.2 17902 65002 198.19.0.2 "$OUT" 45 & LP=$!
gobgpd -f "$D/gobgp.toml" --api-hosts=127.0.0.1:17950 -p > "$D/gobgpd.log" 2>&1 & GP=$!
G="gobgp -u 127.0.0.1 -p 17950"
for i in $(seq 1 40); do $G neighbor 2>/dev/null | grep -q Establ && break; sleep 1; done
$G neighbor
$G global rib -a evpn add macadv aa:bb:cc:00:00:01 203.0.113.10 etag 0 label 10100 rd 65001:100 rt 65001:100 encap vxlan
$G global rib -a evpn add multicast 198.18.0.1 etag 0 rd 65001:100 rt 65001:100 encap vxlan pmsi ingress-repl 10100 198.18.0.1
$G global rib -a evpn add prefix 198.51.100.0/24 etag 0 rd 65001:200 rt 65001:200 gw 0.0.0.0 label 20200 encap vxlan router-mac aa:bb:cc:00:00:02
$G global rib -a vpnv4 add 203.0.113.0/24 label 100 rd 65001:1 rt 65001:1
$G global rib -a ipv4 add 198.51.100.0/24 nexthop 198.18.0.1 community 65001:7 large-community 65001:1:2 med 10 local-pref 200
sleep 2
$G global rib -a evpn del macadv aa:bb:cc:00:00:01 203.0.113.10 etag 0 label 10100 rd 65001:100
$G global rib -a vpnv4 del 203.0.113.0/24 label 100 rd 65001:1
sleep 2
kill $GP; wait $LP
