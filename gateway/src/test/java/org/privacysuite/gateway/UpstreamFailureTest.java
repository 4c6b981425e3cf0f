package org.privacysuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.privacysuite.gateway.support.FakeUpstream;
import org.privacysuite.gateway.support.FakeUpstreams;
import org.privacysuite.gateway.support.InjectFakeUpstreams;
import org.privacysuite.gateway.support.Tokens;

/** Test configuration: idle timeout 2 s; a circuit opens after 4 failures in a row and stays open 2 s. */
@QuarkusTest
class UpstreamFailureTest {

    @InjectFakeUpstreams
    FakeUpstreams upstreams;

    @AfterEach
    void restore() {
        upstreams.restoreAll();
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void aStoppedServiceIsA503ProblemAtOnce() {
        upstreams.get("newsletter-service").stop();
        long start = System.nanoTime();
        given().when().post("/api/newsletter/subscriptions")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/upstream-unavailable"))
                .body("status", equalTo(503))
                .body("detail", containsString("newsletter-service"))
                .body("instance", equalTo("/api/newsletter/subscriptions"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1500, "refused connections fail fast");
    }

    @Test
    void aSilentServiceIsA504ProblemAfterTheTimeout() {
        long start = System.nanoTime();
        given().auth().oauth2(Tokens.user("patient-user"))
                .when().get("/api/consent/me/hang")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("https://privacy-suite.org/problems/upstream-timeout"));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis >= 1900 && millis < 6000, "answered after the 2 s idle timeout, not hung: " + millis + " ms");
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndItClosesAgain() throws InterruptedException {
        FakeUpstream dsar = upstreams.get("dsar-service");
        dsar.stop();
        for (int i = 0; i < 4; i++) {
            given().when().post("/api/privacy-requests").then().statusCode(503).header("Retry-After", nullValue());
        }
        dsar.start();
        int before = dsar.requests();
        given().when().post("/api/privacy-requests")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "2")
                .body("detail", containsString("paused"));
        assertEquals(before, dsar.requests(), "an open circuit does not call the service");

        Thread.sleep(2200);
        given().when().post("/api/privacy-requests").then().statusCode(200).body("service", equalTo("dsar-service"));
    }

    @Test
    void aFailingServiceDoesNotTripTheOthers() {
        upstreams.get("account-service").stop();
        for (int i = 0; i < 5; i++) {
            given().when().post("/api/accounts").then().statusCode(503);
        }
        given().when().get("/api/consent/purposes").then().statusCode(200);
    }

    @Test
    void readinessAggregatesTheServices() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'consent-service'", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'newsletter-service'", equalTo("UP"));

        upstreams.get("account-service").stop();
        upstreams.get("dsar-service").setReady(false);
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'upstreams' }.data.'consent-service'", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'account-service'", containsString("DOWN"))
                .body("checks.find { it.name == 'upstreams' }.data.'dsar-service'", equalTo("DOWN (HTTP 503)"));
    }

    @Test
    void theConsoleBeingDownLeavesTheApiReady() {
        upstreams.get("officer-console").stop();
        given().when().get("/console/").then().statusCode(503);
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'upstreams' }.data.'officer-console'", nullValue());
    }
}
