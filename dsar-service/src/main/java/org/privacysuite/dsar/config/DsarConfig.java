package org.privacysuite.dsar.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.privacysuite.dsar.domain.Jurisdiction;

@ConfigMapping(prefix = "dsar")
public interface DsarConfig {

    /** Jurisdiction of requests that do not name one (those opened by an account closure). */
    @WithDefault("GDPR")
    Jurisdiction defaultJurisdiction();

    Saga saga();

    AutoApprove autoApprove();

    Verification verification();

    Throttle throttle();

    Mail mail();

    Export export();

    Questions questions();

    Requests requests();

    Jobs jobs();

    /** The Data Rights Protocol for authorised agents (/v1). */
    Drp drp();

    /** The public address of the API (the gateway), for links in mails. */
    String publicBaseUrl();

    /** How old the officers' summary figures may be before they are counted again (they cost a second at 1M). */
    @WithDefault("PT15S")
    Duration summaryMaxAge();

    interface Drp {
        /** The {@code business-id} agents must address their signed messages to. */
        @WithDefault("PRIVACY_SUITE")
        String businessId();

        /** Tolerance for an agent's clock running ahead when checking {@code issued-at}. */
        @WithDefault("PT30S")
        Duration clockSkew();

        /**
         * How long a signed message without an {@code expires-at} claim (a revoke) is remembered so that it cannot be
         * presented again for another request. Messages with one are remembered until it passes.
         */
        @WithDefault("P400D")
        Duration replayMemory();

        Callbacks callbacks();

        /** Section 2.03: pushing status changes to the agent's {@code status_callback}. */
        interface Callbacks {
            /** How often due callbacks are sent (a Quarkus scheduler interval such as {@code 5s}, or {@code off}). */
            @WithDefault("5s")
            String every();

            /** Connect and response timeout of one callback. */
            @WithDefault("PT10S")
            Duration timeout();

            /** Wait before the first retry of a failed callback; doubles with every failure up to {@link #maxBackoff()}. */
            @WithDefault("PT30S")
            Duration firstBackoff();

            @WithDefault("PT6H")
            Duration maxBackoff();

            /** Failed attempts after which a callback is given up (the agent can still poll the status). */
            @WithDefault("20")
            int maxAttempts();

            /**
             * Accept only https callback URLs whose host resolves to public addresses (not loopback, private,
             * link-local or unique-local), so an agent cannot make the service call into the cluster. Set in clusters;
             * off by default so agents on a developer machine can use http://127.0.0.1 callbacks.
             */
            @WithDefault("false")
            boolean publicHttpsOnly();
        }
    }

    interface Jobs {
        /** Interval of the periodic jobs (a Quarkus scheduler expression such as {@code 30s}, or {@code off}). */
        @WithDefault("30s")
        String every();
    }

    interface Saga {
        /** How long a participant may take before it is asked again; doubles with every ask. */
        @WithDefault("PT10M")
        Duration answerTimeout();

        /** Asks (the first included) before the request is flagged STALLED naming the silent participant. */
        @WithDefault("4")
        int maxAsks();

        /**
         * FAILED answers asked again automatically (with the same doubling intervals) before the request is STALLED
         * with the failure's reason; an officer can then ask again.
         */
        @WithDefault("3")
        int failedRetries();
    }

    interface AutoApprove {
        /** A signed-in subject's request for their own data needs no officer. */
        @WithDefault("true")
        boolean ownAccess();

        @WithDefault("true")
        boolean ownErasure();
    }

    interface Verification {
        @WithDefault("PT30M")
        Duration codeTtl();

        @WithDefault("5")
        int maxAttempts();
    }

    /** What a stranger can make the service do (database-backed, so the limits hold across replicas). */
    interface Throttle {
        /** New requests per client address per {@link #clientWindow()}. */
        @WithDefault("20")
        int requestsPerClient();

        @WithDefault("PT1H")
        Duration clientWindow();

        /** Verification code mails per e-mail address per {@link #addressWindow()}. */
        @WithDefault("3")
        int codesPerAddress();

        @WithDefault("PT1H")
        Duration addressWindow();
    }

    /** The mail outbox: mails are sent after their transaction commits and retried while the relay refuses them. */
    interface Mail {
        /** Wait before the first retry; doubles with every failure up to {@link #maxRetry()}. */
        @WithDefault("PT30S")
        Duration firstRetry();

        @WithDefault("PT1H")
        Duration maxRetry();
    }

    interface Export {
        /** Secret from which the AES-256 key of data at rest is derived (SHA-256); a long random string. */
        String key();

        /** Packages (and the participants' data they are made of) are deleted this long after fulfilment. */
        @WithDefault("P30D")
        Duration retention();

        /**
         * How long the download link mailed to a requester without an account works (never past the retention).
         * Signed-in owners download with their token instead.
         */
        @WithDefault("P7D")
        Duration linkTtl();

        /** Downloads one mailed link allows (a failed download can be retried; a leaked link does not last). */
        @WithDefault("3")
        int linkMaxDownloads();
    }

    interface Questions {
        /**
         * A question's contact details, text and answer are removed this long after it ended (answered, denied or
         * closed): the seed's promise that a resolved matter's contact details are deleted.
         */
        @WithDefault("P30D")
        Duration anonymiseAfter();
    }

    /** Retention of the other requests' contact data (docs/retention.md). */
    interface Requests {
        /**
         * Contact data of an ended access, portability, erasure, rectification or objection request (address,
         * subject and device ids, message, corrections, resolved identities) is removed this long after it ended. Two
         * years: CCPA regulations §7101(a) require a record of requests and how they were answered for 24 months,
         * and GDPR Art. 5(2) asks the controller to be able to show it answered. What remains (type, dates,
         * outcome, audit trail without values) shows that without saying who asked.
         */
        @WithDefault("P730D")
        Duration anonymiseAfter();

        /** A request whose address was never proven is closed and its contact data removed this long after. */
        @WithDefault("P30D")
        Duration unverifiedAfter();

        /** Requests handled per round and rule, so a backlog is worked off over rounds, never in one long one. */
        @WithDefault("500")
        int batchSize();
    }
}
