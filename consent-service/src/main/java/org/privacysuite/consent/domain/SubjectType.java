package org.privacysuite.consent.domain;

/** A device is a visitor recognised by its consent cookie id; an account is a Keycloak subject. */
public enum SubjectType {
    DEVICE,
    ACCOUNT
}
