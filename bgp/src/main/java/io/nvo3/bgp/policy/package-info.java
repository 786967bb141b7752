/**
 * Import checks (loop detection, RFC 4456 §8) and export rules (iBGP split horizon, route
 * reflection, eBGP attribute scoping, next hop) as pure functions.
 */
package io.nvo3.bgp.policy;
