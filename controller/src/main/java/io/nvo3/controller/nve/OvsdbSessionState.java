package io.nvo3.controller.nve;

import java.util.List;

/** Manager-side state of one OVSDB connection. Confined to the manager's thread. */
final class OvsdbSessionState {
    final OvsdbNveSession session;
    /** The system-id this connection owns; null before it named a valid, unique one. */
    String systemId;
    List<String> warnings = List.of();
    String provisionedSpec;
    boolean provisioning;
    String provisionError;
    boolean initialDone;

    OvsdbSessionState(OvsdbNveSession session) {
        this.session = session;
    }
}
