package org.privacysuite.newsletter.domain;

/** Who browsing data is about: a device (its consent cookie id) or a signed-in account (its sub). */
public enum SubjectType {
    DEVICE,
    ACCOUNT
}
