package io.nvo3.controller.reconcile;

/** Told about each reconcile outcome, on the reconciler's executor. */
public interface ReconcileObserver {
    void reconciled(ReconcileReport report);

    void failed(String systemId, boolean fullRead, Throwable cause);

    ReconcileObserver NONE = new ReconcileObserver() {
        @Override
        public void reconciled(ReconcileReport report) {
        }

        @Override
        public void failed(String systemId, boolean fullRead, Throwable cause) {
        }
    };
}
