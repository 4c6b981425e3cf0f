package org.privacysuite.k8s;

import static org.privacysuite.k8s.Manifests.check;
import static org.privacysuite.k8s.Manifests.id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Grafana dashboard ships in every overlay as a ConfigMap the dashboard sidecar loads (label grafana_dashboard:
 * "1"), and its JSON is a valid dashboard: a uid and title, panels with unique ids, a Prometheus query on every panel
 * and panels for each area the issue names. That every query's metric is really exposed is checked against the
 * running services in e2e-tests (DashboardMetricsTest).
 */
class DashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.privacysuite.k8s.RenderedManifests#overlays")
    void theDashboardShipsAsASidecarConfigMapWithValidJson(String overlay) throws IOException {
        Manifests m = RenderedManifests.render(overlay);
        List<String> problems = new ArrayList<>();
        List<JsonNode> dashboards = m.ofKind("ConfigMap").stream()
                .filter(c -> "1".equals(c.path("metadata").path("labels").path("grafana_dashboard").asText())).toList();
        check(dashboards.size() == 1, "expected one ConfigMap labelled grafana_dashboard=\"1\", found " + dashboards.size(), problems);
        for (JsonNode configMap : dashboards) {
            check(configMap.path("data").size() == 1 && configMap.path("data").fieldNames().next().endsWith(".json"),
                    id(configMap) + ": expected one <name>.json entry", problems);
            JsonNode dashboard = JSON.readTree(configMap.path("data").elements().next().asText());
            check(dashboard.path("uid").asText().matches("[a-zA-Z0-9_-]{1,40}") && dashboard.hasNonNull("title"),
                    id(configMap) + ": dashboard without a valid uid (<= 40 characters) or title", problems);
            Set<Integer> ids = new HashSet<>();
            StringBuilder queries = new StringBuilder();
            for (JsonNode panel : dashboard.path("panels")) {
                String title = panel.path("title").asText();
                check(panel.path("id").isInt() && ids.add(panel.path("id").asInt()), "panel '" + title + "': id missing or repeated", problems);
                check(panel.path("gridPos").has("w") && panel.path("gridPos").has("h"), "panel '" + title + "': no gridPos", problems);
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                check(panel.path("targets").size() > 0, "panel '" + title + "': no query", problems);
                for (JsonNode target : panel.path("targets")) {
                    check(!target.path("expr").asText().isBlank(), "panel '" + title + "': a target without expr", problems);
                    check(target.path("datasource").path("type").asText().equals("prometheus"),
                            "panel '" + title + "': a target not on the Prometheus data source", problems);
                    queries.append(target.path("expr").asText()).append('\n');
                }
            }
            // The list: rate, errors and latency per route and service; outbox age; consumer lag; DLQ counts;
            // DSAR backlog by days to deadline.
            for (String metric : List.of("gateway_requests_seconds_count", "gateway_requests_seconds_bucket",
                    "http_server_requests_seconds_count", "http_server_requests_seconds_sum",
                    "privacy_events_outbox_oldest_age_seconds", "privacy_events_consumer_lag", "privacy_events_dlq_total",
                    "dsar_requests_open")) {
                check(queries.toString().contains(metric), id(configMap) + ": no panel queries " + metric, problems);
            }
        }
        m.assertNoProblems("Grafana dashboard", problems);
    }
}
