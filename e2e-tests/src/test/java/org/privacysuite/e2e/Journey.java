package org.privacysuite.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.privacysuite.testsupport.KeycloakServer;

/** What every journey uses: the suite through its gateway, and real tokens from Keycloak. */
abstract class Journey {

    final SuiteUnderTest suite = SuiteUnderTest.get();

    RequestSpecification gateway() {
        return given().baseUri(suite.gateway());
    }

    RequestSpecification as(String token) {
        return gateway().auth().oauth2(token);
    }

    static String serviceToken() {
        return KeycloakServer.clientToken("privacy-services", "local-services-secret");
    }

    static String officerToken() {
        return KeycloakServer.passwordToken("olivia", "olivia-pass");
    }

    /** A person who signed up through the gateway, and their access token from Keycloak. */
    record Person(String id, String username, String email, String password, String token) {
    }

    Person signUp(Map<String, Object> profile) {
        String username = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String email = username + "@example.com";
        String password = "Pw-" + UUID.randomUUID();
        String id = gateway().contentType("application/json")
                .body(Map.of("username", username, "email", email, "password", password, "profile", profile))
                .when().post("/api/accounts")
                .then().statusCode(201).extract().path("id");
        return new Person(id, username, email, password, KeycloakServer.passwordToken(username, password));
    }
}
