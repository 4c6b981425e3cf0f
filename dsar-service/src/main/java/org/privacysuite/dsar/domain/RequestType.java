package org.privacysuite.dsar.domain;

/** What the person asks for. */
public enum RequestType {
    /** A copy of their data (GDPR Art. 15, CCPA right to know). */
    ACCESS,
    /** Their data in a machine-readable format to take elsewhere (GDPR Art. 20). */
    PORTABILITY,
    /** Deletion (GDPR Art. 17, CCPA right to delete). */
    ERASURE,
    /** Correction of inaccurate data (GDPR Art. 16, CPRA right to correct). */
    RECTIFICATION,
    /**
     * Objection to processing: direct marketing (GDPR Art. 21(2)-(3)) or the sale and sharing of personal data (CCPA
     * opt-out, DRP {@code sale:opt-out}). It stops that processing and erases nothing.
     */
    OBJECTION,
    /** A question about how their data is used and protected. */
    QUESTION;

    /** Types fulfilled by collecting every participant's data. */
    public boolean collectsData() {
        return this == ACCESS || this == PORTABILITY;
    }

    /** Fulfilled when every service that holds one of the corrected fields answered. */
    public boolean correctsData() {
        return this == RECTIFICATION;
    }

    /** Types carried out by participants through a saga (the others are answered by an officer). */
    public boolean runsSaga() {
        return collectsData() || erasesData() || correctsData() || stopsProcessing();
    }

    /** Fulfilled by every participant erasing data. */
    public boolean erasesData() {
        return this == ERASURE;
    }

    /** Fulfilled by every participant stopping the processing objected to. */
    public boolean stopsProcessing() {
        return this == OBJECTION;
    }

    /**
     * Whether a second request of this type for the same person, while the first is open, is the same request. A
     * question or a correction says something new each time, so it is never a duplicate.
     */
    public boolean repeatsAsDuplicate() {
        return this != QUESTION && this != RECTIFICATION;
    }
}
