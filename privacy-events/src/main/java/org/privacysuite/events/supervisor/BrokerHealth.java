package org.privacysuite.events.supervisor;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.privacysuite.events.kafka.KafkaClients;

/**
 * Whether the broker answers, for people and dashboards: {@code /q/health/group/kafka}, deliberately not part of
 * readiness. A broker outage does not stop an instance from serving (writes go to the outbox, the relay and the
 * consumers retry), and a readiness that failed on it would take every pod out of its Service at once, turning a
 * broker outage into a write outage. Readiness says DOWN only for what stops this pod ({@link WorkersReadiness},
 * the database).
 */
@HealthGroup("kafka")
@ApplicationScoped
public class BrokerHealth implements HealthCheck {

    private static final long TIMEOUT_MILLIS = 3000;

    @Inject
    KafkaClients clients;

    private Admin admin;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("privacy-events broker")
                .withData("readiness", "not affected: the relay keeps events in the outbox and retries");
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT_MILLIS))
                    .nodes().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).size();
            return response.up().withData("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return response.down().withData("error", cause.getClass().getSimpleName() + ": " + cause.getMessage())
                    .build();
        }
    }

    /** One admin client for the process: a new one per probe would reconnect (and log) every time. */
    private synchronized Admin admin() {
        if (admin == null) {
            admin = clients.newAdmin();
        }
        return admin;
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close();
        }
    }
}
