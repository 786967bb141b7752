package io.nvo3.controller.bgp;

/** A refused BGP runtime request; the API maps each kind to its HTTP status. */
public abstract sealed class BgpServiceException extends RuntimeException {
    private BgpServiceException(String message) {
        super(message);
    }

    /** BGP is off: the controller's configuration has no {@code bgp:} section (503). */
    public static final class NotConfigured extends BgpServiceException {
        public NotConfigured() {
            super("BGP is not configured: add a bgp: section (asn, router-id, neighbors) to the controller's configuration file");
        }
    }

    /** No neighbor with that address (404). */
    public static final class NotFound extends BgpServiceException {
        public NotFound(String address) {
            super("BGP neighbor " + address + " could not be found.");
        }
    }

    /** A neighbor with that address exists already (409). */
    public static final class Conflict extends BgpServiceException {
        public Conflict(String address) {
            super("BGP neighbor " + address + " already exists.");
        }
    }
}
