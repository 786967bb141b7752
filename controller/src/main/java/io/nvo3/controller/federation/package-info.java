/**
 * Federation groundwork (issue 5): networking-bgpvpn resources ({@link io.nvo3.controller.federation.BgpVpnService}),
 * per-VN route distinguishers ({@link io.nvo3.controller.federation.RdAllocator}) and the routing parameters of each
 * VN ({@link io.nvo3.controller.federation.VnRouting}). The pure EVPN mapping lives in {@code export} and
 * {@code imports}.
 */
package io.nvo3.controller.federation;
