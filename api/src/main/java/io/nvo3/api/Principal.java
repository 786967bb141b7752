package io.nvo3.api;

import java.util.Objects;

/** Who makes a request: the project of its token and whether it is an admin. */
public record Principal(String projectId, boolean admin) {
    public Principal {
        Objects.requireNonNull(projectId, "projectId");
    }

    /** May this caller see a resource of {@code owner} (shared resources aside)? */
    public boolean owns(String owner) {
        return admin || projectId.equals(owner);
    }
}
