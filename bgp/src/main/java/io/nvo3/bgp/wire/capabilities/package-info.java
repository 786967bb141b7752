/** OPEN capabilities (RFC 5492) and their codec. */
package io.nvo3.bgp.wire.capabilities;
