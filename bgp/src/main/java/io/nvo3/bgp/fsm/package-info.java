/**
 * The BGP finite state machine of RFC 4271 §8: states, events, timers on an injected
 * {@link io.nvo3.bgp.fsm.Scheduler}, connection collision detection (§6.8), OPEN validation and
 * capability negotiation. No I/O: the session layer drives it through {@link io.nvo3.bgp.fsm.Connection}.
 */
package io.nvo3.bgp.fsm;
