package org.privacysuite.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service of the suite promises its operators and clients, checked against the running test application
 * with its real database and broker. A service's test extends this and adds its resources.
 */
public abstract class ServiceBasicsContract {

    /** A path of this service, a method it does not answer there, and one it does: for the 405 check. */
    public record MethodProbe(String path, String wrongMethod, String allowedMethod) {
    }

    protected abstract MethodProbe methodProbe();

    /** RFC 9110, 15.5.6: a 405 says which methods the resource has. */
    @Test
    void wrongMethodIsProblemJsonNamingTheAllowedMethods() {
        MethodProbe probe = methodProbe();
        String allow = given().accept("application/json").when().request(probe.wrongMethod(), probe.path())
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405))
                .extract().header("Allow");
        List<String> methods = allow == null ? List.of() : Arrays.stream(allow.split(",")).map(String::trim).toList();
        assertTrue(methods.contains(probe.allowedMethod()), "Allow: " + allow);
        assertFalse(methods.contains(probe.wrongMethod()), "Allow: " + allow);
    }

    /**
     * Readiness covers what stops this pod from serving: its database and the event backbone's threads. The broker is
     * reported beside it (its own group), not in it: during a broker outage every pod must stay in its Service.
     */
    @Test
    void readinessChecksDatabaseAndEventThreadsAndTheBrokerIsReportedApart() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "privacy-events workers"))
                .body("checks.name", not(hasItem(containsString("Kafka"))))
                .body("checks.name", not(hasItem(containsString("broker"))));
        // the broker check's admin client connects on its first call, which may take longer than one check allows
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (given().when().get("/q/health/group/kafka").statusCode() != 200 && System.nanoTime() < deadline) {
            sleep(500);
        }
        given().when().get("/q/health/group/kafka")
                .then().statusCode(200)
                .body("checks.name", hasItem("privacy-events broker"))
                .body("checks.find { it.name == 'privacy-events broker' }.status", equalTo("UP"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("openapi", startsWith("3."));
    }

    /**
     * API clients and linters learn from the document itself what each operation does, who may call it and how
     * errors look.
     */
    @Test
    void openApiDocumentSaysWhoMayCallAndThatErrorsAreProblems() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            if (!op.getValue().isObject() || !op.getValue().has("responses")) {
                return; // not an operation (parameters shared by the path)
            }
            if (!op.getValue().has("security")) {
                problems.add(where + ": no security requirement (public operations say security: [])");
            }
            for (String field : List.of("summary", "description")) {
                if (op.getValue().path(field).asText().isBlank()) {
                    problems.add(where + ": no " + field + " (@Operation)");
                }
            }
            if (op.getValue().path("tags").isEmpty()) {
                problems.add(where + ": no tag (@Tag on the resource)");
            }
            if (path.getKey().startsWith("/v1/")) {
                return; // the Data Rights Protocol has its own error shape
            }
            op.getValue().path("responses").fields().forEachRemaining(response -> {
                boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5")
                        || response.getKey().equals("default");
                if (error && !response.getValue().path("content").has("application/problem+json")) {
                    problems.add(where + " " + response.getKey() + ": not documented as application/problem+json");
                }
            });
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void unknownPathIsProblemJson() {
        given().accept("application/json").when().get("/api/no-such-resource")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("type", equalTo("about:blank"))
                .body("instance", equalTo("/api/no-such-resource"));
    }

    @Test
    void eventBackboneMetricsAreExported() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("privacy_events_outbox_pending"));
    }
}
