package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.TestTokens;

@QuarkusTest
class PurposeCatalogueTest extends ConsentTestBase {

    @Test
    void seededCatalogueIsPublic() {
        given().when().get("/api/consent/purposes")
                .then().statusCode(200)
                .body("key", hasItems("strictly-necessary", "analytics-cookies", "advertising-cookies",
                        "newsletter-personalisation", "app-usage-data"))
                .body("find { it.key == 'advertising-cookies' }.gpcGoverned", equalTo(true))
                .body("find { it.key == 'advertising-cookies' }.legalBasis", equalTo("CONSENT"))
                .body("find { it.key == 'advertising-cookies' }.noticeVersion", equalTo(1))
                .body("find { it.key == 'strictly-necessary' }.required", equalTo(true))
                .body("find { it.key == 'analytics-cookies' }.gpcGoverned", equalTo(false))
                .body("find { it.key == 'advertising-cookies' }.directMarketing", equalTo(true))
                .body("find { it.key == 'newsletter-personalisation' }.directMarketing", equalTo(true))
                .body("find { it.key == 'analytics-cookies' }.directMarketing", equalTo(false))
                .body("find { it.key == 'app-usage-data' }.directMarketing", equalTo(false))
                .body("find { it.key == 'strictly-necessary' }.directMarketing", equalTo(false));
    }

    @Test
    void theDirectMarketingMarkIsKeptByAnUpdateThatLeavesItOut() {
        String key = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String officer = TestTokens.officer();
        Map<String, Object> text = Map.of("title", "Offers by post", "description", "Letters with offers.",
                "legalBasis", "LEGITIMATE_INTERESTS");
        given().auth().oauth2(officer).contentType("application/json").body(text)
                .when().put("/api/consent/purposes/" + key)
                .then().statusCode(201).body("directMarketing", equalTo(false));
        given().auth().oauth2(officer).contentType("application/json").body(with(text, "directMarketing", true))
                .when().put("/api/consent/purposes/" + key)
                .then().statusCode(200).body("directMarketing", equalTo(true));
        // an update without the field (an older client) keeps the purpose under objections
        given().auth().oauth2(officer).contentType("application/json").body(text)
                .when().put("/api/consent/purposes/" + key)
                .then().statusCode(200).body("directMarketing", equalTo(true));
        given().when().get("/api/consent/purposes")
                .then().body("find { it.key == '" + key + "' }.directMarketing", equalTo(true));
        given().auth().oauth2(officer).contentType("application/json").body(with(text, "directMarketing", false))
                .when().put("/api/consent/purposes/" + key)
                .then().statusCode(200).body("directMarketing", equalTo(false));
        given().auth().oauth2(officer).contentType("application/json").body(with(text, "directMarketing", "maybe"))
                .when().put("/api/consent/purposes/" + key)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aPurposeThatSetsCookiesCannotBeMadeLegitimateInterest() {
        String officer = TestTokens.officer();
        given().when().get("/api/consent/purposes").then()
                .body("find { it.key == 'advertising-cookies' }.deviceStorage", equalTo(true))
                .body("find { it.key == 'app-usage-data' }.deviceStorage", equalTo(false));
        Map<String, Object> advertising = Map.of("title", "Advertising cookies", "description",
                "Cookies that recognise your device to serve ads by interest.", "legalBasis", "LEGITIMATE_INTERESTS",
                "gpcGoverned", true);
        given().auth().oauth2(officer).contentType("application/json").body(advertising)
                .when().put("/api/consent/purposes/advertising-cookies")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("ePrivacy Directive Art. 5(3)"));
        given().when().get("/api/consent/purposes").then()
                .body("find { it.key == 'advertising-cookies' }.legalBasis", equalTo("CONSENT"))
                .body("find { it.key == 'advertising-cookies' }.noticeVersion", equalTo(1));
        // a new purpose that says it sets cookies, on contract: refused too; strictly necessary ones may
        String key = "test-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(officer).contentType("application/json").body(Map.of("title", "Chat widget",
                "description", "A chat cookie.", "legalBasis", "CONTRACT", "deviceStorage", true))
                .when().put("/api/consent/purposes/" + key).then().statusCode(422);
        given().when().get("/api/consent/purposes").then().body("key", org.hamcrest.Matchers.not(hasItems(key)));
        given().auth().oauth2(officer).contentType("application/json").body(Map.of("title", "Load balancing",
                "description", "Keeps you on one server.", "legalBasis", "CONTRACT", "deviceStorage", true,
                "required", true))
                .when().put("/api/consent/purposes/" + key).then().statusCode(201).body("deviceStorage", equalTo(true));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    @Test
    void officerCreatesThenRevisesAPurposeKeepingEveryNotice() {
        String key = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String officer = TestTokens.officer();
        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("title", "Surveys", "description", "We ask you about products.", "legalBasis", "CONSENT"))
                .when().put("/api/consent/purposes/" + key)
                .then().statusCode(201).body("noticeVersion", equalTo(1)).body("reconsentFromVersion", equalTo(1));

        // Same text again: no new version.
        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("title", "Surveys", "description", "We ask you about products.", "legalBasis", "CONSENT",
                        "gpcGoverned", true))
                .when().put("/api/consent/purposes/" + key)
                .then().statusCode(200).body("noticeVersion", equalTo(1)).body("gpcGoverned", equalTo(true));

        // A clarified wording, declared not material: version 2, earlier consents still count.
        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("title", "Surveys", "description", "We ask you about our products.", "legalBasis",
                        "CONSENT", "materialChange", false))
                .when().put("/api/consent/purposes/" + key)
                .then().statusCode(200).body("noticeVersion", equalTo(2)).body("reconsentFromVersion", equalTo(1));

        given().when().get("/api/consent/purposes/" + key + "/notices")
                .then().statusCode(200)
                .body("version", contains(1, 2))
                .body("description", contains("We ask you about products.", "We ask you about our products."))
                .body("materialChange", contains(true, false));
    }

    @Test
    void onlyOfficersEditPurposes() {
        Map<String, String> body = Map.of("title", "X", "description", "Y", "legalBasis", "CONSENT");
        given().contentType("application/json").body(body)
                .when().put("/api/consent/purposes/analytics-cookies")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString())).contentType("application/json").body(body)
                .when().put("/api/consent/purposes/analytics-cookies")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.service()).contentType("application/json").body(body)
                .when().put("/api/consent/purposes/analytics-cookies")
                .then().statusCode(403);
        given().when().get("/api/consent/purposes")
                .then().body("find { it.key == 'analytics-cookies' }.title", equalTo("Analytics cookies"));
    }

    @Test
    void invalidPurposeEditsAreRefused() {
        String officer = TestTokens.officer();
        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("title", "", "description", "Y", "legalBasis", "MAYBE"))
                .when().put("/api/consent/purposes/new-purpose")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("title", "", "description", "Y", "legalBasis", "CONSENT"))
                .when().put("/api/consent/purposes/new-purpose")
                .then().statusCode(400).body("errors.field", contains("title"));
        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("title", "T", "description", "Y", "legalBasis", "CONSENT"))
                .when().put("/api/consent/purposes/Not_A_Key")
                .then().statusCode(400);
        given().when().get("/api/consent/purposes/new-purpose/notices").then().statusCode(404);
    }
}
