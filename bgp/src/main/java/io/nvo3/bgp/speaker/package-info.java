/**
 * The embeddable speaker: {@link io.nvo3.bgp.speaker.BgpSpeaker#start} with a
 * {@link io.nvo3.bgp.speaker.SpeakerConfig}, neighbors at runtime, origination, best-path
 * subscriptions, status and RIB dumps, RT constraint, graceful restart.
 */
package io.nvo3.bgp.speaker;
