package org.privacysuite.consent.domain;

/** GDPR Art. 6(1) bases this catalogue uses; only {@link #CONSENT} purposes need a person's yes. */
public enum LegalBasis {
    CONSENT,
    CONTRACT,
    LEGAL_OBLIGATION,
    LEGITIMATE_INTERESTS;

    public boolean needsConsent() {
        return this == CONSENT;
    }
}
