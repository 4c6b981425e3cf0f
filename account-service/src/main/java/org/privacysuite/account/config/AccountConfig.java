package org.privacysuite.account.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "account")
public interface AccountConfig {

    Identity identity();

    Lifecycle lifecycle();

    Holds holds();

    Closure closure();

    AppUsage appUsage();

    interface Identity {
        /** The Keycloak realm accounts live in (the admin client authenticates in {@code quarkus.keycloak.admin-client.realm}). */
        @WithDefault("privacy")
        String realm();
    }

    interface Lifecycle {
        /**
         * How often the lifecycle job looks for pending closures whose holds ended, deferred erasures to finish and
         * Keycloak deletions to retry ({@code off} disables the timer; tests call the job directly).
         */
        @WithDefault("60s")
        String every();

        /** Accounts handled per round; the next round continues. */
        @WithDefault("100")
        int batchSize();
    }

    interface Closure {
        /**
         * How long the disabled Keycloak user of an account its owner closed waits for the erasure request the
         * closure starts (that request deletes it, after dsar-service has read the account's verified e-mail to
         * reach the person's data elsewhere). If no erasure comes, the user is deleted after this time anyway: the
         * request would have been due within one month (GDPR Art. 12(3)).
         */
        @WithDefault("P30D")
        Duration identityRetention();
    }

    interface Holds {
        /** A hold cannot end further ahead than this (a guard against typos such as year 9999). */
        @WithDefault("P3660D")
        Duration maxDuration();
    }

    interface AppUsage {
        /** The consent purpose app usage data is collected under. */
        @WithDefault("app-usage-data")
        String purpose();

        /** The longest single usage event accepted. */
        @WithDefault("PT24H")
        Duration maxDuration();

        /** The most events returned by the list endpoint. */
        @WithDefault("500")
        int maxListSize();
    }
}
