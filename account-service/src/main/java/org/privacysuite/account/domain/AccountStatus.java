package org.privacysuite.account.domain;

public enum AccountStatus {
    ACTIVE,
    /** Closure (or erasure) requested while holds are active: the account closes when the last one ends. */
    CLOSURE_PENDING,
    /** The Keycloak user is disabled (then deleted); only a tombstone row without personal data remains. */
    CLOSED
}
