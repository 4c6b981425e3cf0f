package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.privacysuite.testsupport.authz.AuthorizationMatrix.notOwned;
import static org.privacysuite.testsupport.authz.AuthorizationMatrix.ownedByA;
import static org.privacysuite.testsupport.authz.Caller.ANYONE;
import static org.privacysuite.testsupport.authz.Caller.OFFICER;
import static org.privacysuite.testsupport.authz.Caller.SERVICE;
import static org.privacysuite.testsupport.authz.Caller.USER_A;
import static org.privacysuite.testsupport.authz.Caller.USER_B;
import static org.privacysuite.testsupport.authz.Caller.only;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.privacysuite.commons.problem.AllowedMethods;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.authz.AuthorizationMatrix;
import org.privacysuite.testsupport.authz.Caller;

/** Every endpoint of consent-service against its rule, for every kind of caller (issue 21, build 6). */
@QuarkusTest
class AuthorizationMatrixTest extends ConsentTestBase {

    /** The officer's realm token also carries the user role (olivia is a person with an account too). */
    private static final Set<Caller> SIGNED_IN = only(USER_A, USER_B, OFFICER);
    private static final String USER_A_TOKEN = TestTokens.user(UUID.randomUUID().toString());

    @Inject
    AllowedMethods resourceMethods;

    /** A device user A linked: the object of the link endpoints. */
    private static Map<String, String> devicelinkedByA() {
        String device = TestTokens.newDevice();
        given().auth().oauth2(USER_A_TOKEN).when().post("/api/consent/me/devices/" + device).then().statusCode(200);
        return Map.of("deviceId", device);
    }

    @Test
    void everyEndpointFollowsItsRule() {
        Map<Caller, String> tokens = AuthorizationMatrix.testTokens(USER_A_TOKEN);
        Map<String, Supplier<String>> samples = Map.of(
                "deviceId", TestTokens::newDevice,
                "key", () -> "analytics-cookies",
                "subjectId", () -> UUID.randomUUID().toString());
        String catalogue = "a purpose key of the public catalogue";
        String bearer = "the device id is the bearer secret of a device without account (docs/identity.md, Devices)";

        new AuthorizationMatrix(tokens, samples)
                .allow("GET /api/consent/purposes", ANYONE)
                .allow("GET /api/consent/purposes/{key}/notices", ANYONE, notOwned(catalogue))
                .allow("PUT /api/consent/purposes/{key}", only(OFFICER), notOwned(catalogue))
                .allow("GET /api/consent/devices/{deviceId}", ANYONE, notOwned(bearer))
                .allow("PUT /api/consent/devices/{deviceId}", ANYONE, notOwned(bearer))
                .allow("GET /api/consent/me", SIGNED_IN)
                .allow("PUT /api/consent/me", SIGNED_IN)
                .allow("GET /api/consent/me/receipts", SIGNED_IN)
                .allow("POST /api/consent/me/devices/{deviceId}", SIGNED_IN, ownedByA(AuthorizationMatrixTest::devicelinkedByA))
                .allow("DELETE /api/consent/me/devices/{deviceId}", SIGNED_IN, ownedByA(AuthorizationMatrixTest::devicelinkedByA))
                .allow("GET /api/consent/check", only(SERVICE))
                .allow("POST /api/consent/check", only(SERVICE))
                .allow("GET /api/consent/subjects/{subjectId}/devices", only(SERVICE),
                        notOwned("services only (dsar-service resolving a request's identities): no person reaches it"))
                .allow("GET /.well-known/gpc.json", ANYONE)
                .verify(resourceMethods.endpoints());
    }
}
