package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.KeycloakServer;
import org.privacysuite.testsupport.TestDatabase;

/** Tokens issued by the real Keycloak of the project's realm import are accepted; anything else is refused. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "consent"))
@WithTestResource(KeycloakServer.class)
class MyConsentWithKeycloakTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void demoUserTokenIsAccepted() {
        given().auth().oauth2(KeycloakServer.passwordToken("alice", "alice-pass"))
                .when().get("/api/consent/me")
                .then().statusCode(200)
                .body("subject", matchesPattern(UUID_PATTERN))
                .body("purposes", emptyIterable());
    }

    @Test
    void missingTokenIsRefusedAsProblem() {
        given().when().get("/api/consent/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void forgedTokenIsRefused() {
        String token = KeycloakServer.passwordToken("alice", "alice-pass");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(forged)
                .when().get("/api/consent/me")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }
}
