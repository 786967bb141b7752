#!/bin/sh
# The flows and group whose OVS 3.1 flow-stats / group-desc replies are the golden files.
O="ovs-ofctl -O OpenFlow13"; B=${1:-br0}
$O add-flow $B "table=0,priority=100,in_port=1,actions=set_field:0x10->reg0,resubmit(,10)"
$O add-flow $B "table=10,priority=50,cookie=0x1234,ip,nw_dst=203.0.113.0/24,actions=dec_ttl,set_field:00:00:5e:00:53:01->eth_src,goto_table:20"
$O add-flow $B "table=20,priority=10,ip,tun_id=0x64,actions=learn(table=40,NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],output:NXM_OF_IN_PORT[]),note:01020304,ct(commit),output:2"
$O add-flow $B "table=30,priority=20,metadata=0x5/0xff,arp,arp_tpa=203.0.113.1,actions=controller"
$O add-flow $B "table=30,priority=21,tun_src=198.18.0.9,dl_dst=00:00:5e:00:53:00/ff:ff:ff:00:00:00,actions=write_metadata:0x7/0xff,goto_table:40"
$O add-flow $B "table=40,priority=5,icmp6,icmp_type=135,nd_target=2001:db8::1,actions=drop"
$O add-group $B "group_id=1,type=all,bucket=set_field:100->tun_id,set_field:198.18.0.2->tun_dst,output:2,bucket=set_field:100->tun_id,set_field:198.18.0.3->tun_dst,output:2"
# a port added while connected: OVS sends OFPT_PORT_STATUS (OFPPR_ADD)
ovs-vsctl --db=unix:$OVS_RUNDIR/db.sock add-port $B p2 -- set interface p2 type=internal ofport_request=3
sleep 1
