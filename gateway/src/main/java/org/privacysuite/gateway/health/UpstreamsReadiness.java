package org.privacysuite.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.privacysuite.gateway.config.GatewayConfig;
import org.privacysuite.gateway.routing.UpstreamService;
import org.privacysuite.gateway.routing.Upstreams;

/**
 * The gateway is ready when every API service behind it is: each one's /q/health/ready is asked in parallel, and the
 * answer lists them all, so an operator sees at once which one is missing. The officers' console is not asked: the
 * API stays in service while it is down.
 */
@Readiness
@ApplicationScoped
public class UpstreamsReadiness implements AsyncHealthCheck {

    private final Upstreams upstreams;
    private final Duration timeout;

    UpstreamsReadiness(Upstreams upstreams, GatewayConfig config) {
        this.upstreams = upstreams;
        this.timeout = config.health().timeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<Probe>> probes = Arrays.stream(UpstreamService.values()).filter(UpstreamService::partOfApi)
                .map(this::probe).toList();
        return Uni.join().all(probes).andFailFast().map(results -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("upstreams")
                    .status(results.stream().allMatch(Probe::up));
            results.forEach(result -> response.withData(result.service().serviceName(), result.state()));
            return response.build();
        });
    }

    private Uni<Probe> probe(UpstreamService service) {
        return Uni.createFrom().completionStage(() -> upstreams.readinessStatus(service, timeout).toCompletionStage())
                .map(status -> status == 200 ? new Probe(service, true, "UP") : new Probe(service, false, "DOWN (HTTP " + status + ")"))
                .onFailure().recoverWithItem(failure -> new Probe(service, false, "DOWN (" + failure.getClass().getSimpleName() + ")"));
    }

    private record Probe(UpstreamService service, boolean up, String state) {
    }
}
