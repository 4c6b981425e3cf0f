package org.privacysuite.events.catalogue;

/**
 * Where a record type's data comes from (GDPR Art. 15(1)(g) and Art. 20(1)): what the person gave us, what we
 * recorded of their use of the service, what we inferred, or what another system told us about them. Portability
 * covers PROVIDED and OBSERVED.
 */
public enum DataOrigin {
    /** Given by the person: a sign-up form, a consent choice, a subscription. */
    PROVIDED,
    /** Recorded from the person's use of the service: app usage, pages browsed. */
    OBSERVED,
    /** Inferred by us from other data: an interest profile. */
    DERIVED,
    /** Received from another system or kept as the business's own record: an order system's hold, a send log. */
    RECEIVED;

    /** Whether the record type belongs in a portability package (Art. 20: provided, including observed, data). */
    public boolean portable() {
        return this == PROVIDED || this == OBSERVED;
    }
}
