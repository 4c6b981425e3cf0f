package org.privacysuite.events.catalogue;

/** The outcome of one owner's rectification, in the vocabulary of {@link ErasureOutcome} where they overlap. */
public enum RectificationOutcome {
    /** Every field changed or already held its corrected value. */
    RECTIFIED,
    /** At least one field was refused (invalid value, taken address); the others were applied. Final. */
    REFUSED,
    NOTHING_FOUND,
    /** Could not be applied now; dsar-service asks again. */
    FAILED
}
