/** NLRI per AFI/SAFI: IPv4/IPv6 unicast, VPN-IPv4/IPv6, L2VPN EVPN, RT constraint; route distinguishers, ESIs and label fields. */
package io.nvo3.bgp.wire.nlri;
