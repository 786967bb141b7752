package io.nvo3.bench.pull;

/**
 * os-ken's {@code simple_switch_13} learning switch, as upstream os-ken (and Ryu before it) ships it in
 * {@code os_ken/app/simple_switch_13.py} (Apache License 2.0); Debian's python3-os-ken 2.5.0 leaves the sample apps
 * out, so {@link PacketInBench} writes this copy next to the run and hands it to {@code osken-manager}. Unchanged,
 * including its INFO log line per packet-in.
 */
final class SimpleSwitch13 {
    private SimpleSwitch13() {
    }

    static final String SOURCE = """
            from os_ken.base import app_manager
            from os_ken.controller import ofp_event
            from os_ken.controller.handler import CONFIG_DISPATCHER, MAIN_DISPATCHER
            from os_ken.controller.handler import set_ev_cls
            from os_ken.ofproto import ofproto_v1_3
            from os_ken.lib.packet import packet
            from os_ken.lib.packet import ethernet
            from os_ken.lib.packet import ether_types


            class SimpleSwitch13(app_manager.OSKenApp):
                OFP_VERSIONS = [ofproto_v1_3.OFP_VERSION]

                def __init__(self, *args, **kwargs):
                    super(SimpleSwitch13, self).__init__(*args, **kwargs)
                    self.mac_to_port = {}

                @set_ev_cls(ofp_event.EventOFPSwitchFeatures, CONFIG_DISPATCHER)
                def switch_features_handler(self, ev):
                    datapath = ev.msg.datapath
                    ofproto = datapath.ofproto
                    parser = datapath.ofproto_parser
                    match = parser.OFPMatch()
                    actions = [parser.OFPActionOutput(ofproto.OFPP_CONTROLLER,
                                                      ofproto.OFPCML_NO_BUFFER)]
                    self.add_flow(datapath, 0, match, actions)

                def add_flow(self, datapath, priority, match, actions, buffer_id=None):
                    ofproto = datapath.ofproto
                    parser = datapath.ofproto_parser
                    inst = [parser.OFPInstructionActions(ofproto.OFPIT_APPLY_ACTIONS,
                                                         actions)]
                    if buffer_id:
                        mod = parser.OFPFlowMod(datapath=datapath, buffer_id=buffer_id,
                                                priority=priority, match=match,
                                                instructions=inst)
                    else:
                        mod = parser.OFPFlowMod(datapath=datapath, priority=priority,
                                                match=match, instructions=inst)
                    datapath.send_msg(mod)

                @set_ev_cls(ofp_event.EventOFPPacketIn, MAIN_DISPATCHER)
                def _packet_in_handler(self, ev):
                    if ev.msg.msg_len < ev.msg.total_len:
                        self.logger.debug("packet truncated: only %s of %s bytes",
                                          ev.msg.msg_len, ev.msg.total_len)
                    msg = ev.msg
                    datapath = msg.datapath
                    ofproto = datapath.ofproto
                    parser = datapath.ofproto_parser
                    in_port = msg.match['in_port']

                    pkt = packet.Packet(msg.data)
                    eth = pkt.get_protocols(ethernet.ethernet)[0]

                    if eth.ethertype == ether_types.ETH_TYPE_LLDP:
                        return
                    dst = eth.dst
                    src = eth.src

                    dpid = format(datapath.id, "d").zfill(16)
                    self.mac_to_port.setdefault(dpid, {})

                    self.logger.info("packet in %s %s %s %s", dpid, src, dst, in_port)

                    self.mac_to_port[dpid][src] = in_port

                    if dst in self.mac_to_port[dpid]:
                        out_port = self.mac_to_port[dpid][dst]
                    else:
                        out_port = ofproto.OFPP_FLOOD

                    actions = [parser.OFPActionOutput(out_port)]

                    if out_port != ofproto.OFPP_FLOOD:
                        match = parser.OFPMatch(in_port=in_port, eth_dst=dst, eth_src=src)
                        if msg.buffer_id != ofproto.OFP_NO_BUFFER:
                            self.add_flow(datapath, 1, match, actions, msg.buffer_id)
                            return
                        else:
                            self.add_flow(datapath, 1, match, actions)
                    data = None
                    if msg.buffer_id == ofproto.OFP_NO_BUFFER:
                        data = msg.data

                    out = parser.OFPPacketOut(datapath=datapath, buffer_id=msg.buffer_id,
                                              in_port=in_port, actions=actions, data=data)
                    datapath.send_msg(out)
            """;
}
