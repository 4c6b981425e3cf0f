package org.privacysuite.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacysuite.k8s.Manifests.check;
import static org.privacysuite.k8s.Manifests.id;
import static org.privacysuite.k8s.Manifests.name;
import static org.privacysuite.k8s.Manifests.podSpec;
import static org.privacysuite.k8s.Manifests.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kafka as Strimzi runs it: a KRaft cluster of node pools whose listeners authenticate every client, a KafkaTopic
 * for every topic of the contract and its dead-letter topic, and one KafkaUser per service whose ACLs allow exactly
 * the topics the architecture's event table gives it. The services connect the way the cluster listens.
 */
class KafkaTopologyTest {

    /** The topics a service produces to and consumes from. */
    record Flows(Set<String> produces, Set<String> consumes) {
    }

    /** The event table of architecture.md. Every consumer may also dead-letter into "<consumed topic>.dlq". */
    static final Map<String, Flows> EVENT_TABLE = Map.of(
            "dsar-service", new Flows(Set.of("privacy.requests"),
                    Set.of("privacy.results", "account.events", "privacy.participants")),
            "consent-service", new Flows(Set.of("privacy.results", "consent.events", "privacy.participants"),
                    Set.of("privacy.requests")),
            "account-service", new Flows(Set.of("privacy.results", "account.events", "privacy.participants"),
                    Set.of("privacy.requests", "consent.events")),
            "newsletter-service", new Flows(Set.of("privacy.results", "privacy.participants"),
                    Set.of("privacy.requests", "consent.events")));

    /**
     * The participants that write the erasure journal and read it back after a restore (docs/operations.md). The
     * journal is not a topic of the event table: read without an inbox (no dead-letter topic), kept forever.
     */
    static final Set<String> JOURNALING = Set.of("consent-service", "account-service", "newsletter-service");

    private static final Path TOPICS_SOURCE = RenderedManifests.REPO_ROOT
            .resolve("privacy-events/src/main/java/org/privacysuite/events/catalogue/Topics.java");

    /** Topic names as the code declares them (privacy-events Topics), the one source the services use. */
    static Set<String> contractTopics() {
        String source = ServiceConfig.read(TOPICS_SOURCE);
        Matcher all = Pattern.compile("ALL\\s*=\\s*List\\.of\\(([^)]*)\\)").matcher(source);
        assertTrue(all.find(), "Topics.ALL not found in " + TOPICS_SOURCE);
        Set<String> topics = new TreeSet<>();
        for (String constant : all.group(1).split(",")) {
            Matcher value = Pattern.compile("String\\s+" + constant.trim() + "\\s*=\\s*\"([^\"]+)\"").matcher(source);
            assertTrue(value.find(), "Topics." + constant.trim() + " has no string value in " + TOPICS_SOURCE);
            topics.add(value.group(1));
        }
        return topics;
    }

    /** Topics.MAX_MESSAGE_BYTES as the code declares it (a product such as {@code 8 * 1024 * 1024}). */
    static long maxMessageBytes() {
        Matcher value = Pattern.compile("MAX_MESSAGE_BYTES\\s*=\\s*([0-9_ *]+);").matcher(ServiceConfig.read(TOPICS_SOURCE));
        assertTrue(value.find(), "Topics.MAX_MESSAGE_BYTES not found in " + TOPICS_SOURCE);
        long bytes = 1;
        for (String factor : value.group(1).split("\\*")) {
            bytes *= Long.parseLong(factor.trim().replace("_", ""));
        }
        return bytes;
    }

    /** Topics.ERASURE_JOURNAL as the code declares it. */
    static String journalTopic() {
        Matcher value = Pattern.compile("ERASURE_JOURNAL\\s*=\\s*\"([^\"]+)\"").matcher(ServiceConfig.read(TOPICS_SOURCE));
        assertTrue(value.find(), "Topics.ERASURE_JOURNAL not found in " + TOPICS_SOURCE);
        return value.group(1);
    }

    static String deadLetterTopicOf(String topic) {
        Matcher suffix = Pattern.compile("DLQ_SUFFIX\\s*=\\s*\"([^\"]+)\"").matcher(ServiceConfig.read(TOPICS_SOURCE));
        return topic + (suffix.find() ? suffix.group(1) : ".dlq");
    }

