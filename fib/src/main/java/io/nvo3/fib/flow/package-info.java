/**
 * The FIB's output, independent of the OpenFlow codec: flows, matches, instructions, actions, groups, cookies.
 * The controller translates these to OpenFlow 1.3 messages (with the OVS fields tun_dst and reg0..7).
 */
package io.nvo3.fib.flow;
