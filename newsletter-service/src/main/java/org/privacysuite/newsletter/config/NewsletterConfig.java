package org.privacysuite.newsletter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;

@ConfigMapping(prefix = "newsletter")
public interface NewsletterConfig {

    /** Where mail links point (the gateway): confirmation and unsubscribe URLs are built on it. */
    @WithDefault("http://127.0.0.1:8080")
    URI publicBaseUrl();

    /**
     * HMAC-SHA256 key that signs unsubscribe tokens ({@code NEWSLETTER_TOKEN_KEY}, at least 32 characters; checked
     * at start-up so that a weak key stops the service instead of failing requests).
     */
    @Size(min = 32)
    String tokenKey();

    /** HMAC-SHA256 key of the suppression list's email hashes ({@code NEWSLETTER_SUPPRESSION_KEY}, at least 32 characters). */
    @Size(min = 32)
    String suppressionKey();

    /**
     * HMAC-SHA256 key of the sign-up throttle's counters ({@code NEWSLETTER_THROTTLE_KEY}, at least 32 characters):
     * the counters hold keyed hashes of addresses and client addresses, never the values.
     */
    @Size(min = 32)
    String throttleKey();

    SignUps signUps();

    Confirmation confirmation();

    /**
     * How long an unsubscribed address stays on record (shown to its owner, kept for questions). Then the row goes
     * and only the suppression hash of the address remains: the objection is still honoured.
     */
    @WithDefault("P30D")
    Duration unsubscribedRetention();

    Sending sending();

    Browsing browsing();

    Interests interests();

    Offers offers();

    Mail mail();

    /**
     * Limits on {@code POST /api/newsletter/subscriptions}, counted in the database so that they hold across
     * replicas: nobody can mail-bomb an address through the form, or flood it from one client.
     */
    interface SignUps {
        /** Confirmation (or "already subscribed") mails per address and window; beyond it the answer stays 202, no mail. */
        @WithDefault("3")
        int mailsPerAddress();

        @WithDefault("1h")
        Duration addressWindow();

        /** Sign-up requests per client address and window; beyond it 429 with Retry-After. */
        @WithDefault("10")
        int requestsPerClient();

        @WithDefault("1h")
        Duration clientWindow();
    }

    interface Confirmation {
        /** How long a confirmation link works. */
        @WithDefault("48h")
        Duration ttl();

        /** At most one mail per address in this interval, however often someone submits it (no mail bombing). */
        @WithDefault("10m")
        Duration resendInterval();

        /** Unconfirmed subscriptions (the address owner never agreed) are deleted after this long. */
        @WithDefault("P7D")
        Duration pendingRetention();

        /** Used and expired tokens are kept this long, so that a reused link is answered as "already used". */
        @WithDefault("P7D")
        Duration tokenRetention();
    }

    interface Sending {
        /** Recipients handled per send call or background round. */
        @WithDefault("100")
        int batchSize();

        /** Attempts per recipient before the recipient counts as failed for the issue. */
        @WithDefault("3")
        int maxAttempts();

        /** Pause before a recipient whose mail failed is tried again. */
        @WithDefault("5m")
        Duration retryBackoff();

        /** How often a background round continues issues that are being sent; {@code off} disables it. */
        @WithDefault("15s")
        String every();
    }

    interface Browsing {
        /** Browsing events and interest scores not refreshed within this period are deleted. */
        @WithDefault("P90D")
        Duration retention();

        /** Most topics one browsing event may carry. */
        @WithDefault("10")
        int maxTopicsPerEvent();
    }

    /** The interest profile: a count per topic that fades, so that old visits weigh less than recent ones. */
    interface Interests {
        /** A visit's weight halves every half-life (14 days: an interest shown a month ago counts a quarter). */
        @WithDefault("P14D")
        Duration halfLife();

        /**
         * How long a replica serves a profile it read from memory ({@link
         * org.privacysuite.newsletter.service.ProfileReads}). Its own writes drop the copy at once; another replica's
         * reach it within this time.
         */
        @WithDefault("2s")
        Duration readCacheTtl();

        /** How many profiles (subject and purpose) a replica keeps in memory at most. */
        @WithDefault("10000")
        int readCacheSize();
    }

    /** {@code GET /api/offers}. */
    interface Offers {
        @WithDefault("5")
        int defaultLimit();

        @WithDefault("20")
        int maxLimit();

        /**
         * How long a replica serves the catalogue from memory: a marketing change reaches the other replicas within
         * it (the replica that took the change reloads at once).
         */
        @WithDefault("10s")
        Duration catalogueCacheTtl();
    }

    interface Mail {
        /** RFC 2919 List-Id. */
        @WithDefault("Example Appliances newsletter <newsletter.example.com>")
        String listId();

        /** Sender identification required in every commercial message (CASL, CAN-SPAM). */
        @WithDefault("Example Appliances Inc., 1 Example Street, Montreal, QC, Canada")
        String postalAddress();

        @WithDefault("https://www.example.com/privacy")
        String privacyPolicyUrl();
    }
}
