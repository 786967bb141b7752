/**
 * The networking-bgpvpn API subset: {@code /v2.0/bgpvpn/bgpvpns} and their
 * {@code network_associations}, over {@link io.nvo3.controller.federation.BgpVpnService}. Add
 * {@link io.nvo3.api.bgpvpn.BgpVpnRoutes#routes} to {@code ApiServer.Options.extraRoutes}.
 */
package io.nvo3.api.bgpvpn;
