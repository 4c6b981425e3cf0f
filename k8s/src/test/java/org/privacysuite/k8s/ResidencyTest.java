package org.privacysuite.k8s;

import static org.privacysuite.k8s.Manifests.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #15, item 4: the record of processing says where each service stores personal data (its
 * {@code PRIVACY_EVENTS_RESIDENCY_*} settings). In production that must be where it really is: the region the
 * service's pods are pinned to and the region of the database they use.
 */
class ResidencyTest {

    private static final List<String> HOLDING_PERSONAL_DATA = List.of("consent-service", "account-service",
            "dsar-service", "newsletter-service");

    @Test
    void productionDeclaresTheRegionItsPodsAndDatabaseRunIn() {
        Manifests m = RenderedManifests.render("production");
        String databaseRegion = m.get("DBInstance", "privacy-suite").path("metadata").path("annotations")
                .path("services.k8s.aws/region").asText();
        List<String> problems = new ArrayList<>();
        check("ca-central-1".equals(databaseRegion), "the database runs in " + databaseRegion, problems);
        for (String service : HOLDING_PERSONAL_DATA) {
            JsonNode deployment = m.get("Deployment", service);
            Map<String, Manifests.EnvVar> env = m.env(m.serviceContainer(service));
            Manifests.EnvVar region = env.get("PRIVACY_EVENTS_RESIDENCY_REGION");
            Manifests.EnvVar country = env.get("PRIVACY_EVENTS_RESIDENCY_COUNTRY");
            check(region != null && databaseRegion.equals(region.value()),
                    service + ": declares region " + (region == null ? null : region.value()) + ", its database is in "
                            + databaseRegion, problems);
            check(country != null && "CA".equals(country.value()), service + ": declares no country CA", problems);
            check(pinnedRegions(deployment).equals(List.of(databaseRegion)),
                    service + ": pods pinned to " + pinnedRegions(deployment) + ", not to " + databaseRegion, problems);
        }
        m.assertNoProblems("data residency in production", problems);
    }

    private static List<String> pinnedRegions(JsonNode deployment) {
        List<String> regions = new ArrayList<>();
        for (JsonNode term : deployment.at("/spec/template/spec/affinity/nodeAffinity"
                + "/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")) {
            for (JsonNode expression : term.path("matchExpressions")) {
                if ("topology.kubernetes.io/region".equals(expression.path("key").asText())) {
                    expression.path("values").forEach(v -> regions.add(v.asText()));
                }
            }
        }
        return regions;
    }
}
