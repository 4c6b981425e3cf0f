package org.privacysuite.events.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the event backbone. Kafka connection properties themselves come from the standard {@code kafka.*}
 * keys (for example {@code KAFKA_BOOTSTRAP_SERVERS}), shared with the Kafka health check.
 */
@ConfigMapping(prefix = "privacy.events")
public interface EventsConfig {

    /** CloudEvents {@code source} of everything this service publishes, e.g. {@code /privacy-suite/consent-service}. */
    String source();

    Relay relay();

    Consumer consumer();

    TopicSetup topics();

    Supervision supervisor();

    Journal journal();

    Residency residency();

    interface Relay {
        /** Off in services that publish nothing, and in tests that drive the relay by hand. */
        @WithDefault("true")
        boolean enabled();

        /** Pause between polls when the outbox is empty. */
        @WithDefault("200ms")
        Duration pollInterval();

        @WithDefault("500")
        int batchSize();

        /**
         * How long one step with the broker may take before the batch is given back to the outbox: starting the
         * relay's transactional producer, sending, committing the batch's Kafka transaction (max.block.ms).
         */
        @WithDefault("15s")
        Duration sendTimeout();

        /**
         * How long the relay lease lasts without renewal. A replica that dies hands over to another after this long;
         * longer than a round (send timeout plus marking) so that a slow round does not lose its lease.
         */
        @WithDefault("45s")
        Duration lease();

        /** Longest pause between rounds while the broker or the database fails (the pause doubles up to it). */
        @WithDefault("10s")
        Duration maxBackoff();

        /** Published rows are purged after this long; they are kept a while to investigate delivery questions. */
        @WithDefault("P7D")
        Duration retention();

        @WithDefault("1h")
        Duration purgeInterval();

        /** How often the outbox lag gauges are refreshed. */
        @WithDefault("5s")
        Duration lagRefreshInterval();
    }

    interface Consumer {
        /** Attempts of one record (first try included) before it goes to the dead-letter topic. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        /** Cap of the doubling pause between attempts, poison or transient (transient ones retry without limit). */
        @WithDefault("5s")
        Duration maxBackoff();

        @WithDefault("500ms")
        Duration pollTimeout();

        /**
         * Prepended to every consumer's Kafka group id. Empty in production; test runs set a unique one so that
         * they never share a group (and split the records) with another run or a locally running suite.
         */
        Optional<String> groupIdPrefix();

        /** How long applied event ids are remembered; redelivery is expected within minutes, not weeks. */
        @WithDefault("P30D")
        Duration inboxRetention();

        @WithDefault("1h")
        Duration inboxPurgeInterval();
    }

    interface TopicSetup {
        /** Create missing topics at start-up; off where an operator (Strimzi KafkaTopic) owns them. */
        @WithDefault("true")
        boolean create();

        @WithDefault("6")
        int partitions();

        @WithDefault("1")
        short replicationFactor();
    }

    interface Supervision {
        /** First pause before a dead consumer or relay thread is started again; it doubles up to the maximum. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("60s")
        Duration maxBackoff();

        /** A worker whose last round is older than this counts as stalled (readiness DOWN). */
        @WithDefault("90s")
        Duration stallAfter();
    }

    interface Journal {
        /**
         * HMAC-SHA256 key of the e-mail hashes in erasure journal lines ({@code PRIVACY_EVENTS_JOURNAL_KEY}, at least
         * 32 characters, the same in every participant): with it a restore finds again what a service holds only
         * under an address. Without it the lines carry no address hashes.
         */
        Optional<String> key();
    }

    /**
     * Where this deployment stores personal data, declared with the service's processing activities (record of
     * processing). Defaults: the company's production home, AWS in Canada (ca-central-1, Montréal); the production
     * overlay states it and a test compares it with the region its database runs in.
     */
    interface Residency {
        @WithDefault("CA")
        String country();

        @WithDefault("ca-central-1")
        String region();

        @WithDefault("Amazon Web Services (processor: hosting of the database and broker)")
        String provider();
    }
}
