package org.privacysuite.events.catalogue;

public enum ObjectionOutcome {
    /** The processing the objection covers was stopped for at least one record or purpose: see {@code stopped}. */
    STOPPED,
    /** This service does no such processing for the request's identities. */
    NOTHING_FOUND,
    /** It could not be done now; dsar-service asks again (as for a failed erasure). */
    FAILED
}
