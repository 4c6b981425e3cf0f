package org.privacysuite.consentclient;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "consent-client")
public interface ConsentClientConfig {

    Cache cache();

    /** Name of the service using the client: its consent-change listener's group is {@code <name>.consent-cache.<random>}. */
    String serviceName();

    interface Cache {
        /** Upper bound on how long a change missed on Kafka could be served stale. */
        @WithDefault("60s")
        Duration ttl();

        @WithDefault("50000")
        long maximumSize();
    }
}
