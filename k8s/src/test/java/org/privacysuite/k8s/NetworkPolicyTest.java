package org.privacysuite.k8s;

import static org.privacysuite.k8s.Manifests.check;
import static org.privacysuite.k8s.Manifests.id;
import static org.privacysuite.k8s.Manifests.isEmptySelector;
import static org.privacysuite.k8s.Manifests.name;
import static org.privacysuite.k8s.Manifests.selects;
import static org.privacysuite.k8s.Manifests.strings;
import static org.privacysuite.k8s.Manifests.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Network isolation: the namespace denies all traffic by default; only the gateway is reachable from the ingress
 * controller; services accept calls only from the gateway and the services the contract says call them; their
 * egress goes only to their own database, the Kafka brokers, Keycloak and the services they call, plus, for
 * dsar-service, https to public addresses for the Data Rights Protocol's status callbacks, and, where a service
 * is given an SMTP relay, its submission port on public addresses.
 */
class NetworkPolicyTest {

    /** Who calls whom over HTTP (architecture.md): the gateway routes to every service; account-service and
     *  newsletter-service ask consent-service's /api/consent/check; dsar-service resolves a request's identities
     *  with account-service and consent-service (docs/identity.md, Reach); the officers' console calls dsar-service
     *  and consent-service as the signed-in officer. Nobody else calls a service directly. */
    static final Map<String, Set<String>> CALLERS = Map.of(
            "gateway", Set.of(),
            "consent-service", Set.of("gateway", "account-service", "newsletter-service", "officer-console",
                    "dsar-service"),
            "account-service", Set.of("gateway", "dsar-service"),
            "dsar-service", Set.of("gateway", "officer-console"),
            "newsletter-service", Set.of("gateway"),
            "officer-console", Set.of("gateway"));

