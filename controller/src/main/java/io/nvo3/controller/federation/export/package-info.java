/**
 * Pure EVPN export: from a VN's {@link io.nvo3.controller.federation.VnRouting} and its running tenant
 * systems, the set of EVPN routes this domain originates ({@link io.nvo3.controller.federation.export.EvpnExport}),
 * and the difference between two such sets ({@link io.nvo3.controller.federation.export.ExportDiff}).
 */
package io.nvo3.controller.federation.export;
