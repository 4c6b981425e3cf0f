package org.privacysuite.account.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "account")
public interface AccountConfig {

    Identity identity();

    Lifecycle lifecycle();

    Holds holds();

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
        String interval();

        /** Accounts handled per round; the next round continues. */
        @WithDefault("100")
        int batchSize();
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
