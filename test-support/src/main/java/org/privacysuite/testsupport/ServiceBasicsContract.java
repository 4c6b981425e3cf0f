package org.privacysuite.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/**
 * What every service of the suite promises its operators and clients, checked against the running test application
 * with its real database and broker. A service's test extends this and adds its resources.
 */
public abstract class ServiceBasicsContract {

    @Test
    void readinessChecksDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
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
