package org.privacysuite.events.catalogue;

public enum ErasureOutcome {
    ERASED,
    NOTHING_FOUND,
    DEFERRED,
    FAILED
}
