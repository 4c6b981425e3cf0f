package org.privacysuite.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

@ConfigMapping(prefix = "consent")
public interface ConsentConfig {

    /** The controller named on every consent receipt. */
    Controller controller();

    /** The privacy statement the purposes belong to. */
    String policyUrl();

    /** Jurisdiction written on receipts (ISO 3166 code of the controller's establishment). */
    @WithDefault("CA")
    String jurisdiction();

    /** Language of the notices (BCP 47). */
    @WithDefault("en")
    String language();

    DecisionCache decisionCache();

    Gpc gpc();

    interface Controller {
        String name();

        String contact();

        String email();

        String address();

        Optional<String> phone();

        String url();
    }

    interface DecisionCache {
        /** Bounds how long another replica may serve a decision changed elsewhere. */
        @WithDefault("30s")
        Duration ttl();

        @WithDefault("100000")
        long maximumSize();
    }

    interface Gpc {
        /** {@code lastUpdate} of /.well-known/gpc.json: when the site's GPC handling last changed. */
        @WithDefault("2026-11-25")
        LocalDate lastUpdate();
    }
}
