package io.nvo3.api;

import java.util.List;

/** What {@code GET /api/v1/nves} lists; each element is serialized with Jackson. */
@FunctionalInterface
public interface NveStatusSource {
    List<?> nves();

    static NveStatusSource empty() {
        return List::of;
    }
}
