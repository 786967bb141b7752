/** nvo3 bgp. */
package io.nvo3.bgp;
