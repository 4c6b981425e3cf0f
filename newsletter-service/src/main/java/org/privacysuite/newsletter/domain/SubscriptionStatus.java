package org.privacysuite.newsletter.domain;

public enum SubscriptionStatus {
    /** Asked for, the address owner has not confirmed: nothing but the confirmation mail is sent. */
    PENDING,
    /** Double opt-in completed: the address receives issues of its topics. */
    CONFIRMED,
    /** Ended by the subscriber; the row stays so the objection is honoured and can be shown. */
    UNSUBSCRIBED
}
