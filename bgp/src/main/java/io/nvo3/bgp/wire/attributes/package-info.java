/** UPDATE path attributes and their codec. */
package io.nvo3.bgp.wire.attributes;
