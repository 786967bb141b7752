/**
 * Pure EVPN export: from a VN's {@link io.nvo3.controller.federation.VnRouting} and its running tenant
 * systems, the set of EVPN routes this domain originates ({@link io.nvo3.controller.federation.export.EvpnExport}),
 * the RFC 7432 §15 MAC mobility decisions against other domains' routes
 * ({@link io.nvo3.controller.federation.export.MacMobility}), and the difference between two such sets
 * ({@link io.nvo3.controller.federation.export.ExportDiff}).
 */
package io.nvo3.controller.federation.export;
