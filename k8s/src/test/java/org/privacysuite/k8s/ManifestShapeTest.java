package org.privacysuite.k8s;

import static org.privacysuite.k8s.Manifests.id;
import static org.privacysuite.k8s.Manifests.isEmptySelector;
import static org.privacysuite.k8s.Manifests.kind;
import static org.privacysuite.k8s.Manifests.name;
import static org.privacysuite.k8s.Manifests.podSpec;
import static org.privacysuite.k8s.Manifests.selects;
import static org.privacysuite.k8s.Manifests.strings;
import static org.privacysuite.k8s.Manifests.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rendered objects are valid Kubernetes objects of their kinds, checked offline (no cluster, so no server-side
 * validation): the apiVersion each kind is served under, the fields those kinds require, and references between
 * objects (selectors, scale targets, backends, cluster labels) that point at something that exists.
 */
class ManifestShapeTest {

    /** apiVersion of every kind used: Kubernetes 1.27+, Strimzi 0.49, Keycloak operator 26.4, External Secrets 0.17+. */
    private static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("Namespace", "v1"),
            Map.entry("ServiceAccount", "v1"),
            Map.entry("ConfigMap", "v1"),
            Map.entry("Secret", "v1"),
            Map.entry("Service", "v1"),
            Map.entry("Deployment", "apps/v1"),
            Map.entry("StatefulSet", "apps/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"),
            Map.entry("Ingress", "networking.k8s.io/v1"),
            Map.entry("Kafka", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaNodePool", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaTopic", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaUser", "kafka.strimzi.io/v1beta2"),
            Map.entry("Keycloak", "k8s.keycloak.org/v2alpha1"),
            Map.entry("KeycloakRealmImport", "k8s.keycloak.org/v2alpha1"),
            Map.entry("ExternalSecret", "external-secrets.io/v1"),
            Map.entry("Job", "batch/v1"),
            Map.entry("DBInstance", "rds.services.k8s.aws/v1alpha1"),
            Map.entry("DBSubnetGroup", "rds.services.k8s.aws/v1alpha1"),
            Map.entry("DBParameterGroup", "rds.services.k8s.aws/v1alpha1"),
            Map.entry("Key", "kms.services.k8s.aws/v1alpha1"),
            Map.entry("PrometheusRule", "monitoring.coreos.com/v1"));

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void everyObjectHasAKnownKindItsApiVersionAndAValidName(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode o : m.all()) {
            String kind = kind(o);
            String name = name(o);
            if (kind.isEmpty() || name.isEmpty() || !o.hasNonNull("apiVersion")) {
                problems.add("object without apiVersion, kind or metadata.name: " + o.toString().substring(0, Math.min(120, o.toString().length())));
                continue;
            }
            String expected = API_VERSIONS.get(kind);
            if (expected == null) {
                problems.add(id(o) + ": kind not known to these tests; add it to API_VERSIONS with its apiVersion");
            } else if (!expected.equals(o.path("apiVersion").asText())) {
                problems.add(id(o) + ": apiVersion " + o.path("apiVersion").asText() + ", expected " + expected);
            }
            Pattern namePattern = kind.equals("Service") || kind.equals("Namespace") ? DNS_LABEL : DNS_SUBDOMAIN;
            if (name.length() > 253 || !namePattern.matcher(name).matches()) {
                problems.add(id(o) + ": invalid name for a " + kind);
            }
            String namespace = o.path("metadata").path("namespace").asText();
            if (kind.equals("Namespace") ? !name.equals(Manifests.NAMESPACE) : !namespace.equals(Manifests.NAMESPACE)) {
                problems.add(id(o) + ": not in namespace " + Manifests.NAMESPACE + " (found '" + namespace + "')");
            }
            if (!seen.add(kind + "/" + name)) {
                problems.add(id(o) + ": defined twice");
            }
        }
        m.assertNoProblems("object identity", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void requiredFieldsArePresentAndReferencesResolve(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Integer>> services = m.services();
        for (JsonNode o : m.all()) {
            JsonNode spec = o.path("spec");
            switch (kind(o)) {
                case "Deployment", "StatefulSet", "Job" -> workload(m, o, problems);
                case "Service" -> service(m, o, problems);
                case "ConfigMap" -> require(o, o.path("data").isObject() && !o.path("data").isEmpty(), "data", problems);
                case "Secret" -> require(o, o.path("data").isObject() || o.path("stringData").isObject(), "data", problems);
                case "HorizontalPodAutoscaler" -> {
                    JsonNode target = spec.path("scaleTargetRef");
                    require(o, m.find(target.path("kind").asText(), target.path("name").asText()).isPresent()
                            && target.path("apiVersion").asText().equals("apps/v1"), "scaleTargetRef naming an existing Deployment", problems);
                    int min = spec.path("minReplicas").asInt(1);
                    require(o, min >= 1 && spec.path("maxReplicas").asInt() >= min, "1 <= minReplicas <= maxReplicas", problems);
                    require(o, spec.path("metrics").size() > 0, "metrics", problems);
                }
                case "PodDisruptionBudget" -> {
                    require(o, spec.has("minAvailable") != spec.has("maxUnavailable"), "exactly one of minAvailable, maxUnavailable", problems);
                    require(o, !isEmptySelector(spec.path("selector"))
                            && m.pods().stream().anyMatch(p -> selects(spec.path("selector"), p.labels())), "a selector matching a workload's pods", problems);
                }
                case "NetworkPolicy" -> {
                    require(o, spec.path("podSelector").isObject(), "podSelector", problems);
                    List<String> types = texts(spec.path("policyTypes"));
                    require(o, !types.isEmpty() && Set.of("Ingress", "Egress").containsAll(types), "policyTypes Ingress and/or Egress", problems);
                }
                case "Ingress" -> {
                    require(o, spec.hasNonNull("ingressClassName"), "ingressClassName", problems);
                    require(o, spec.path("rules").size() > 0, "rules", problems);
                    for (JsonNode rule : spec.path("rules")) {
                        require(o, rule.hasNonNull("host"), "a host on every rule", problems);
                        for (JsonNode path : rule.path("http").path("paths")) {
                            JsonNode backend = path.path("backend").path("service");
                            Map<String, Integer> ports = services.get(backend.path("name").asText());
                            JsonNode port = backend.path("port");
                            boolean portOk = ports != null && (port.has("name") ? ports.containsKey(port.path("name").asText())
                                    : ports.containsValue(port.path("number").asInt()));
                            require(o, portOk, "backend " + backend.path("name").asText() + ":" + port + " naming an existing Service port", problems);
                            require(o, path.hasNonNull("pathType"), "pathType", problems);
                        }
                    }
                }
                case "Kafka" -> {
                    require(o, spec.path("kafka").path("listeners").size() > 0, "spec.kafka.listeners", problems);
                    for (JsonNode listener : spec.path("kafka").path("listeners")) {
                        require(o, listener.hasNonNull("name") && listener.path("port").isInt() && listener.hasNonNull("type")
                                && listener.path("tls").isBoolean(), "name, port, type and tls on every listener", problems);
                    }
                }
                case "KafkaNodePool" -> {
                    clusterLabel(m, o, problems);
                    List<String> roles = texts(spec.path("roles"));
                    require(o, !roles.isEmpty() && Set.of("controller", "broker").containsAll(roles), "roles controller and/or broker", problems);
                    require(o, spec.path("replicas").asInt() >= 1, "replicas", problems);
                    require(o, spec.path("storage").hasNonNull("type"), "storage", problems);
                }
                case "KafkaTopic" -> {
                    clusterLabel(m, o, problems);
                    require(o, spec.path("partitions").asInt() >= 1 && spec.path("replicas").asInt() >= 1, "partitions and replicas", problems);
                }
                case "KafkaUser" -> {
                    clusterLabel(m, o, problems);
                    require(o, spec.path("authentication").hasNonNull("type"), "authentication.type", problems);
                    require(o, spec.path("authorization").path("type").asText().equals("simple")
                            && spec.path("authorization").path("acls").size() > 0, "simple authorization with acls", problems);
                }
                case "Keycloak" -> {
                    require(o, spec.path("instances").asInt() >= 1, "instances", problems);
                    require(o, spec.path("db").hasNonNull("vendor") && services.containsKey(spec.path("db").path("host").asText()),
                            "db.vendor and db.host naming a Service", problems);
                    require(o, spec.path("hostname").hasNonNull("hostname"), "hostname.hostname", problems);
                    require(o, spec.path("http").path("httpEnabled").asBoolean(false) || spec.path("http").hasNonNull("tlsSecret"),
                            "http.httpEnabled or http.tlsSecret", problems);
                }
                case "KeycloakRealmImport" -> {
                    require(o, m.find("Keycloak", spec.path("keycloakCRName").asText()).isPresent(), "keycloakCRName naming a Keycloak", problems);
                    require(o, spec.path("realm").hasNonNull("realm"), "realm.realm", problems);
                }
                case "ExternalSecret" -> {
                    require(o, spec.path("secretStoreRef").hasNonNull("name") && spec.path("secretStoreRef").hasNonNull("kind"), "secretStoreRef", problems);
                    require(o, spec.path("target").hasNonNull("name"), "target.name", problems);
                    require(o, spec.path("data").size() > 0, "data", problems);
                    for (JsonNode data : spec.path("data")) {
                        require(o, data.hasNonNull("secretKey") && data.path("remoteRef").hasNonNull("key"), "secretKey and remoteRef.key on every entry", problems);
                    }
                }
                default -> {
                    // Namespace, ServiceAccount: nothing beyond a name.
                }
            }
        }
        m.assertNoProblems("required fields and references", problems);
    }

    private static void workload(Manifests m, JsonNode o, List<String> problems) {
        JsonNode selector = o.path("spec").path("selector");
        Map<String, String> templateLabels = strings(o.path("spec").path("template").path("metadata").path("labels"));
        // A Job's selector is generated by the API server (unless manualSelector); the others must declare one.
        require(o, !Manifests.longRunning(o) || !isEmptySelector(selector) && selects(selector, templateLabels),
                "a selector matching its pod template's labels", problems);
        JsonNode containers = podSpec(o).path("containers");
        require(o, containers.size() > 0, "containers", problems);
        for (JsonNode container : containers) {
            require(o, container.hasNonNull("name") && container.hasNonNull("image"), "name and image on every container", problems);
            require(o, !Manifests.longRunning(o) || container.path("ports").size() > 0, "ports on container " + container.path("name").asText(), problems);
            for (JsonNode port : container.path("ports")) {
                require(o, port.path("containerPort").isInt(), "containerPort on every port", problems);
            }
        }
        String serviceAccount = podSpec(o).path("serviceAccountName").asText("default");
        require(o, m.find("ServiceAccount", serviceAccount).isPresent(), "serviceAccountName naming a ServiceAccount of the overlay", problems);
        if (kind(o).equals("StatefulSet")) {
            require(o, m.find("Service", o.path("spec").path("serviceName").asText()).isPresent(), "serviceName naming a Service", problems);
        }
    }

    private static void service(Manifests m, JsonNode o, List<String> problems) {
        if (o.path("spec").path("type").asText().equals("ExternalName")) {
            // A name for an endpoint outside the cluster (the managed database): no pods, just a DNS name.
            require(o, DNS_SUBDOMAIN.matcher(o.path("spec").path("externalName").asText()).matches()
                    && !o.path("spec").has("selector"), "externalName (a DNS name) and no selector", problems);
            return;
        }
        JsonNode selector = o.path("spec").path("selector");
        List<Manifests.Pod> selected = m.pods().stream()
                .filter(p -> !selector.isEmpty() && selects(wrap(selector), p.labels())).toList();
        require(o, !selected.isEmpty(), "a selector matching a workload's pod labels", problems);
        require(o, o.path("spec").path("ports").size() > 0, "ports", problems);
        for (JsonNode port : o.path("spec").path("ports")) {
            JsonNode target = port.path("targetPort").isMissingNode() ? port.path("port") : port.path("targetPort");
            require(o, selected.stream().allMatch(p -> p.listensOn(target)), "targetPort " + target.asText() + " on the selected pods", problems);
        }
    }

    /** A Service selector is a plain map; make it a LabelSelector. */
    private static JsonNode wrap(JsonNode serviceSelector) {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.set("matchLabels", serviceSelector);
        return node;
    }

    private static void clusterLabel(Manifests m, JsonNode o, List<String> problems) {
        String cluster = o.path("metadata").path("labels").path("strimzi.io/cluster").asText();
        require(o, m.find("Kafka", cluster).isPresent(), "label strimzi.io/cluster naming a Kafka", problems);
    }

    private static void require(JsonNode o, boolean condition, String what, List<String> problems) {
        if (!condition) {
            problems.add(id(o) + ": missing or wrong " + what);
        }
    }
}
