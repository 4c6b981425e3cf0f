package org.privacysuite.k8s;

import static org.privacysuite.k8s.Manifests.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Production traces every request across the services and Kafka (issue 20, docs/operations.md): the services and the
 * gateway export to the collector of the monitoring namespace, and their network policies let them reach it there
 * and nowhere else on that port. A local cluster has no collector: tracing stays off.
 */
class TracingManifestTest {

    private static final List<String> TRACED = List.of("consent-service", "account-service", "dsar-service",
            "newsletter-service", "gateway");

    @Test
    void productionExportsTracesToTheCollectorAndMayReachIt() {
        Manifests m = RenderedManifests.render("production");
        List<String> problems = new ArrayList<>();
        for (String service : TRACED) {
            Map<String, Manifests.EnvVar> env = m.env(m.serviceContainer(service));
            check(env.containsKey("QUARKUS_OTEL_SDK_DISABLED")
                    && "false".equals(env.get("QUARKUS_OTEL_SDK_DISABLED").value()), service + ": tracing off", problems);
            Manifests.EnvVar endpoint = env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
            check(endpoint != null && endpoint.value().matches("http://[a-z0-9-]+\\.monitoring:4317"),
                    service + ": no OTLP endpoint in the monitoring namespace", problems);
            check(reachesCollector(m.get("NetworkPolicy", service)),
                    service + ": its NetworkPolicy does not let it reach the collector on 4317", problems);
        }
        m.assertNoProblems("tracing in production", problems);
    }

    @Test
    void aLocalClusterHasNoCollectorSoTracingStaysOff() {
        Manifests m = RenderedManifests.render("local");
        List<String> problems = new ArrayList<>();
        for (String service : TRACED) {
            Manifests.EnvVar disabled = m.env(m.serviceContainer(service)).get("QUARKUS_OTEL_SDK_DISABLED");
            check(disabled == null || "true".equals(disabled.value()), service + ": tracing on without a collector",
                    problems);
        }
        m.assertNoProblems("tracing in a local cluster", problems);
    }

    private static boolean reachesCollector(JsonNode policy) {
        for (JsonNode rule : policy.path("spec").path("egress")) {
            boolean port = false;
            for (JsonNode p : rule.path("ports")) {
                port |= p.path("port").asInt() == 4317;
            }
            boolean monitoring = false;
            for (JsonNode to : rule.path("to")) {
                monitoring |= "monitoring".equals(to.path("namespaceSelector").path("matchLabels")
                        .path("kubernetes.io/metadata.name").asText());
            }
            if (port && monitoring) {
                return true;
            }
        }
        return false;
    }
}
