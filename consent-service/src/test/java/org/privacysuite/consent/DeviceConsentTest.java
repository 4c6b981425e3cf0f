package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.testsupport.TestTokens;

@QuarkusTest
class DeviceConsentTest extends ConsentTestBase {

    static ValidatableResponse put(String device, Object body) {
        return given().contentType("application/json").body(body)
                .when().put("/api/consent/devices/" + device).then();
    }

    static ValidatableResponse get(String device) {
        return given().when().get("/api/consent/devices/" + device).then();
    }

    @Test
    void recordReadBackAndWithdraw() {
        String device = TestTokens.newDevice();
        put(device, Map.of("choices", Map.of("analytics-cookies", true, "advertising-cookies", false),
                "method", "custom", "url", "https://shop.example.com/home"))
                .statusCode(200)
                .body("subject", equalTo(device))
                .body("receiptId", notNullValue())
                .body("purposes.purpose", containsInAnyOrder("analytics-cookies", "advertising-cookies"))
                .body("purposes.find { it.purpose == 'analytics-cookies' }.granted", equalTo(true))
                .body("purposes.find { it.purpose == 'analytics-cookies' }.noticeVersion", equalTo(1))
                .body("purposes.find { it.purpose == 'advertising-cookies' }.granted", equalTo(false));

        get(device).statusCode(200)
                .body("purposes.find { it.purpose == 'analytics-cookies' }.granted", equalTo(true))
                .body("purposes.find { it.purpose == 'analytics-cookies' }.decidedAt", notNullValue());

        // Withdrawal is one call, as easy as giving.
        put(device, Map.of("choices", Map.of("analytics-cookies", false), "method", "custom")).statusCode(200);
        get(device).statusCode(200)
                .body("purposes.find { it.purpose == 'analytics-cookies' }.granted", equalTo(false))
                .body("purposes.find { it.purpose == 'advertising-cookies' }.granted", equalTo(false));
    }

    @Test
    void gpcSignalRefusesGovernedPurposesWhateverTheBodySays() {
        String device = TestTokens.newDevice();
        given().header("Sec-GPC", "1").contentType("application/json")
                .body(Map.of("choices", Map.of("analytics-cookies", true, "advertising-cookies", true),
                        "method", "accept-all"))
                .when().put("/api/consent/devices/" + device)
                .then().statusCode(200)
                .body("purposes.find { it.purpose == 'advertising-cookies' }.granted", equalTo(false))
                .body("purposes.find { it.purpose == 'advertising-cookies' }.gpc", equalTo(true))
                .body("purposes.find { it.purpose == 'analytics-cookies' }.granted", equalTo(true))
                .body("purposes.find { it.purpose == 'analytics-cookies' }.gpc", equalTo(false));
        get(device).body("purposes.find { it.purpose == 'advertising-cookies' }.granted", equalTo(false));
    }

    @Test
    void gpcSignalAlsoRefusesGovernedPurposesTheBodyLeftOut() {
        String device = TestTokens.newDevice();
        given().header("Sec-GPC", "1").contentType("application/json")
                .body(Map.of("choices", Map.of("analytics-cookies", true), "method", "custom"))
                .when().put("/api/consent/devices/" + device)
                .then().statusCode(200)
                .body("purposes.find { it.purpose == 'advertising-cookies' }.granted", equalTo(false))
                .body("purposes.find { it.purpose == 'advertising-cookies' }.gpc", equalTo(true));
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        String device = TestTokens.newDevice();
        put(device, Map.of("choices", Map.of("analytics-cookies", true, "no-such-purpose", true), "method", "custom"))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("choices.no-such-purpose"));
        put(device, Map.of("choices", Map.of("analytics-cookies", "yes please"), "method", "custom"))
                .statusCode(400).contentType("application/problem+json");
        put(device, Map.of("choices", Map.of("analytics-cookies", true), "method", "whatever"))
                .statusCode(400).contentType("application/problem+json");
        put(device, Map.of("choices", Map.of("analytics-cookies", true), "method", "reject-all"))
                .statusCode(400).body("errors.field", hasItem("method"));
        put(device, Map.of("choices", Map.of("strictly-necessary", false), "method", "custom"))
                .statusCode(400).body("errors.field", hasItem("choices.strictly-necessary"));
        put(device, Map.of("choices", Map.of("analytics-cookies", true), "method", "custom",
                "noticeVersions", Map.of("analytics-cookies", 99)))
                .statusCode(400).body("errors.field", hasItem("noticeVersions.analytics-cookies"));
        put(device, Map.of("choices", Map.of(), "method", "custom")).statusCode(400);
        // what only this service records: a client cannot forge a device link or a privacy request's refusals
        for (String recordedHere : java.util.List.of("device-link", "objection", "opt-out-of-sale")) {
            put(device, Map.of("choices", Map.of("advertising-cookies", false), "method", recordedHere))
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("method"));
        }
        put(device, Map.of("choices", Map.of("advertising-cookies", false), "method", "custom",
                "source", "privacy-request"))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("source"));
        put(device, Map.of("choices", Map.of("analytics-cookies", true), "method", "custom", "url", "javascript:alert(1)"))
                .statusCode(400).body("errors.field", hasItem("url"));
        put(device, Map.of("choices", Map.of("analytics-cookies", true), "method", "custom", "extra", "field"))
                .statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body("{\"choices\": {\"analytics-cookies\": tru")
                .when().put("/api/consent/devices/" + device).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{\"choices\":{\"analytics-cookies\":true},\"method\":\"custom\","
                + "\"url\":\"https://e.example/" + "x".repeat(70_000) + "\"}")
                .when().put("/api/consent/devices/" + device).then().statusCode(413)
                .contentType("application/problem+json");

        get(device).statusCode(200).body("purposes", empty()).body("receiptId", equalTo(null));
    }

    @Test
    void malformedDeviceIdsAreRefused() {
        Map<String, Object> body = Map.of("choices", Map.of("analytics-cookies", true), "method", "custom");
        put("not-a-uuid", body).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("deviceId"));
        // version 1 (time-based) ids are not random: refused
        put("6ba7b810-9dad-11d1-80b4-00c04fd430c8", body).statusCode(400);
        get("DROP TABLE").statusCode(400);
    }
}
