package org.privacysuite.events.catalogue;

/**
 * How far an erasure goes. FULL is the only mode: an objection is not an erasure and travels as
 * {@link ObjectionRequested} (a mode a participant does not know is refused, never read as FULL).
 */
public enum ErasureMode {
    FULL
}
