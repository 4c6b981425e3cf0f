package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.TestTokens;

/** {@code GET /api/consent/subjects/{subjectId}/devices}: dsar-service's lookup of an account's devices. */
@QuarkusTest
class SubjectDevicesTest extends ConsentTestBase {

    static ValidatableResponse devices(String token, String subject) {
        return given().auth().oauth2(token).when().get("/api/consent/subjects/{subject}/devices", subject).then();
    }

    @Test
    void aServiceLearnsTheDevicesLinkedToAnAccount() {
        String account = UUID.randomUUID().toString();
        String token = TestTokens.user(account);
        String first = TestTokens.newDevice();
        String second = TestTokens.newDevice();
        devices(TestTokens.service(), account).statusCode(200).contentType("application/json")
                .body("subject", equalTo(account)).body("devices", empty());
        DeviceLinkTest.link(token, second);
        DeviceLinkTest.link(token, first);
        devices(TestTokens.service(), account).statusCode(200)
                .body("subject", equalTo(account))
                .body("devices", equalTo(List.of(first, second).stream().sorted().toList()));
        DeviceLinkTest.unlink(token, first);
        devices(TestTokens.service(), account).statusCode(200).body("devices", equalTo(List.of(second)));
        // a device is not an account: it has no devices, and nobody learns whose it is from here
        devices(TestTokens.service(), second).statusCode(200).body("devices", empty());
        devices(TestTokens.service(), "f:ldap:" + UUID.randomUUID()).statusCode(200).body("devices", empty());
    }

    @Test
    void onlyServicesMayAsk() {
        String account = UUID.randomUUID().toString();
        DeviceLinkTest.link(TestTokens.user(account), TestTokens.newDevice());
        given().when().get("/api/consent/subjects/{subject}/devices", account)
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        // not even the account's own person: device ids are bearer secrets, and the account's page lists receipts
        devices(TestTokens.user(account), account).statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403));
        devices(TestTokens.officer(), account).statusCode(403).contentType("application/problem+json");
        devices("not-a-token", account).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void malformedSubjectIdsAreRefused() {
        for (String bad : List.of("a".repeat(101), "a b", "<script>", "-leading-dash", "é")) {
            devices(TestTokens.service(), bad).statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors[0].field", equalTo("subjectId"));
        }
        devices(TestTokens.service(), "a".repeat(100)).statusCode(200).body("devices", empty());
    }
}
