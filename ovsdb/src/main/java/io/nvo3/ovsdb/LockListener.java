package io.nvo3.ovsdb;

/** RFC 7047 §4.1.9/§4.1.10: the "locked" and "stolen" notifications for one lock. */
public interface LockListener {
    /** "locked": "the client now owns the lock" after waiting for it. */
    void locked(String lockId);

    /** "stolen": "the lock has been stolen by another client". */
    void stolen(String lockId);
}
