package org.privacysuite.account.domain;

/** Why an account is being closed: the owner's button, or an erasure request of dsar-service. */
public enum ClosureCause {
    USER_REQUEST,
    ERASURE_REQUEST
}