    @Test
    void theEventTableCoversExactlyTheTopicsOfTheCode() {
        Set<String> inTable = new TreeSet<>();
        EVENT_TABLE.values().forEach(f -> {
            inTable.addAll(f.produces());
            inTable.addAll(f.consumes());
        });
        assertEquals(contractTopics(), inTable, "EVENT_TABLE and privacy-events Topics.ALL disagree");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void everyTopicAndItsDeadLetterTopicHasAKafkaTopic(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        int brokers = brokerCount(m);
        Set<String> expected = new TreeSet<>();
        for (String topic : contractTopics()) {
            expected.add(topic);
            expected.add(deadLetterTopicOf(topic));
        }
        expected.add(journalTopic());
        for (String topic : expected) {
            List<JsonNode> matches = m.ofKind("KafkaTopic").stream().filter(t -> topic.equals(topicName(t))).toList();
            check(matches.size() == 1, "topic " + topic + ": " + matches.size() + " KafkaTopic resources, expected 1", problems);
        }
        for (JsonNode topic : m.ofKind("KafkaTopic")) {
            JsonNode spec = topic.path("spec");
            String where = id(topic) + " (" + topicName(topic) + ")";
            check(expected.contains(topicName(topic)), where + ": not a topic of the contract", problems);
            int replicas = spec.path("replicas").asInt();
            check(spec.path("partitions").asInt() >= 1, where + ": no partitions", problems);
            check(replicas >= 1 && replicas <= brokers, where + ": " + replicas + " replicas on " + brokers + " brokers", problems);
            long retention = spec.path("config").path("retention.ms").asLong();
            check(retention > 0 || (retention == -1 && journalTopic().equals(topicName(topic))),
                    where + ": no retention.ms (only the erasure journal is kept forever)", problems);
            // The producers send records up to this size: a topic that takes less stops a relay at such a record.
            check(spec.path("config").path("max.message.bytes").asLong() >= maxMessageBytes(),
                    where + ": max.message.bytes below the producers' " + maxMessageBytes(), problems);
            int minIsr = spec.path("config").path("min.insync.replicas").asInt(1);
            check(minIsr <= replicas && (replicas < 3 || minIsr >= 2),
                    where + ": min.insync.replicas " + minIsr + " with " + replicas + " replicas", problems);
        }
        m.assertNoProblems("KafkaTopic per topic", problems);
    }

    /** Issue 23: a dead letter is a copy of an event and must not keep personal data longer than its topic does. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void deadLetterTopicsKeepRecordsNoLongerThanTheirTopic(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        for (String topic : contractTopics()) {
            long main = retentionOf(m, topic);
            long dlq = retentionOf(m, deadLetterTopicOf(topic));
            check(dlq > 0 && dlq <= main, deadLetterTopicOf(topic) + " keeps records " + dlq + " ms, " + topic + " "
                    + main + " ms", problems);
        }
        m.assertNoProblems("dead-letter retention", problems);
    }

    private static long retentionOf(Manifests m, String topic) {
        return m.ofKind("KafkaTopic").stream().filter(t -> topic.equals(topicName(t))).findFirst()
                .map(t -> t.path("spec").path("config").path("retention.ms").asLong()).orElse(-1L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void theClusterRunsKraftNodePoolsWithAuthenticatedInClusterListeners(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        List<JsonNode> clusters = m.ofKind("Kafka");
        check(clusters.size() == 1, clusters.size() + " Kafka resources, expected 1", problems);
        for (JsonNode kafka : clusters) {
            int controllers = 0;
            for (JsonNode pool : m.ofKind("KafkaNodePool")) {
                if (texts(pool.path("spec").path("roles")).contains("controller")) {
                    controllers += pool.path("spec").path("replicas").asInt();
                }
            }
            check(controllers % 2 == 1, id(kafka) + ": " + controllers + " KRaft controllers (needs an odd quorum)", problems);
            check(brokerCount(m) >= 1, id(kafka) + ": no broker node pool", problems);
            JsonNode spec = kafka.path("spec");
            check(spec.path("kafka").path("authorization").path("type").asText().equals("simple"),
                    id(kafka) + ": authorization is not simple (KafkaUser ACLs)", problems);
            check(spec.path("entityOperator").has("topicOperator") && spec.path("entityOperator").has("userOperator"),
                    id(kafka) + ": the entity operator must run the topic and user operators", problems);
            check("false".equals(spec.path("kafka").path("config").path("auto.create.topics.enable").asText()),
                    id(kafka) + ": auto.create.topics.enable is not false (topics are KafkaTopic resources)", problems);
            int brokers = brokerCount(m);
            for (String factor : List.of("default.replication.factor", "offsets.topic.replication.factor",
                    "transaction.state.log.replication.factor")) {
                int value = spec.path("kafka").path("config").path(factor).asInt(brokers);
                check(value <= brokers, id(kafka) + ": " + factor + " " + value + " exceeds " + brokers + " brokers", problems);
            }
            for (JsonNode listener : spec.path("kafka").path("listeners")) {
                String where = id(kafka) + " listener " + listener.path("name").asText();
                check(Set.of("scram-sha-512", "tls").contains(listener.path("authentication").path("type").asText()),
                        where + ": clients are not authenticated", problems);
                check(listener.path("type").asText().equals("internal"), where + ": reachable from outside the cluster", problems);
                check(!listener.path("networkPolicyPeers").isEmpty(), where + ": no networkPolicyPeers (open to every pod)", problems);
                if (overlay.equals("production")) {
                    check(listener.path("tls").asBoolean(false), where + ": production listeners use TLS only", problems);
                }
            }
        }
        m.assertNoProblems("Kafka cluster", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void everyServiceWithEventsHasAKafkaUserLimitedToItsTopics(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        for (JsonNode user : m.ofKind("KafkaUser")) {
            check(EVENT_TABLE.containsKey(name(user)), id(user) + ": not a service of the event table", problems);
        }
        EVENT_TABLE.forEach((service, flows) -> {
            JsonNode user = m.find("KafkaUser", service).orElse(null);
            if (user == null) {
                problems.add(service + ": no KafkaUser");
                return;
            }
            Set<String> writes = new LinkedHashSet<>(flows.produces());
            flows.consumes().forEach(t -> writes.add(deadLetterTopicOf(t)));
            Set<String> reads = flows.consumes();
            Map<String, Set<String>> topicOps = new HashMap<>();
            boolean groupRule = false;
            boolean relayRule = false;
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                Set<String> ops = new TreeSet<>(texts(acl.path("operations")));
                String target = resource.path("name").asText();
                switch (resource.path("type").asText()) {
                    case "topic" -> {
                        check(resource.path("patternType").asText("literal").equals("literal") && !target.contains("*"),
                                id(user) + ": topic ACL " + target + " is not one literal topic", problems);
                        boolean journal = JOURNALING.contains(service) && journalTopic().equals(target);
                        check(writes.contains(target) || reads.contains(target) || journal,
                                id(user) + ": ACL on " + target + ", not one of its topics", problems);
                        topicOps.computeIfAbsent(target, t -> new TreeSet<>()).addAll(ops);
                    }
                    case "group" -> {
                        boolean own = target.equals(service + ".") && resource.path("patternType").asText().equals("prefix");
                        check(own, id(user) + ": group ACL " + target + " (" + resource.path("patternType").asText()
                                + "), expected the prefix " + service + ".", problems);
                        groupRule |= own && ops.contains("Read");
                    }
                    case "transactionalId" -> {
                        // the outbox relay's transactional producer (issue 23): its own id, nothing more
                        boolean own = target.equals(service + ".outbox-relay")
                                && resource.path("patternType").asText("literal").equals("literal")
                                && Set.of("Write", "Describe").containsAll(ops);
                        check(own, id(user) + ": transactionalId ACL " + target + " " + ops + ", expected "
                                + service + ".outbox-relay with Write/Describe", problems);
                        relayRule |= own && ops.contains("Write");
                    }
                    default -> problems.add(id(user) + ": ACL on a " + resource.path("type").asText() + " resource; services need topics, their groups and their relay's transactional id only");
                }
            }
            for (String topic : writes) {
                Set<String> ops = topicOps.getOrDefault(topic, Set.of());
                check(ops.contains("Write") && Set.of("Write", "Describe").containsAll(ops),
                        id(user) + ": " + topic + " needs Write (and at most Describe), has " + ops, problems);
            }
            for (String topic : reads) {
                Set<String> ops = topicOps.getOrDefault(topic, Set.of());
                check(ops.contains("Read") && Set.of("Read", "Describe").containsAll(ops),
                        id(user) + ": " + topic + " needs Read (and at most Describe), has " + ops, problems);
            }
            if (JOURNALING.contains(service)) {
                check(topicOps.getOrDefault(journalTopic(), Set.of()).equals(Set.of("Describe", "Read", "Write")),
                        id(user) + ": the erasure journal needs Write, Read and Describe, has "
                                + topicOps.get(journalTopic()), problems);
            }
            check(groupRule, id(user) + ": no Read on its consumer groups (prefix " + service + ".)", problems);
            check(flows.produces().isEmpty() || relayRule, id(user) + ": its outbox relay cannot use the transactional id "
                    + service + ".outbox-relay", problems);
        });
        m.assertNoProblems("KafkaUser ACLs", problems);
    }

    /**
     * The group ACLs admit only groups named "<service>.*": the consumer names the services start their inbox
     * consumers with (InboxConsumers.start, the group id) and consent-client's service-name must fit, or the
     * consumers would fail with GroupAuthorizationException in the cluster.
     */
    @Test
    void consumerGroupsOfTheCodeFitTheGroupAcls() throws IOException {
        Pattern start = Pattern.compile("\\.start\\(\\s*(?:\"([^\"]+)\"|([A-Z][A-Z0-9_]*)\\s*,)");
        List<String> problems = new ArrayList<>();
        for (String service : EVENT_TABLE.keySet()) {
            Path sources = RenderedManifests.REPO_ROOT.resolve(service).resolve("src/main/java");
            List<Path> files;
            try (Stream<Path> walk = Files.exists(sources) ? Files.walk(sources) : Stream.empty()) {
                files = walk.filter(f -> f.toString().endsWith(".java")).toList();
            }
            for (Path file : files) {
                String code = Files.readString(file);
                if (!code.contains("InboxConsumers")) {
                    continue;
                }
                Matcher call = start.matcher(code);
                while (call.find()) {
                    String group = call.group(1);
                    if (group == null) {
                        Matcher constant = Pattern.compile(call.group(2) + "\\s*=\\s*\"([^\"]+)\"").matcher(code);
                        group = constant.find() ? constant.group(1) : null;
                    }
                    check(group == null || group.startsWith(service + "."), service + ": consumer group " + group
                            + " in " + RenderedManifests.REPO_ROOT.relativize(file) + " does not start with " + service + ".", problems);
                }
            }
            String consentClientName = ServiceConfig.of(service).properties().get("consent-client.service-name");
            if (consentClientName != null) {
                String resolved = consentClientName.replace("${quarkus.application.name}",
                        ServiceConfig.of(service).properties().getOrDefault("quarkus.application.name", ""));
                check(resolved.equals(service), service + ": consent-client.service-name " + consentClientName
                        + " gives groups outside its ACL prefix " + service + ".", problems);
            }
        }
        assertTrue(problems.isEmpty(), "consumer groups:\n  - " + String.join("\n  - ", problems));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void servicesConnectTheWayTheClusterListens(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        JsonNode kafka = m.ofKind("Kafka").get(0);
        for (String service : EVENT_TABLE.keySet()) {
            JsonNode container = m.serviceContainer(service);
            Map<String, Manifests.EnvVar> env = m.env(container);
            String bootstrap = value(env, "KAFKA_BOOTSTRAP_SERVERS");
            String protocol = value(env, "KAFKA_SECURITY_PROTOCOL");
            JsonNode listener = null;
            for (String server : bootstrap.split(",")) {
                String host = server.substring(0, Math.max(0, server.lastIndexOf(':')));
                String port = server.substring(server.lastIndexOf(':') + 1);
                check(host.equals(name(kafka) + "-kafka-bootstrap") || host.startsWith(name(kafka) + "-kafka-bootstrap."),
                        service + ": KAFKA_BOOTSTRAP_SERVERS " + bootstrap + " is not the bootstrap Service of " + id(kafka), problems);
                for (JsonNode l : kafka.path("spec").path("kafka").path("listeners")) {
                    if (l.path("port").asText().equals(port)) {
                        listener = l;
                    }
                }
            }
            if (listener == null) {
                problems.add(service + ": KAFKA_BOOTSTRAP_SERVERS " + bootstrap + " names no listener port of " + id(kafka));
                continue;
            }
            boolean tls = listener.path("tls").asBoolean(false);
            boolean scram = listener.path("authentication").path("type").asText().equals("scram-sha-512");
            String expectedProtocol = (scram ? "SASL_" : "") + (tls ? "SSL" : "PLAINTEXT");
            check(expectedProtocol.equals(protocol) || (!scram && tls && protocol.equals("SSL")),
                    service + ": KAFKA_SECURITY_PROTOCOL " + protocol + " for listener " + listener.path("name").asText()
                            + ", expected " + expectedProtocol, problems);
            if (scram) {
                check("SCRAM-SHA-512".equals(value(env, "KAFKA_SASL_MECHANISM")), service + ": KAFKA_SASL_MECHANISM is not SCRAM-SHA-512", problems);
                Manifests.EnvVar jaas = env.get("KAFKA_SASL_JAAS_CONFIG");
                check(jaas != null && jaas.fromSecret() && jaas.secretName().equals(service) && jaas.secretKey().equals("sasl.jaas.config"),
                        service + ": KAFKA_SASL_JAAS_CONFIG must come from the KafkaUser's Secret " + service + " (key sasl.jaas.config)", problems);
            }
            if (tls) {
                String truststore = value(env, "KAFKA_SSL_TRUSTSTORE_LOCATION");
                check(mountedFromSecret(container, podSpec(m.get("Deployment", service)), truststore, name(kafka) + "-cluster-ca-cert"),
                        service + ": KAFKA_SSL_TRUSTSTORE_LOCATION " + truststore + " is not mounted from the cluster CA Secret", problems);
            }
            check("false".equals(value(env, "PRIVACY_EVENTS_TOPICS_CREATE")),
                    service + ": PRIVACY_EVENTS_TOPICS_CREATE is not false (Strimzi owns the topics)", problems);
        }
        m.assertNoProblems("Kafka client settings", problems);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void consumersNeverOutnumberPartitions(String overlay) {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        EVENT_TABLE.forEach((service, flows) -> {
            for (JsonNode hpa : m.ofKind("HorizontalPodAutoscaler")) {
                if (!hpa.path("spec").path("scaleTargetRef").path("name").asText().equals(service)) {
                    continue;
                }
                int max = hpa.path("spec").path("maxReplicas").asInt();
                for (String topic : flows.consumes()) {
                    m.ofKind("KafkaTopic").stream().filter(t -> topic.equals(topicName(t))).forEach(t -> check(
                            max <= t.path("spec").path("partitions").asInt(),
                            service + ": up to " + max + " replicas but " + topic + " has "
                                    + t.path("spec").path("partitions").asInt() + " partitions (idle consumers)", problems));
                }
            }
        });
        m.assertNoProblems("consumer scaling", problems);
    }

    static String topicName(JsonNode topic) {
        return topic.path("spec").path("topicName").asText(name(topic));
    }

    private static int brokerCount(Manifests m) {
        int brokers = 0;
        for (JsonNode pool : m.ofKind("KafkaNodePool")) {
            if (texts(pool.path("spec").path("roles")).contains("broker")) {
                brokers += pool.path("spec").path("replicas").asInt();
            }
        }
        return brokers;
    }

    private static String value(Map<String, Manifests.EnvVar> env, String name) {
        Manifests.EnvVar var = env.get(name);
        return var == null || var.value() == null ? "" : var.value();
    }

    private static boolean mountedFromSecret(JsonNode container, JsonNode pod, String file, String secret) {
        for (JsonNode mount : container.path("volumeMounts")) {
            String dir = mount.path("mountPath").asText();
            if (!file.startsWith(dir.endsWith("/") ? dir : dir + "/")) {
                continue;
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.path("name").asText().equals(mount.path("name").asText())
                        && secret.equals(volume.path("secret").path("secretName").asText())) {
                    return true;
                }
            }
        }
        return false;
    }
}
