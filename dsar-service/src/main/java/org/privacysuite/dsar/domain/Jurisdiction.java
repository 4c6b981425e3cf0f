package org.privacysuite.dsar.domain;

public enum Jurisdiction {
    GDPR,
    CCPA
}
