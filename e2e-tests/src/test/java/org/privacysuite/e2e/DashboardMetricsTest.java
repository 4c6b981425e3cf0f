package org.privacysuite.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard (k8s/base/dashboards/privacy-suite.json) queries only metrics the suite really exposes: every
 * metric name in every panel's PromQL, and in the template variables, is one the running services print at
 * /q/metrics. Counters appear only once they count, so the test first makes the suite do what the panels watch: a
 * request through the gateway, a consent change that is published and consumed, and one malformed event that a
 * consumer dead-letters.
 */
class DashboardMetricsTest extends Journey {

    private static final Path DASHBOARD = Path.of("k8s/base/dashboards/privacy-suite.json");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{[^}]*\\}");
    private static final Pattern CALL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*\\s*\\(");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    @Test
    void everyPanelQueriesMetricsTheServicesExpose() {
        JsonPath dashboard = JsonPath.from(SuiteUnderTest.repositoryRoot().resolve(DASHBOARD).toFile());
        Set<String> needed = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> panel : dashboard.<Map<String, Object>>getList("panels")) {
            if ("row".equals(panel.get("type"))) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> targets = (List<Map<String, Object>>) panel.get("targets");
            if (targets == null || targets.isEmpty()) {
                problems.add("panel '" + panel.get("title") + "' has no query");
                continue;
            }
            for (Map<String, Object> target : targets) {
                Set<String> metrics = metricNames(String.valueOf(target.get("expr")));
                if (metrics.isEmpty()) {
                    problems.add("panel '" + panel.get("title") + "': no metric in " + target.get("expr"));
                }
                needed.addAll(metrics);
            }
        }
        for (String query : dashboard.<String>getList("templating.list.definition")) {
            Matcher labelValues = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(String.valueOf(query));
            if (labelValues.find()) {
                needed.add(labelValues.group(1));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertFalse(needed.isEmpty(), "the dashboard names no metric");

        makeTheSuiteCountWhatThePanelsWatch();
        Set<String> missing = new TreeSet<>(needed);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                Set<String> exposed = exposed();
                missing.removeIf(exposed::contains);
                return missing.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            fail("the dashboard queries metrics no service exposes: " + missing);
        }
    }

    /** Metric names in one PromQL expression: those with a label selector, and bare ones. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        String rest = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        Matcher selector = SELECTOR.matcher(rest);
        while (selector.find()) {
            names.add(selector.group(1));
        }
        rest = SELECTOR.matcher(rest).replaceAll(" ");
        rest = rest.replaceAll("\\[[^\\]]*\\]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        rest = CALL.matcher(rest).replaceAll("(");
        Matcher bare = IDENTIFIER.matcher(rest);
        while (bare.find()) {
            if (!KEYWORDS.contains(bare.group().toLowerCase())) {
                names.add(bare.group());
            }
        }
        return names;
    }

    private void makeTheSuiteCountWhatThePanelsWatch() {
        gateway().when().get("/api/consent/purposes").then().statusCode(200);
        String device = UUID.randomUUID().toString();
        gateway().contentType("application/json")
                .body(Map.of("choices", Map.of("analytics-cookies", true), "method", "custom"))
                .when().put("/api/consent/devices/" + device)
                .then().statusCode(200);
        // A record without CloudEvents headers: the consumers of consent.events dead-letter it at once.
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafka());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>("consent.events", "dashboard-test-" + device, "not an event".getBytes()));
        }
    }

    /** Metric names the running processes print at /q/metrics (samples, not comments). */
    private Set<String> exposed() {
        Set<String> names = new TreeSet<>();
        for (String process : List.of("gateway", "consent-service", "account-service", "dsar-service", "newsletter-service")) {
            String body = given().baseUri(suite.url(process)).when().get("/q/metrics").then().statusCode(200).extract().asString();
            for (String line : body.split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        return names;
    }
}
