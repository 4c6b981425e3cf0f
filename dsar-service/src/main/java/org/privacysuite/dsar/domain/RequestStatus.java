package org.privacysuite.dsar.domain;

public enum RequestStatus {
    /** Sent without login; waits for the mailed code. */
    UNVERIFIED,
    PENDING_APPROVAL,
    IN_PROGRESS,
    /** A participant did not answer after being asked again, or failed: an officer must look. */
    STALLED,
    FULFILLED,
    DENIED,
    CLOSED;

    public boolean isOpen() {
        return this != FULFILLED && this != DENIED && this != CLOSED;
    }
}
