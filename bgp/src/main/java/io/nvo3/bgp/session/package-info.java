/** The Netty side of a session: connection adapter, event-loop scheduler, UPDATE packing. */
package io.nvo3.bgp.session;
