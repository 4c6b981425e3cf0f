package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.TestTokens;

@QuarkusTest
class AccountConsentTest extends ConsentTestBase {

    static ValidatableResponse putMe(String token, Object body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().put("/api/consent/me").then();
    }

    static ValidatableResponse getMe(String token) {
        return given().auth().oauth2(token).when().get("/api/consent/me").then();
    }

    @Test
    void accountRecordsAndReadsItsOwnChoicesOnly() {
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        putMe(TestTokens.user(alice), Map.of("choices", Map.of("app-usage-data", true), "method", "custom", "source", "app"))
                .statusCode(200).body("subject", equalTo(alice))
                .body("purposes.find { it.purpose == 'app-usage-data' }.granted", equalTo(true));
        getMe(TestTokens.user(bob)).statusCode(200).body("subject", equalTo(bob)).body("purposes", empty());
        getMe(TestTokens.user(alice)).statusCode(200)
                .body("purposes.find { it.purpose == 'app-usage-data' }.granted", equalTo(true));
    }

    @Test
    void accountEndpointsNeedAUserToken() {
        given().when().get("/api/consent/me").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/consent/me/receipts").then().statusCode(401);
        given().when().post("/api/consent/me/devices/" + TestTokens.newDevice()).then().statusCode(401);
        given().auth().oauth2(TestTokens.service()).when().get("/api/consent/me").then().statusCode(403);
    }

    @Test
    void linkingADeviceMergesTheLaterDecisionPerPurpose() {
        String account = UUID.randomUUID().toString();
        String token = TestTokens.user(account);
        String device = TestTokens.newDevice();
        // Account decides first on analytics (yes) and app usage (yes) ...
        putMe(token, Map.of("choices", Map.of("analytics-cookies", true, "app-usage-data", true), "method", "custom"))
                .statusCode(200);
        // ... then, signed out, the device refuses analytics and grants advertising.
        DeviceConsentTest.put(device, Map.of("choices", Map.of("analytics-cookies", false, "advertising-cookies", true),
                "method", "custom")).statusCode(200);

        given().auth().oauth2(token).when().post("/api/consent/me/devices/" + device)
                .then().statusCode(200)
                .body("receiptId", notNullValue())
                .body("purposes.find { it.purpose == 'analytics-cookies' }.granted", equalTo(false))
                .body("purposes.find { it.purpose == 'advertising-cookies' }.granted", equalTo(true))
                .body("purposes.find { it.purpose == 'app-usage-data' }.granted", equalTo(true));
        // The device keeps its own records.
        DeviceConsentTest.get(device).body("purposes", hasSize(2));

        // Linking again changes nothing: the account already has those decisions.
        given().auth().oauth2(token).when().post("/api/consent/me/devices/" + device)
                .then().statusCode(200).body("receiptId", equalTo(null));

        // A later account decision wins over the older device decision on the next link.
        putMe(token, Map.of("choices", Map.of("advertising-cookies", false), "method", "custom")).statusCode(200);
        given().auth().oauth2(token).when().post("/api/consent/me/devices/" + device)
                .then().statusCode(200)
                .body("purposes.find { it.purpose == 'advertising-cookies' }.granted", equalTo(false));
    }

    @Test
    void receiptsCarryTheKantaraFields() {
        String account = UUID.randomUUID().toString();
        String token = TestTokens.user(account);
        String receiptId = given().auth().oauth2(token).header("Sec-GPC", "1")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0").contentType("application/json")
                .body(Map.of("choices", Map.of("analytics-cookies", true), "method", "custom",
                        "url", "https://shop.example.com/settings", "source", "preference-center"))
                .when().put("/api/consent/me").then().statusCode(200).extract().path("receiptId");

        given().auth().oauth2(token).when().get("/api/consent/me/receipts")
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].version", equalTo("KI-CR-v1.1.0"))
                .body("[0].consentReceiptID", equalTo(receiptId))
                .body("[0].jurisdiction", equalTo("CA"))
                .body("[0].consentTimestamp", greaterThan(1_700_000_000))
                .body("[0].collectionMethod", equalTo("custom"))
                .body("[0].piiPrincipalId", equalTo(account))
                .body("[0].piiControllers[0].piiController", equalTo("Example Appliances Inc."))
                .body("[0].piiControllers[0].email", notNullValue())
                .body("[0].policyUrl", equalTo("https://www.example.com/privacy"))
                .body("[0].gpc", equalTo(true))
                .body("[0].source", equalTo("preference-center"))
                .body("[0].services[0].purposes.purposeKey", hasItem("analytics-cookies"))
                .body("[0].services[0].purposes.purposeKey", hasItem("advertising-cookies"))
                .body("[0].services[0].purposes.consentType", everyItem(equalTo("EXPLICIT")))
                .body("[0].services[0].purposes.find { it.purposeKey == 'advertising-cookies' }.granted", equalTo(false))
                .body("[0].services[0].purposes.find { it.purposeKey == 'advertising-cookies' }.gpc", equalTo(true))
                .body("[0].services[0].purposes.find { it.purposeKey == 'analytics-cookies' }.termination", notNullValue())
                .body("[0].services[0].purposes.find { it.purposeKey == 'analytics-cookies' }.piiCategory",
                        hasItem("Device identifier"));
    }

    @Test
    void materialNoticeChangeRequiresReconsent() {
        String key = "reconsent-" + UUID.randomUUID().toString().substring(0, 8);
        String officer = TestTokens.officer();
        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("title", "Product tips", "description", "Tips by email.", "legalBasis", "CONSENT"))
                .when().put("/api/consent/purposes/" + key).then().statusCode(201);
        String account = UUID.randomUUID().toString();
        putMe(TestTokens.user(account), Map.of("choices", Map.of(key, true), "method", "custom")).statusCode(200)
                .body("purposes.find { it.purpose == '" + key + "' }.reconsentRequired", equalTo(false));

        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("title", "Product tips", "description", "Tips by email, shared with partners.",
                        "legalBasis", "CONSENT", "materialChange", true))
                .when().put("/api/consent/purposes/" + key).then().statusCode(200).body("noticeVersion", equalTo(2));

        getMe(TestTokens.user(account)).statusCode(200)
                .body("purposes.find { it.purpose == '" + key + "' }.noticeVersion", equalTo(1))
                .body("purposes.find { it.purpose == '" + key + "' }.reconsentRequired", equalTo(true));

        // Consenting to the new notice clears it.
        putMe(TestTokens.user(account), Map.of("choices", Map.of(key, true), "method", "custom")).statusCode(200)
                .body("purposes.find { it.purpose == '" + key + "' }.noticeVersion", equalTo(2))
                .body("purposes.find { it.purpose == '" + key + "' }.reconsentRequired", equalTo(false));
    }
}
