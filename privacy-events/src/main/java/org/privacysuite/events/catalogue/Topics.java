package org.privacysuite.events.catalogue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Kafka topic names of the architecture's event table, in one place. */
public final class Topics {

    public static final String PRIVACY_REQUESTS = "privacy.requests";
    public static final String PRIVACY_RESULTS = "privacy.results";
    public static final String ACCOUNT_EVENTS = "account.events";
    public static final String CONSENT_EVENTS = "consent.events";
    /** Compacted, key = service: each participant's latest declaration, kept for as long as the topic exists. */
    public static final String PRIVACY_PARTICIPANTS = "privacy.participants";
    /**
     * The erasure journal: kept forever (pseudonymous keys only), outside every database a backup rolls back, read
     * from a point in time after a restore and never through an inbox, so it has no dead-letter topic and is not in
     * {@link #ALL} (the contract's event table).
     */
    public static final String ERASURE_JOURNAL = "privacy.erasure-journal";

    /** Suffix of the dead-letter topic that receives a topic's poison records. */
    public static final String DLQ_SUFFIX = ".dlq";

    /**
     * The largest record the suite's producers send and its topics take ({@code max.request.size} and
     * {@code max.message.bytes}): 8 MiB, against Kafka's default of 1 MiB, which an access answer passes at about 500
     * consent decisions. A record over the broker's limit would stop a service's outbox relay at that row for good, so
     * {@code Outbox.publish} refuses any event that could not fit ({@link #MAX_EVENT_DATA_BYTES}). The outbox row must
     * hold it too: MariaDB's {@code max_allowed_packet} is 16 MiB by default, MySQL 8's 64 MiB.
     */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    /** The largest event data the outbox takes: the record less room for the key and CloudEvents headers. */
    public static final int MAX_EVENT_DATA_BYTES = MAX_MESSAGE_BYTES - 64 * 1024;

    public static final List<String> ALL = List.of(PRIVACY_REQUESTS, PRIVACY_RESULTS, ACCOUNT_EVENTS, CONSENT_EVENTS,
            PRIVACY_PARTICIPANTS);

    /**
     * How long each topic keeps records (k8s/base/kafka/topics.yaml says the same for clusters). Access results are
     * copies of people's data: one day. A dead-letter topic keeps its records exactly as long as the topic they
     * came from, never longer, so a dead letter does not outlive the event's purpose.
     */
    private static final Map<String, Duration> RETENTION = Map.of(
            PRIVACY_REQUESTS, Duration.ofDays(7),
            PRIVACY_RESULTS, Duration.ofDays(1),
            ACCOUNT_EVENTS, Duration.ofDays(7),
            CONSENT_EVENTS, Duration.ofDays(7),
            // Compacted, so records are not deleted by age; the figure is its dead-letter topic's retention.
            PRIVACY_PARTICIPANTS, Duration.ofDays(7));

    private Topics() {
    }

    /** Whether the topic is compacted (the latest record per key stays) rather than deleted by age. */
    public static boolean isCompacted(String topic) {
        return PRIVACY_PARTICIPANTS.equals(topic);
    }

    public static String deadLetterTopicOf(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Retention of a catalogue topic or of its dead-letter topic. */
    public static Duration retentionOf(String topic) {
        String main = topic.endsWith(DLQ_SUFFIX) ? topic.substring(0, topic.length() - DLQ_SUFFIX.length()) : topic;
        Duration retention = RETENTION.get(main);
        if (retention == null) {
            throw new IllegalArgumentException("Not a catalogue topic: " + topic);
        }
        return retention;
    }
}
