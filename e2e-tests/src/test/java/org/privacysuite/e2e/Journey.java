package org.privacysuite.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
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
}
