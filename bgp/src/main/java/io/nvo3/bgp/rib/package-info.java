/**
 * Routing information bases: per-family {@link io.nvo3.bgp.rib.LocRib} holding every neighbor's
 * paths with the RFC 4271 §9.1.2.2 best path, interned attribute sets, compact IPv4 storage.
 */
package io.nvo3.bgp.rib;
