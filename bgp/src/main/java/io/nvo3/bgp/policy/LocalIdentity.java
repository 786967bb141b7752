package io.nvo3.bgp.policy;

/**
 * Who we are, for import and export rules.
 *
 * @param asn       our AS
 * @param routerId  our BGP Identifier, unsigned 32 bits
 * @param clusterId our route-reflection CLUSTER_ID (RFC 4456 §7: "by default, ... the BGP Identifier")
 */
public record LocalIdentity(long asn, long routerId, long clusterId) {}
