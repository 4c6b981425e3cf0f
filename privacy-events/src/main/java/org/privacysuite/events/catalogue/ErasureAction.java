package org.privacysuite.events.catalogue;

/** What a service does with one record type on erasure, as declared by that service. */
public enum ErasureAction {
    DELETE,
    ANONYMISE,
    RETAIN
}
