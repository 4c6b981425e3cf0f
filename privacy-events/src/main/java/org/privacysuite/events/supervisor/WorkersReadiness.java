package org.privacysuite.events.supervisor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the backbone's threads: DOWN while a consumer or the relay is dead (waiting for its restart) or
 * stalled, so that an instance whose event processing stopped does not look healthy. A broker outage alone keeps it
 * UP: the relay and the consumers keep running their rounds (and beating) while they retry, and the pod still serves
 * writes; the broker's own state is {@link BrokerHealth}, outside readiness.
 */
@Readiness
@ApplicationScoped
public class WorkersReadiness implements HealthCheck {

    @Inject
    Supervisor supervisor;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("privacy-events workers").up();
        for (Worker worker : supervisor.workers()) {
            String state;
            if (!worker.alive()) {
                state = "down";
            } else if (supervisor.stalled(worker)) {
                state = "stalled " + worker.sinceLastBeat().toSeconds() + "s";
            } else {
                state = "up";
            }
            if (!"up".equals(state)) {
                response.down();
            }
            response.withData(worker.name(), state + ", restarts " + worker.restarts()
                    + (worker.lastFailure() == null ? "" : ", last failure " + worker.lastFailure()));
        }
        return response.build();
    }
}
