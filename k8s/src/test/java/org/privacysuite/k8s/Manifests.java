package org.privacysuite.k8s;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The objects of one rendered overlay, and the lookups the manifest tests share. */
final class Manifests {

    static final String NAMESPACE = "privacy-suite";

    /** The suite's services: module, Deployment, Service, ServiceAccount and (with events) KafkaUser share the name. */
    static final List<String> SERVICES =
            List.of("gateway", "consent-service", "account-service", "dsar-service", "newsletter-service");

    final String overlay;
    private final List<JsonNode> objects;

    Manifests(String overlay, List<JsonNode> objects) {
        this.overlay = overlay;
        this.objects = List.copyOf(objects);
    }

    List<JsonNode> all() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(kind(o)) && name.equals(name(o))).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseGet(() -> fail(overlay + ": no " + kind + "/" + name + " in the rendered overlay"));
    }

    /** Deployments, StatefulSets and Jobs: the pod templates this repository defines itself. */
    List<JsonNode> workloads() {
        List<JsonNode> workloads = new ArrayList<>(ofKind("Deployment"));
        workloads.addAll(ofKind("StatefulSet"));
        workloads.addAll(ofKind("Job"));
        return workloads;
    }

    /** Long-running workloads (not Jobs): they serve, so they need ports and probes. */
    static boolean longRunning(JsonNode workload) {
        return !kind(workload).equals("Job");
    }

    /**
     * The container that creates the suite's databases and users with the init script (ConfigMap mysql-initdb):
     * the MySQL pod of the base on its first start, or the mysql-bootstrap Job against a managed database.
     */
    JsonNode databaseCreator() {
        for (JsonNode workload : workloads()) {
            for (JsonNode volume : podSpec(workload).path("volumes")) {
                if (volume.path("configMap").path("name").asText().startsWith("mysql-initdb")) {
                    return podSpec(workload).path("containers").get(0);
                }
            }
        }
        return fail(overlay + ": no workload runs the database init script (ConfigMap mysql-initdb)");
    }

    static String kind(JsonNode o) {
        return o.path("kind").asText();
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    static String id(JsonNode o) {
        return kind(o) + "/" + name(o);
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static Map<String, String> strings(JsonNode map) {
        Map<String, String> result = new TreeMap<>();
        map.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(item -> result.add(item.asText()));
        return result;
    }

    /** Kubernetes label selector semantics (matchLabels and matchExpressions); an empty selector selects all. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (var entry : strings(selector.path("matchLabels")).entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = texts(expression.path("values"));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isEmptySelector(JsonNode selector) {
        return selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
    }

    /** A pod that will run in the namespace: its labels and container ports by name. */
    record Pod(String owner, Map<String, String> labels, Map<String, Integer> ports) {
        boolean listensOn(JsonNode port) {
            return port.isInt() ? ports.containsValue(port.asInt()) : ports.containsKey(port.asText());
        }
    }

    /**
     * Pods of the rendered workloads plus the pods the operators create from the custom resources, with the labels
     * those operators give them (Strimzi 0.49: node pools and entity operator; Keycloak operator 26.4: server and
     * realm import job), the Keycloak operator, which is installed into the namespace it watches, and cert-manager's
     * HTTP-01 solver where an Ingress asks cert-manager for a certificate. Selectors in NetworkPolicies must select
     * at least one of them.
     */
    List<Pod> pods() {
        List<Pod> pods = new ArrayList<>();
        for (JsonNode workload : workloads()) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (JsonNode container : podSpec(workload).path("containers")) {
                for (JsonNode port : container.path("ports")) {
                    ports.put(port.path("name").asText(String.valueOf(port.path("containerPort").asInt())),
                            port.path("containerPort").asInt());
                }
            }
            pods.add(new Pod(id(workload), strings(workload.path("spec").path("template").path("metadata").path("labels")),
                    ports));
        }
        for (JsonNode kafka : ofKind("Kafka")) {
            String cluster = name(kafka);
            Map<String, Integer> listenerPorts = new LinkedHashMap<>();
            for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
                listenerPorts.put(listener.path("name").asText(), listener.path("port").asInt());
            }
            for (JsonNode pool : ofKind("KafkaNodePool")) {
                if (!cluster.equals(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                    continue;
                }
                List<String> roles = texts(pool.path("spec").path("roles"));
                Map<String, Integer> ports = new LinkedHashMap<>(Map.of("tcp-ctrlplane", 9090, "tcp-replication", 9091));
                if (roles.contains("broker")) {
                    ports.putAll(listenerPorts);
                }
                pods.add(new Pod("KafkaNodePool/" + name(pool), Map.of(
                        "strimzi.io/cluster", cluster,
                        "strimzi.io/kind", "Kafka",
                        "strimzi.io/name", cluster + "-kafka",
                        "strimzi.io/pool-name", name(pool),
                        "strimzi.io/broker-role", String.valueOf(roles.contains("broker")),
                        "strimzi.io/controller-role", String.valueOf(roles.contains("controller"))), ports));
            }
            pods.add(new Pod("Kafka/" + cluster + " entity operator", Map.of(
                    "strimzi.io/cluster", cluster,
                    "strimzi.io/kind", "Kafka",
                    "strimzi.io/name", cluster + "-entity-operator"), Map.of()));
        }
        for (JsonNode keycloak : ofKind("Keycloak")) {
            Map<String, Integer> ports = new LinkedHashMap<>(Map.of("management", 9000, "jgroups", 7800, "jgroups-fd", 57800));
            keycloakServicePorts(keycloak).forEach(ports::put);
            Map<String, String> server = Map.of(
                    "app", "keycloak",
                    "app.kubernetes.io/managed-by", "keycloak-operator",
                    "app.kubernetes.io/instance", name(keycloak),
                    "app.kubernetes.io/component", "server");
            pods.add(new Pod("Keycloak/" + name(keycloak), server, ports));
            Map<String, String> importJob = new TreeMap<>(server);
            importJob.put("app", "keycloak-realm-import");
            pods.add(new Pod("KeycloakRealmImport job of " + name(keycloak), importJob, Map.of()));
        }
        if (!ofKind("Keycloak").isEmpty()) {
            // The Keycloak operator itself runs in the namespace it watches (keycloak-k8s-resources kubernetes.yml).
            pods.add(new Pod("Keycloak operator", Map.of("app.kubernetes.io/name", "keycloak-operator",
                    "app.kubernetes.io/managed-by", "quarkus"), Map.of("http", 8080)));
        }
        boolean certManager = ofKind("Ingress").stream()
                .anyMatch(i -> i.path("metadata").path("annotations").has("cert-manager.io/cluster-issuer"));
        if (certManager) {
            // cert-manager's HTTP-01 solver, started in the Ingress's namespace while a certificate is issued.
            pods.add(new Pod("cert-manager HTTP-01 solver", Map.of("acme.cert-manager.io/http01-solver", "true"),
                    Map.of("http", 8089)));
        }
        return pods;
    }

    /** Service name to its ports (by name and number), rendered Services plus those the operators create. */
    Map<String, Map<String, Integer>> services() {
        Map<String, Map<String, Integer>> services = new TreeMap<>();
        for (JsonNode service : ofKind("Service")) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (JsonNode port : service.path("spec").path("ports")) {
                ports.put(port.path("name").asText(String.valueOf(port.path("port").asInt())), port.path("port").asInt());
            }
            services.put(name(service), ports);
        }
        for (JsonNode kafka : ofKind("Kafka")) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
                ports.put("tcp-" + listener.path("name").asText(), listener.path("port").asInt());
            }
            services.put(name(kafka) + "-kafka-bootstrap", ports);
        }
        for (JsonNode keycloak : ofKind("Keycloak")) {
            services.put(name(keycloak) + "-service", keycloakServicePorts(keycloak));
        }
        return services;
    }

    private static Map<String, Integer> keycloakServicePorts(JsonNode keycloak) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        JsonNode http = keycloak.path("spec").path("http");
        if (http.path("httpEnabled").asBoolean(false)) {
            ports.put("http", http.path("httpPort").asInt(8080));
        }
        if (http.hasNonNull("tlsSecret")) {
            ports.put("https", http.path("httpsPort").asInt(8443));
        }
        return ports;
    }

    /** One environment variable of a container: a literal (possibly from a ConfigMap) or a Secret reference. */
    record EnvVar(String name, String value, String secretName, String secretKey) {
        boolean fromSecret() {
            return secretName != null;
        }
    }

    /** The environment a container gets: env entries and the keys of the ConfigMaps it imports with envFrom. */
    Map<String, EnvVar> env(JsonNode container) {
        Map<String, EnvVar> env = new TreeMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                String configMap = from.path("configMapRef").path("name").asText();
                JsonNode data = get("ConfigMap", configMap).path("data");
                strings(data).forEach((key, value) -> env.put(key, new EnvVar(key, value, null, null)));
            } else if (from.has("secretRef")) {
                fail(overlay + ": container " + container.path("name").asText() + " imports a whole Secret with "
                        + "envFrom; name each variable with a secretKeyRef so that its keys are visible here");
            }
        }
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asText();
            JsonNode secretRef = var.path("valueFrom").path("secretKeyRef");
            JsonNode configMapRef = var.path("valueFrom").path("configMapKeyRef");
            if (!secretRef.isMissingNode()) {
                env.put(name, new EnvVar(name, null, secretRef.path("name").asText(), secretRef.path("key").asText()));
            } else if (!configMapRef.isMissingNode()) {
                String value = get("ConfigMap", configMapRef.path("name").asText()).path("data")
                        .path(configMapRef.path("key").asText()).asText(null);
                env.put(name, new EnvVar(name, value, null, null));
            } else {
                env.put(name, new EnvVar(name, var.path("value").asText(""), null, null));
            }
        }
        return env;
    }

    /** The first (application) container of a service's Deployment. */
    JsonNode serviceContainer(String service) {
        for (JsonNode container : podSpec(get("Deployment", service)).path("containers")) {
            if (service.equals(container.path("name").asText())) {
                return container;
            }
        }
        return fail(overlay + ": Deployment/" + service + " has no container named " + service);
    }

    /**
     * Secret names that will exist when the overlay is applied: Secrets it renders, targets of its ExternalSecrets,
     * and the Secrets Strimzi writes (one per KafkaUser, and the cluster CA certificate of each Kafka).
     */
    Set<String> providedSecrets() {
        Set<String> names = new LinkedHashSet<>();
        ofKind("Secret").forEach(secret -> names.add(name(secret)));
        ofKind("ExternalSecret").forEach(es -> names.add(es.path("spec").path("target").path("name").asText(name(es))));
        ofKind("KafkaUser").forEach(user -> names.add(name(user)));
        ofKind("Kafka").forEach(kafka -> names.add(name(kafka) + "-cluster-ca-cert"));
        return names;
    }

    /** Keys a provided Secret will have, where the manifests say so (null when only the operator knows). */
    Set<String> secretKeys(String secret) {
        Optional<JsonNode> rendered = find("Secret", secret);
        if (rendered.isPresent()) {
            Set<String> keys = new LinkedHashSet<>();
            rendered.get().path("data").fieldNames().forEachRemaining(keys::add);
            rendered.get().path("stringData").fieldNames().forEachRemaining(keys::add);
            return keys;
        }
        for (JsonNode es : ofKind("ExternalSecret")) {
            if (secret.equals(es.path("spec").path("target").path("name").asText(name(es)))) {
                Set<String> keys = new LinkedHashSet<>();
                es.path("spec").path("data").forEach(d -> keys.add(d.path("secretKey").asText()));
                return keys;
            }
        }
        if (find("KafkaUser", secret).isPresent()) {
            return Set.of("password", "sasl.jaas.config");
        }
        if (ofKind("Kafka").stream().anyMatch(k -> secret.equals(name(k) + "-cluster-ca-cert"))) {
            return Set.of("ca.crt", "ca.p12", "ca.password");
        }
        return null;
    }

    /** Records a problem unless the condition holds. */
    static void check(boolean condition, String problem, List<String> problems) {
        if (!condition) {
            problems.add(problem);
        }
    }

    /** Fails with every problem found, so one run shows all of them. */
    void assertNoProblems(String rule, List<String> problems) {
        assertTrue(problems.isEmpty(), () -> "overlay " + overlay + ": " + rule + ":\n  - "
                + String.join("\n  - ", problems));
    }
}
