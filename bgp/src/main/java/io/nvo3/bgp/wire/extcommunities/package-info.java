/** Extended communities (RFC 4360 and the EVPN / tunnel encapsulation kinds). */
package io.nvo3.bgp.wire.extcommunities;
