package io.nvo3.model;

import java.util.Locale;

/**
 * A tenant system's FIB class: in a hybrid network a {@code latency-sensitive} one is pushed to every NVE (its first
 * packet never waits for the controller), a {@code standard} one is pulled on demand.
 */
public enum FibClass {
    STANDARD, LATENCY_SENSITIVE;

    /** The API spelling: {@code standard} or {@code latency-sensitive} (case-insensitive, '_' accepted); null when unknown. */
    public static FibClass parse(String text) {
        return text == null ? null : Enums.parse(FibClass.class, text.replace('-', '_'));
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
