package org.privacysuite.events.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** UTC clock; a service or test may provide its own {@link Clock} bean to move time. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock utcClock() {
        return Clock.systemUTC();
    }
}
