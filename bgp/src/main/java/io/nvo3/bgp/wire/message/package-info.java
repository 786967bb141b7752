/** BGP messages (RFC 4271 §4) and the whole-message codec with RFC 7606 UPDATE error handling. */
package io.nvo3.bgp.wire.message;
