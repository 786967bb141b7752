/**
 * Helpers for the Open_vSwitch database schema (vswitch.ovsschema): idempotent "ensure" of bridges, ports,
 * interfaces and controllers. OVS-specific quirks stay here, not in the RFC 7047 core.
 */
package io.nvo3.ovsdb.vswitch;
