package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.domain.PrivacyRequest;

/**
 * Nobody can mail-bomb an address or flood the intake through the suite: per-address code mails and per-client
 * requests are limited (429 with Retry-After, nothing stored), across replicas since the counters are in the database.
 */
@QuarkusTest
@TestProfile(ThrottleTest.TightLimits.class)
class ThrottleTest extends DsarTestBase {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dsar.throttle.requests-per-client", "4", "dsar.throttle.codes-per-address", "2");
        }
    }


    private static ValidatableResponse submitFrom(String client, Map<String, Object> body) {
        return given().header("X-Forwarded-For", client).contentType("application/json").body(body)
                .when().post("/api/privacy-requests").then();
    }

    private static long requestsFor(String email) {
        return QuarkusTransaction.requiringNew().call(() -> PrivacyRequest.count("email", email));
    }

    @Test
    void anAddressGetsOnlyItsShareOfCodes() {
        String target = "target-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 2; i++) {
            // different clients: the per-address limit holds whoever sends
            submitFrom("198.51.100." + (10 + i), Map.of("type", "ERASURE", "email", target)).statusCode(201);
        }
        submitFrom("198.51.100.12", Map.of("type", "ACCESS", "email", target)).statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("status", equalTo(429));
        assertEquals(2, mailsTo(target).size(), "no third mail");
        assertEquals(2, requestsFor(target), "the refused request stored nothing");
    }

    @Test
    void oneClientCannotFloodTheIntake() {
        String client = "203.0.113." + (1 + (int) (Math.random() * 200));
        for (int i = 0; i < 4; i++) {
            submitFrom(client, Map.of("type", "QUESTION", "email", "q" + i + "-" + UUID.randomUUID() + "@example.com",
                    "message", "Question " + i)).statusCode(201);
        }
        String refused = "refused-" + UUID.randomUUID() + "@example.com";
        submitFrom(client, Map.of("type", "QUESTION", "email", refused, "message", "one more"))
                .statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
        assertEquals(0, requestsFor(refused));
        assertEquals(0, mailsTo(refused).size());
        // another client is not affected
        submitFrom("203.0.113.250", Map.of("type", "QUESTION", "email", refused, "message", "from elsewhere"))
                .statusCode(201);
    }
}
