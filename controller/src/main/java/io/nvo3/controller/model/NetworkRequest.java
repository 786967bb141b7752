package io.nvo3.controller.model;

/**
 * What a caller asks of a network; null fields are "not given" (defaults on create, unchanged on
 * update). {@code id} and {@code projectId} are ignored on update.
 */
public record NetworkRequest(String id, String projectId, String name, String description, Boolean adminStateUp,
                             Boolean shared, Integer mtu, Long vni, Boolean portSecurityEnabled) {
    public static NetworkRequest named(String projectId, String name) {
        return new NetworkRequest(null, projectId, name, null, null, null, null, null, null);
    }
}
