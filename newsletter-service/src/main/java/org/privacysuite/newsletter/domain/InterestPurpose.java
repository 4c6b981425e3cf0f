package org.privacysuite.newsletter.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The uses of the one interest profile, each under its own consent purpose (consent-service's keys). A row of the
 * profile is collected under one purpose and read only by that purpose's use, so withdrawing one consent deletes its
 * rows and leaves the other use's (GDPR Art. 5(1)(b): data collected for newsletter sections is not reused for
 * offers, and the other way round).
 */
public enum InterestPurpose {

    /** Newsletter sections in the reader's order; collected only for subscribers. */
    NEWSLETTER("newsletter-personalisation", "newsletter personalisation", "ordering the sections of your newsletter"),
    /** Offers on the site chosen by interest; the advertising cookie's purpose in the privacy statement. */
    OFFERS("advertising-cookies", "advertising cookies", "choosing the offers you see on this site");

    /** The consent purpose's key, as stored in {@code interest_score.purpose}. */
    public final String key;
    /** The consent's name, in words for the person. */
    public final String consent;
    /** What the profile is used for under this purpose, in words for the person. */
    public final String usedFor;

    InterestPurpose(String key, String consent, String usedFor) {
        this.key = key;
        this.consent = consent;
        this.usedFor = usedFor;
    }

    public static Optional<InterestPurpose> ofKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }
}
