package org.privacysuite.events.catalogue;

import java.util.List;

/** Kafka topic names of the architecture's event table, in one place. */
public final class Topics {

    public static final String PRIVACY_REQUESTS = "privacy.requests";
    public static final String PRIVACY_RESULTS = "privacy.results";
    public static final String ACCOUNT_EVENTS = "account.events";
    public static final String CONSENT_EVENTS = "consent.events";

    /** Suffix of the dead-letter topic that receives a topic's poison records. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static final List<String> ALL = List.of(PRIVACY_REQUESTS, PRIVACY_RESULTS, ACCOUNT_EVENTS, CONSENT_EVENTS);

    private Topics() {
    }

    public static String deadLetterTopicOf(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
