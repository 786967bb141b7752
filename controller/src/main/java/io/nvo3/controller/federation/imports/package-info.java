/**
 * Pure EVPN import: from the best EVPN routes received and each local VN's import route targets, the
 * remote MACs and flood members the FIB needs ({@link io.nvo3.controller.federation.imports.EvpnImport}),
 * the FIB changes between two such snapshots ({@link io.nvo3.controller.federation.imports.ImportDiff})
 * and a per-VN view of what came from where ({@link io.nvo3.controller.federation.imports.RemoteRibView}).
 * A bad route is skipped with a reason; it never affects the other routes.
 */
package io.nvo3.controller.federation.imports;
