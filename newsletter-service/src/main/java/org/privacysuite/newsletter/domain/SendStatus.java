package org.privacysuite.newsletter.domain;

public enum SendStatus {
    /** The mail went out; written in the same transaction as the send. */
    SENT,
    /** The last attempt failed; retried until the attempts run out. */
    FAILED
}