    static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-nginx";
    static final String MONITORING_NAMESPACE = "monitoring";

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void theNamespaceDeniesAllTrafficByDefaultAndAllowsOnlyDns(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        boolean defaultDeny = m.ofKind("NetworkPolicy").stream().anyMatch(np -> isEmptySelector(np.path("spec").path("podSelector"))
                && texts(np.path("spec").path("policyTypes")).containsAll(List.of("Ingress", "Egress"))
                && np.path("spec").path("ingress").isEmpty() && np.path("spec").path("egress").isEmpty());
        check(defaultDeny, "no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)", problems);
        for (JsonNode np : m.ofKind("NetworkPolicy")) {
            if (isEmptySelector(np.path("spec").path("podSelector"))) {
                check(np.path("spec").path("ingress").isEmpty(), id(np) + ": admits ingress to every pod of the namespace", problems);
                for (JsonNode rule : np.path("spec").path("egress")) {
                    check(isDnsRule(rule), id(np) + ": lets every pod reach more than the cluster DNS", problems);
                }
            }
        }
        m.assertNoProblems("default deny", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void everyWorkloadHasItsOwnIngressAndEgressPolicy(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        for (JsonNode workload : m.workloads()) {
            Map<String, String> labels = strings(workload.path("spec").path("template").path("metadata").path("labels"));
            boolean own = m.ofKind("NetworkPolicy").stream().anyMatch(np -> !isEmptySelector(np.path("spec").path("podSelector"))
                    && selects(np.path("spec").path("podSelector"), labels)
                    && texts(np.path("spec").path("policyTypes")).containsAll(List.of("Ingress", "Egress")));
            check(own, id(workload) + ": no NetworkPolicy of its own covering Ingress and Egress", problems);
        }
        m.assertNoProblems("a NetworkPolicy per workload", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void everySelectorSelectsPodsThatWillRun(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<Manifests.Pod> pods = m.pods();
        List<String> problems = new ArrayList<>();
        for (JsonNode np : m.ofKind("NetworkPolicy")) {
            JsonNode podSelector = np.path("spec").path("podSelector");
            check(isEmptySelector(podSelector) || pods.stream().anyMatch(p -> selects(podSelector, p.labels())),
                    id(np) + ": podSelector " + podSelector + " selects no pod", problems);
            for (JsonNode peer : peers(np)) {
                checkPeer(id(np), peer, pods, problems);
            }
        }
        for (JsonNode kafka : m.ofKind("Kafka")) {
            for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
                for (JsonNode peer : listener.path("networkPolicyPeers")) {
                    checkPeer(id(kafka) + " listener " + listener.path("name").asText(), peer, pods, problems);
                }
            }
        }
        for (JsonNode keycloak : m.ofKind("Keycloak")) {
            keycloak.path("spec").path("networkPolicy").fields().forEachRemaining(rules -> {
                for (JsonNode peer : rules.getValue().isArray() ? rules.getValue() : List.<JsonNode>of()) {
                    checkPeer(id(keycloak) + " networkPolicy." + rules.getKey(), peer, pods, problems);
                }
            });
        }
        m.assertNoProblems("selectors of NetworkPolicies", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void onlyTheGatewayIsReachableFromTheIngressAndServicesOnlyFromTheirCallers(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<Manifests.Pod> pods = m.pods();
        List<String> problems = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            Map<String, String> labels = podLabels(m, service);
            boolean fromIngressController = false;
            for (JsonNode np : policiesSelecting(m, labels)) {
                for (JsonNode rule : np.path("spec").path("ingress")) {
                    if (rule.path("from").isEmpty()) {
                        problems.add(service + ": " + id(np) + " admits every source");
                        continue;
                    }
                    for (JsonNode peer : rule.path("from")) {
                        if (peer.has("ipBlock")) {
                            problems.add(service + ": " + id(np) + " admits an ipBlock");
                        } else if (peer.has("namespaceSelector")) {
                            String namespace = peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText();
                            if (namespace.equals(INGRESS_CONTROLLER_NAMESPACE) && service.equals("gateway")) {
                                fromIngressController = true;
                            } else if (!namespace.equals(MONITORING_NAMESPACE) || !onlyHttpPort(rule)) {
                                problems.add(service + ": " + id(np) + " admits namespace '" + namespace + "'"
                                        + (namespace.equals(INGRESS_CONTROLLER_NAMESPACE) ? " (only the gateway faces the ingress)" : ""));
                            }
                        } else {
                            for (Manifests.Pod caller : selected(peer, pods)) {
                                String callerName = caller.labels().getOrDefault("app.kubernetes.io/name", caller.owner());
                                check(CALLERS.get(service).contains(callerName),
                                        service + ": " + id(np) + " admits " + caller.owner() + ", not a caller of it", problems);
                            }
                        }
                    }
                }
            }
            check(!service.equals("gateway") || fromIngressController,
                    "gateway: no NetworkPolicy admits the ingress controller (namespace " + INGRESS_CONTROLLER_NAMESPACE + ")", problems);
        }
        // Public routes: the gateway, and Keycloak's browser-facing paths (logins need the identity provider).
        for (JsonNode ingress : m.ofKind("Ingress")) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String backend = path.path("backend").path("service").path("name").asText();
                    boolean keycloak = m.ofKind("Keycloak").stream().anyMatch(k -> backend.equals(name(k) + "-service"));
                    check(backend.equals("gateway") || keycloak && List.of("/realms/", "/resources/").contains(path.path("path").asText()),
                            id(ingress) + ": exposes " + backend + path.path("path").asText(), problems);
                }
            }
        }
        // The database admits the services that have one, and Keycloak (when it runs in the cluster).
        List<JsonNode> databasePolicies = m.find("StatefulSet", "mysql").isPresent()
                ? policiesSelecting(m, podLabels(m, "mysql")) : List.of();
        for (JsonNode np : databasePolicies) {
            for (JsonNode rule : np.path("spec").path("ingress")) {
                check(!rule.path("from").isEmpty(), id(np) + ": MySQL admits every source", problems);
                for (JsonNode peer : rule.path("from")) {
                    for (Manifests.Pod client : selected(peer, pods)) {
                        String clientName = client.labels().getOrDefault("app.kubernetes.io/name", "");
                        boolean hasDatabase = Manifests.SERVICES.contains(clientName)
                                && m.env(m.serviceContainer(clientName)).containsKey("DB_URL");
                        check(hasDatabase || client.owner().startsWith("Keycloak"), id(np) + ": MySQL admits " + client.owner(), problems);
                    }
                }
            }
        }
        for (JsonNode keycloak : m.ofKind("Keycloak")) {
            JsonNode policy = keycloak.path("spec").path("networkPolicy");
            check(policy.path("enabled").asBoolean(true) && !policy.path("http").isEmpty() && !policy.path("management").isEmpty(),
                    id(keycloak) + ": the operator's NetworkPolicy would admit every source (set networkPolicy.http and management)", problems);
        }
        m.assertNoProblems("ingress isolation", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void servicesReachOnlyTheirDatabaseKafkaKeycloakAndTheServicesTheyCall(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<Manifests.Pod> pods = m.pods();
        List<String> problems = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            Map<String, Manifests.EnvVar> env = m.env(m.serviceContainer(service));
            for (JsonNode np : policiesSelecting(m, podLabels(m, service))) {
                for (JsonNode rule : np.path("spec").path("egress")) {
                    if (isDnsRule(rule)) {
                        continue;
                    }
                    String where = service + ": " + id(np) + " egress";
                    if (rule.path("to").isEmpty() || rule.path("ports").isEmpty()) {
                        problems.add(where + " to every destination or on every port");
                        continue;
                    }
                    if (isPublicInternetRule(rule)) {
                        Set<Integer> needed = publicPortsNeeded(service, env);
                        check(needed.containsAll(portNumbers(rule)), where + " to public addresses on "
                                + portNumbers(rule) + "; its configuration needs only " + needed
                                + " (443: DRP status callbacks with DSAR_DRP_CALLBACKS_PUBLIC_HTTPS_ONLY=true;"
                                + " SMTP_PORT: the mail relay at SMTP_HOST)", problems);
                        continue;
                    }
                    if (isManagedDatabaseRule(m, rule)) {
                        check(env.containsKey("DB_URL"), where + " to the database subnets, but it has no database", problems);
                        continue;
                    }
                    if (isTracingRule(rule)) {
                        Manifests.EnvVar endpoint = env.get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
                        check(endpoint != null && endpoint.value().endsWith(".monitoring:4317"), where
                                + " to the trace collector, but it exports no traces there", problems);
                        continue;
                    }
                    for (JsonNode peer : rule.path("to")) {
                        if (peer.has("ipBlock") || peer.has("namespaceSelector")) {
                            problems.add(where + " leaves the namespace: " + peer);
                            continue;
                        }
                        for (Manifests.Pod target : selected(peer, pods)) {
                            String targetName = target.labels().getOrDefault("app.kubernetes.io/name", "");
                            boolean allowed = switch (kindOf(target)) {
                                case "database" -> env.containsKey("DB_URL");
                                case "kafka-broker" -> env.containsKey("KAFKA_BOOTSTRAP_SERVERS");
                                case "keycloak" -> true;
                                case "service" -> CALLERS.getOrDefault(targetName, Set.of()).contains(service);
                                default -> false;
                            };
                            check(allowed, where + " reaches " + target.owner() + ", which is not its own endpoint", problems);
                            for (JsonNode port : rule.path("ports")) {
                                check(target.listensOn(port.path("port")), where + " to " + target.owner() + " on port "
                                        + port.path("port").asText() + ", where it does not listen", problems);
                            }
                        }
                    }
                }
            }
        }
        // Egress to any address (the API server is not a pod): only on the API server's ports, and only for the
        // operators' pods, never for the suite's own workloads.
        for (JsonNode np : m.ofKind("NetworkPolicy")) {
            List<Manifests.Pod> selected = pods.stream().filter(p -> selects(np.path("spec").path("podSelector"), p.labels())).toList();
            boolean operatorPodsOnly = selected.stream()
                    .noneMatch(p -> p.owner().startsWith("Deployment/") || p.owner().startsWith("StatefulSet/")
                            || p.owner().startsWith("Job/"));
            for (JsonNode rule : np.path("spec").path("egress")) {
                if (rule.path("to").isEmpty()) {
                    boolean apiServer = !rule.path("ports").isEmpty()
                            && portNumbers(rule).stream().allMatch(p -> p == 443 || p == 6443);
                    check(apiServer && operatorPodsOnly, id(np) + ": egress to every destination " + rule, problems);
                }
            }
        }
        m.assertNoProblems("egress isolation", problems);
    }

    /** Private IPv4 ranges (RFC 1918): where a VPC's database subnets are. */
    private static final List<String> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    /**
     * Egress to a managed database outside the cluster (an RDS DBInstance of the overlay): only MySQL's port, only
     * to private address blocks (the database subnets), nothing else in the same rule.
     */
    static boolean isManagedDatabaseRule(Manifests m, JsonNode rule) {
        if (m.ofKind("DBInstance").isEmpty() || rule.path("to").isEmpty() || !List.of(3306).equals(portNumbers(rule))) {
            return false;
        }
        for (JsonNode peer : rule.path("to")) {
            String cidr = peer.path("ipBlock").path("cidr").asText();
            if (peer.size() != 1 || PRIVATE.stream().noneMatch(range -> within(cidr, range))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the IPv4 block cidr lies inside range (both a.b.c.d/n). */
    static boolean within(String cidr, String range) {
        String[] c = cidr.split("/");
        String[] r = range.split("/");
        if (c.length != 2 || r.length != 2 || !c[0].matches("[0-9.]+") || Integer.parseInt(c[1]) < Integer.parseInt(r[1])) {
            return false;
        }
        int bits = Integer.parseInt(r[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(c[0]) & mask) == (ipv4(r[0]) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String part : address.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }

    /** Private, shared, link-local and loopback IPv4 ranges a rule to the public internet must leave out. */
    private static final Set<String> NON_PUBLIC = Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8");

    /** Egress to the public internet: every peer an ipBlock of 0.0.0.0/0 without the non-public ranges. */
    private static boolean isPublicInternetRule(JsonNode rule) {
        for (JsonNode peer : rule.path("to")) {
            JsonNode block = peer.path("ipBlock");
            if (peer.size() != 1 || !"0.0.0.0/0".equals(block.path("cidr").asText())
                    || !texts(block.path("except")).containsAll(NON_PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    /** The public ports a service's configuration calls: DRP callbacks (dsar-service) and an SMTP relay. */
    private static Set<Integer> publicPortsNeeded(String service, Map<String, Manifests.EnvVar> env) {
        Set<Integer> ports = new java.util.HashSet<>();
        Manifests.EnvVar callbacks = env.get("DSAR_DRP_CALLBACKS_PUBLIC_HTTPS_ONLY");
        if (service.equals("dsar-service") && callbacks != null && "true".equals(callbacks.value())) {
            ports.add(443);
        }
        Manifests.EnvVar smtpHost = env.get("SMTP_HOST");
        Manifests.EnvVar smtpPort = env.get("SMTP_PORT");
        if (smtpHost != null && smtpPort != null && smtpPort.value() != null) {
            ports.add(Integer.parseInt(smtpPort.value()));
        }
        return ports;
    }

    private static String kindOf(Manifests.Pod pod) {
        if (pod.owner().equals("StatefulSet/mysql")) {
            return "database";
        }
        if (pod.owner().startsWith("KafkaNodePool/") && "true".equals(pod.labels().get("strimzi.io/broker-role"))) {
            return "kafka-broker";
        }
        if (pod.owner().startsWith("Keycloak/")) {
            return "keycloak";
        }
        if (pod.owner().startsWith("Deployment/")
                && CALLERS.containsKey(pod.labels().getOrDefault("app.kubernetes.io/name", ""))) {
            return "service";
        }
        return "other";
    }

    private static List<Integer> portNumbers(JsonNode rule) {
        List<Integer> ports = new ArrayList<>();
        rule.path("ports").forEach(p -> ports.add(p.path("port").asInt(-1)));
        return ports;
    }

    /** OTLP/gRPC (4317) to the OpenTelemetry collector's pods in the monitoring namespace, and nothing else. */
    private static boolean isTracingRule(JsonNode rule) {
        if (rule.path("to").isEmpty()) {
            return false;
        }
        for (JsonNode peer : rule.path("to")) {
            if (!"monitoring".equals(peer.path("namespaceSelector").path("matchLabels")
                    .path("kubernetes.io/metadata.name").asText())
                    || !"opentelemetry-collector".equals(peer.path("podSelector").path("matchLabels")
                    .path("app.kubernetes.io/name").asText())) {
                return false;
            }
        }
        return !rule.path("ports").isEmpty() && portNumbers(rule).stream().allMatch(p -> p == 4317);
    }

    private static boolean isDnsRule(JsonNode rule) {
        if (rule.path("to").isEmpty()) {
            return false;
        }
        for (JsonNode peer : rule.path("to")) {
            if (!"kube-system".equals(peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText())
                    || !"kube-dns".equals(peer.path("podSelector").path("matchLabels").path("k8s-app").asText())) {
                return false;
            }
        }
        return !rule.path("ports").isEmpty() && portNumbers(rule).stream().allMatch(p -> p == 53);
    }

    private static boolean onlyHttpPort(JsonNode rule) {
        return !rule.path("ports").isEmpty() && portNames(rule).stream().allMatch("http"::equals);
    }

    private static List<String> portNames(JsonNode rule) {
        List<String> names = new ArrayList<>();
        rule.path("ports").forEach(p -> names.add(p.path("port").asText()));
        return names;
    }

    private static Map<String, String> podLabels(Manifests m, String workload) {
        JsonNode w = m.find("Deployment", workload).orElseGet(() -> m.get("StatefulSet", workload));
        return strings(w.path("spec").path("template").path("metadata").path("labels"));
    }

    private static List<JsonNode> policiesSelecting(Manifests m, Map<String, String> labels) {
        return m.ofKind("NetworkPolicy").stream().filter(np -> selects(np.path("spec").path("podSelector"), labels)).toList();
    }

    private static List<JsonNode> peers(JsonNode np) {
        List<JsonNode> peers = new ArrayList<>();
        np.path("spec").path("ingress").forEach(rule -> rule.path("from").forEach(peers::add));
        np.path("spec").path("egress").forEach(rule -> rule.path("to").forEach(peers::add));
        return peers;
    }

    /** Pods of this namespace a peer selects (peers with a namespaceSelector or ipBlock point elsewhere). */
    private static List<Manifests.Pod> selected(JsonNode peer, List<Manifests.Pod> pods) {
        if (peer.has("namespaceSelector") || peer.has("ipBlock") || !peer.has("podSelector")) {
            return List.of();
        }
        return pods.stream().filter(p -> selects(peer.path("podSelector"), p.labels())).toList();
    }

    private static void checkPeer(String where, JsonNode peer, List<Manifests.Pod> pods, List<String> problems) {
        if (peer.has("podSelector") && !peer.has("namespaceSelector")) {
            check(!isEmptySelector(peer.path("podSelector")), where + ": a peer selects every pod of the namespace", problems);
            check(!selected(peer, pods).isEmpty(), where + ": peer " + peer + " selects no pod", problems);
        }
    }
}
