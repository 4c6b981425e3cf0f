package org.privacysuite.k8s;

import static org.privacysuite.k8s.Manifests.check;
import static org.privacysuite.k8s.Manifests.podSpec;
import static org.privacysuite.k8s.Manifests.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The officers' console is a web application, not one of the API services: one replica (it keeps sessions in
 * memory), reached only from the gateway, reaching only the two APIs it calls and Keycloak, its secrets provided by
 * the overlay.
 */
class OfficerConsoleManifestTest {

    private static final String CONSOLE = "officer-console";

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void oneReplicaWithProbesAndItsSecrets(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        JsonNode deployment = m.get("Deployment", CONSOLE);
        check(deployment.path("spec").path("replicas").asInt(1) == 1, CONSOLE + ": more than one replica would not share "
                + "its in-memory sessions", problems);
        check(m.ofKind("HorizontalPodAutoscaler").stream().noneMatch(h -> CONSOLE.equals(
                h.path("spec").path("scaleTargetRef").path("name").asText())), CONSOLE + ": autoscaled", problems);
        JsonNode container = m.serviceContainer(CONSOLE);
        Map<String, Manifests.EnvVar> env = m.env(container);
        check("8085".equals(env.get("HTTP_PORT").value()) && m.services().get(CONSOLE).get("http") == 8085,
                CONSOLE + ": HTTP_PORT and Service port http are not 8085", problems);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            check(container.path(probe).path("httpGet").path("path").asText().startsWith("/q/health/"),
                    CONSOLE + ": no " + probe, problems);
        }
        check(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)
                        && podSpec(deployment).path("securityContext").path("runAsNonRoot").asBoolean(false),
                CONSOLE + ": not non-root with a read-only root filesystem", problems);
        for (String variable : List.of("CONSOLE_CLIENT_SECRET", "CONSOLE_STATE_SECRET", "CONSOLE_CSRF_KEY")) {
            Manifests.EnvVar value = env.get(variable);
            check(value != null && value.secretName() != null && m.providedSecrets().contains(value.secretName())
                            && m.secretKeys(value.secretName()).contains(value.secretKey()),
                    CONSOLE + ": " + variable + " does not come from a Secret the overlay provides", problems);
        }
        Manifests.EnvVar upstream = m.env(m.serviceContainer("gateway")).get("OFFICER_CONSOLE_URL");
        check(upstream != null && "http://officer-console:8085".equals(upstream.value()),
                "gateway: OFFICER_CONSOLE_URL is not the Service officer-console", problems);
        m.assertNoProblems("the officers' console", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void reachedOnlyFromTheGatewayAndReachingOnlyItsApisAndKeycloak(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        JsonNode policy = m.get("NetworkPolicy", CONSOLE);
        Set<String> callers = new HashSet<>();
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            rule.path("from").forEach(peer -> callers.add(strings(peer.path("podSelector").path("matchLabels"))
                    .getOrDefault("app.kubernetes.io/name", "?")));
        }
        check(callers.equals(Set.of("gateway")), CONSOLE + ": admitted from " + callers + ", not only the gateway", problems);
        Set<String> targets = new HashSet<>();
        for (JsonNode rule : policy.path("spec").path("egress")) {
            rule.path("to").forEach(peer -> {
                Map<String, String> labels = strings(peer.path("podSelector").path("matchLabels"));
                targets.add(labels.getOrDefault("app.kubernetes.io/name", labels.getOrDefault("app", "?")));
            });
        }
        check(targets.equals(Set.of("dsar-service", "consent-service", "keycloak")),
                CONSOLE + ": reaches " + targets + ", not only dsar-service, consent-service and Keycloak", problems);
        m.assertNoProblems("the officers' console's network", problems);
    }
}
