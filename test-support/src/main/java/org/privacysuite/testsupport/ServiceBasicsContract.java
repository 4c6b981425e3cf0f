package org.privacysuite.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
