package org.privacysuite.k8s;

import static org.privacysuite.k8s.Manifests.check;
import static org.privacysuite.k8s.Manifests.id;
import static org.privacysuite.k8s.Manifests.podSpec;
import static org.privacysuite.k8s.Manifests.selects;
import static org.privacysuite.k8s.Manifests.strings;
import static org.privacysuite.k8s.Manifests.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pod template the suite defines runs safely and observably: probes, resource requests and limits, a
 * non-root, read-only, unprivileged security context, replicas spread over nodes, an autoscaler and a disruption
 * budget; the services' probes use Quarkus' health endpoints. Production pods stay in a Canadian region.
 */
class DeploymentPolicyTest {

    /** Regions of the major clouds in Canada (topology.kubernetes.io/region); docs/deploy.md names the choice. */
    static final Set<String> CANADIAN_REGIONS = Set.of("ca-central-1", "ca-west-1", "northamerica-northeast1",
            "northamerica-northeast2", "canadacentral", "canadaeast");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void everyWorkloadHasProbesLimitsAndARestrictedSecurityContext(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        for (JsonNode workload : m.workloads()) {
            JsonNode pod = podSpec(workload);
            String owner = id(workload);
            JsonNode podSecurity = pod.path("securityContext");
            check(podSecurity.path("runAsNonRoot").asBoolean(false), owner + ": pod securityContext.runAsNonRoot is not true", problems);
            check(podSecurity.path("seccompProfile").path("type").asText().equals("RuntimeDefault"),
                    owner + ": pod securityContext.seccompProfile.type is not RuntimeDefault", problems);
            check(!pod.path("automountServiceAccountToken").asBoolean(true),
                    owner + ": automountServiceAccountToken is not false (no suite pod calls the Kubernetes API)", problems);
            check(!pod.path("hostNetwork").asBoolean(false) && !pod.path("hostPID").asBoolean(false)
                    && !pod.path("hostIPC").asBoolean(false), owner + ": uses a host namespace", problems);
            for (JsonNode container : pod.path("containers")) {
                String where = owner + " container " + container.path("name").asText();
                for (String probe : Manifests.longRunning(workload) ? List.of("startupProbe", "readinessProbe", "livenessProbe") : List.<String>of()) {
                    check(container.path(probe).isObject() && container.path(probe).size() > 0, where + ": no " + probe, problems);
                }
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        check(container.path("resources").path(bound).hasNonNull(resource),
                                where + ": no resources." + bound + "." + resource, problems);
                    }
                }
                JsonNode security = container.path("securityContext");
                check(security.path("allowPrivilegeEscalation").isBoolean() && !security.path("allowPrivilegeEscalation").asBoolean(),
                        where + ": securityContext.allowPrivilegeEscalation is not false", problems);
                check(security.path("readOnlyRootFilesystem").asBoolean(false),
                        where + ": securityContext.readOnlyRootFilesystem is not true", problems);
                check(texts(security.path("capabilities").path("drop")).contains("ALL"),
                        where + ": securityContext.capabilities.drop does not contain ALL", problems);
                check(texts(security.path("capabilities").path("add")).isEmpty(), where + ": adds capabilities", problems);
                check(!security.path("privileged").asBoolean(false), where + ": privileged", problems);
                check(security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false)),
                        where + ": may run as root", problems);
                // A read-only root filesystem needs a writable /tmp (Quarkus, Vert.x, MySQL).
                check(mountsEmptyDir(pod, container, "/tmp"), where + ": no emptyDir mounted at /tmp", problems);
            }
        }
        m.assertNoProblems("probes, limits and security context", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void serviceProbesUseQuarkusHealthOnTheHttpPort(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        Map<String, String> paths = Map.of(
                "startupProbe", "/q/health/started",
                "readinessProbe", "/q/health/ready",
                "livenessProbe", "/q/health/live");
        for (String service : Manifests.SERVICES) {
            JsonNode container = m.serviceContainer(service);
            boolean httpPort = false;
            for (JsonNode port : container.path("ports")) {
                httpPort |= port.path("name").asText().equals("http");
            }
            check(httpPort, service + ": no container port named http", problems);
            paths.forEach((probe, path) -> {
                JsonNode get = container.path(probe).path("httpGet");
                check(path.equals(get.path("path").asText()) && "http".equals(get.path("port").asText()),
                        service + ": " + probe + " is not GET " + path + " on port http", problems);
            });
        }
        m.assertNoProblems("service probes", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void servicesAreReplicatedSpreadAutoscaledAndProtectedFromDisruption(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        // local: one of each; production: three; any other overlay: the base's two at least.
        int expected = switch (overlay) {
            case "local" -> 1;
            case "production" -> 3;
            default -> 2;
        };
        for (String service : Manifests.SERVICES) {
            JsonNode deployment = m.get("Deployment", service);
            int replicas = deployment.path("spec").path("replicas").asInt(1);
            check(overlay.equals("local") || overlay.equals("production") ? replicas == expected : replicas >= expected,
                    service + ": " + replicas + " replicas, expected " + expected, problems);
            Map<String, String> labels = strings(deployment.path("spec").path("template").path("metadata").path("labels"));

            boolean antiAffinity = false;
            JsonNode podAntiAffinity = podSpec(deployment).path("affinity").path("podAntiAffinity");
            for (String mode : List.of("preferredDuringSchedulingIgnoredDuringExecution", "requiredDuringSchedulingIgnoredDuringExecution")) {
                for (JsonNode term : podAntiAffinity.path(mode)) {
                    JsonNode affinityTerm = term.has("podAffinityTerm") ? term.path("podAffinityTerm") : term;
                    antiAffinity |= affinityTerm.path("topologyKey").asText().equals("kubernetes.io/hostname")
                            && selects(affinityTerm.path("labelSelector"), labels);
                }
            }
            check(antiAffinity, service + ": no pod anti-affinity on kubernetes.io/hostname against its own pods", problems);

            List<JsonNode> hpas = m.ofKind("HorizontalPodAutoscaler").stream()
                    .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals(service)).toList();
            check(hpas.size() == 1, service + ": " + hpas.size() + " HorizontalPodAutoscalers, expected 1", problems);
            for (JsonNode hpa : hpas) {
                check(hpa.path("spec").path("minReplicas").asInt(1) == replicas,
                        service + ": HPA minReplicas differs from the Deployment's replicas", problems);
            }
            long pdbs = m.ofKind("PodDisruptionBudget").stream()
                    .filter(p -> selects(p.path("spec").path("selector"), labels)).count();
            check(pdbs == 1, service + ": " + pdbs + " PodDisruptionBudgets select its pods, expected 1", problems);
            check(m.find("Service", service).isPresent(), service + ": no Service", problems);
        }
        m.assertNoProblems("replicas, spreading, autoscaling and disruption budgets", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void servicesAreScrapedAndImagesArePinned(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            JsonNode deployment = m.get("Deployment", service);
            Map<String, String> annotations = strings(deployment.path("spec").path("template").path("metadata").path("annotations"));
            JsonNode container = m.serviceContainer(service);
            String httpPort = "";
            for (JsonNode port : container.path("ports")) {
                if (port.path("name").asText().equals("http")) {
                    httpPort = port.path("containerPort").asText();
                }
            }
            check("true".equals(annotations.get("prometheus.io/scrape"))
                            && httpPort.equals(annotations.get("prometheus.io/port"))
                            && "/q/metrics".equals(annotations.get("prometheus.io/path")),
                    service + ": pod template lacks prometheus.io/scrape, port " + httpPort + ", path /q/metrics annotations", problems);
        }
        for (JsonNode workload : m.workloads()) {
            for (JsonNode container : podSpec(workload).path("containers")) {
                String image = container.path("image").asText();
                String tag = image.contains(":") && image.lastIndexOf(':') > image.lastIndexOf('/')
                        ? image.substring(image.lastIndexOf(':') + 1) : "";
                check(!tag.isEmpty() && !tag.equals("latest"), id(workload) + ": image " + image + " has no pinned tag", problems);
                if (overlay.equals("production")) {
                    check(!tag.endsWith("SNAPSHOT"), id(workload) + ": production image " + image + " is a SNAPSHOT", problems);
                }
            }
        }
        m.assertNoProblems("metrics annotations and image tags", problems);
    }

    /** Canadian data residency: every pod of the production overlay is pinned to a Canadian region. */
    @Test
    void productionPodsStayInACanadianRegionSpreadOverZones() {
        Manifests m = RenderedManifests.render("production");
        List<String> problems = new ArrayList<>();
        for (JsonNode workload : m.workloads()) {
            check(pinnedToCanada(podSpec(workload).path("affinity")), id(workload) + ": not pinned to a Canadian region", problems);
            if (workload.path("kind").asText().equals("Deployment")) {
                boolean zoneSpread = false;
                for (JsonNode constraint : podSpec(workload).path("topologySpreadConstraints")) {
                    zoneSpread |= constraint.path("topologyKey").asText().equals("topology.kubernetes.io/zone");
                }
                check(zoneSpread, id(workload) + ": replicas not spread over zones", problems);
            }
        }
        for (JsonNode pool : m.ofKind("KafkaNodePool")) {
            check(pinnedToCanada(pool.path("spec").path("template").path("pod").path("affinity")),
                    id(pool) + ": Kafka nodes not pinned to a Canadian region", problems);
        }
        for (JsonNode kafka : m.ofKind("Kafka")) {
            check(pinnedToCanada(kafka.path("spec").path("entityOperator").path("template").path("pod").path("affinity")),
                    id(kafka) + ": entity operator not pinned to a Canadian region", problems);
        }
        for (JsonNode keycloak : m.ofKind("Keycloak")) {
            check(pinnedToCanada(keycloak.path("spec").path("scheduling").path("affinity")),
                    id(keycloak) + ": Keycloak (and its realm import job) not pinned to a Canadian region", problems);
        }
        m.assertNoProblems("Canadian data residency", problems);
    }

    private static boolean pinnedToCanada(JsonNode affinity) {
        JsonNode terms = affinity.path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
        if (terms.isEmpty()) {
            return false;
        }
        // Node selector terms are ORed: each one must confine the pod to Canadian regions.
        for (JsonNode term : terms) {
            boolean confined = false;
            for (JsonNode expression : term.path("matchExpressions")) {
                confined |= expression.path("key").asText().equals("topology.kubernetes.io/region")
                        && expression.path("operator").asText().equals("In")
                        && !expression.path("values").isEmpty()
                        && CANADIAN_REGIONS.containsAll(texts(expression.path("values")));
            }
            if (!confined) {
                return false;
            }
        }
        return true;
    }

    private static boolean mountsEmptyDir(JsonNode pod, JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (path.equals(mount.path("mountPath").asText())) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("emptyDir")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
