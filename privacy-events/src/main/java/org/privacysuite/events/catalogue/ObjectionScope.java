package org.privacysuite.events.catalogue;

/**
 * What an objection covers. An objection stops processing; it erases nothing (GDPR Art. 21(3): the data is no longer
 * processed for that purpose; CCPA §7026: the business stops selling and sharing).
 */
public enum ObjectionScope {
    /**
     * GDPR Art. 21(2)-(3): direct marketing, including the profiling related to it. Subscriptions end (the address
     * kept only as the suppression hash) and the purposes marked {@code directMarketing} are recorded as refused.
     */
    DIRECT_MARKETING,
    /**
     * CCPA/CPRA opt-out of sale and sharing (DRP {@code sale:opt-out}): the purposes a Global Privacy Control signal
     * governs ({@code gpcGoverned}, the same set GPC opts out of under CCPA regulations §7025) are recorded as refused.
     */
    SALE_OR_SHARING
}
