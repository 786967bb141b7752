#!/bin/bash
# Captures UPDATEs from FRR bgpd (8.4, running alone without zebra) on loopback into OUTFILE.
# Usage: capture_frr.sh OUTFILE
set -u
OUT=$1; HERE=$(cd "$(dirname "$0")" && pwd); D=$(mktemp -d /tmp/nvo3-frrcap.XXXXXX)
chmod 777 "$D"
trap 'kill $BP 2>/dev/null; kill $LP 2>/dev/null; rm -rf "$D"' EXIT
cat > "$D/bgpd.conf" <<'T'
hostname nvo3-golden
router bgp 65003
 bgp router-id 198.19.0.3
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor 127.0.0.4 remote-as 65004
 neighbor 127.0.0.4 port 17912
 neighbor 127.0.0.4 update-source 127.0.0.3
 address-family ipv4 unicast
  network 198.51.100.0/24
  network 203.0.113.128/25
  neighbor 127.0.0.4 activate
 exit-address-family
 address-family ipv4 vpn
  network 203.0.113.0/24 rd 65003:10 label 300
  neighbor 127.0.0.4 activate
 exit-address-family
 address-family l2vpn evpn
  network 198.51.100.0/24 rd 65003:20 ethtag 0 label 30300 esi 00:00:00:00:00:00:00:00:00:00 gwip 0.0.0.0 routermac aa:bb:cc:00:00:03
  neighbor 127.0.0.4 activate
 exit-address-family
T
BGPD=$(dpkg -L frr | grep '/bgpd$' | head -1)
python3 "$HERE/bgp_listener.py" 127.0.0.4 17912 65004 198.19.0.4 "$OUT" 25 & LP=$!
$BGPD -f "$D/bgpd.conf" -Z -p 17911 -l 127.0.0.3 -i "$D/bgpd.pid" --vty_socket "$D" > "$D/bgpd.log" 2>&1 & BP=$!
wait $LP
vtysh --vty_socket "$D" -c "show bgp summary" 2>&1 | head -20
