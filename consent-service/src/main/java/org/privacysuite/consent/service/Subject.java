package org.privacysuite.consent.service;

import org.privacysuite.consent.domain.SubjectType;

/** Whose choices: a device (consent cookie id) or an account (Keycloak subject id). */
public record Subject(String id, SubjectType type) {

    public static Subject device(String deviceId) {
        return new Subject(deviceId, SubjectType.DEVICE);
    }

    public static Subject account(String accountId) {
        return new Subject(accountId, SubjectType.ACCOUNT);
    }
}
