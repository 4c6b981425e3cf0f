package org.privacysuite.events.catalogue;

/** How far an erasure goes: everything the subject has, or only data processed on the basis of consent/objection. */
public enum ErasureMode {
    FULL,
    CONSENT_BASED_ONLY
}
