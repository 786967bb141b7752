package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.nlri.Nlri;

/** The best path to {@code nlri} changed: {@code oldBest} or {@code newBest} is null for add / remove. */
public record BestChange(AfiSafi family, Nlri nlri, Path oldBest, Path newBest) {}
