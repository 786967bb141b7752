/** NOTIFICATION codes and subcodes, the typed corrupt-input exception and RFC 7606 actions. */
package io.nvo3.bgp.wire.errors;
