package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue #22 through the gateway and the real services: a visitor's interest profile serves offers only while
 * advertising consent holds, and it is in the access export, gone with the erasure and gone with the withdrawal.
 */
class OffersJourneyTest extends Journey {

    private static final String ADVERTISING = "advertising-cookies";

    private String consentingDevice() {
        String device = UUID.randomUUID().toString();
        gateway().contentType("application/json")
                .body(Map.of("choices", Map.of(ADVERTISING, true), "method", "custom"))
                .when().put("/api/consent/devices/" + device).then().statusCode(200);
        return device;
    }

    private void browseRecipes(String device, int times) {
        for (int i = 0; i < times; i++) {
            gateway().contentType("application/json").body(Map.of("deviceId", device, "topics", List.of("recipes")))
                    .when().post("/api/offers/page-views").then().statusCode(202)
                    .body("purposes." + ADVERTISING, equalTo("stored"));
        }
    }

    private JsonPath offers(String device) {
        return gateway().queryParam("deviceId", device).when().get("/api/offers").then().statusCode(200)
                .extract().jsonPath();
    }

    private String request(String type, String device) {
        String id = gateway().contentType("application/json").body(Map.of("type", type, "deviceId", device))
                .when().post("/api/privacy-requests").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> gateway().header("X-Device-Id", device)
                .when().get("/api/privacy-requests/" + id).then().statusCode(200).body("status", equalTo("FULFILLED")));
        return id;
    }

    @Test
    void theProfileIsInTheAccessExportAndGoneWithTheErasure() {
        String device = consentingDevice();
        browseRecipes(device, 3);
        JsonPath personalised = offers(device);
        assertEquals(true, personalised.getBoolean("personalised"));
        assertEquals("steamchef-recipes", personalised.getString("offers[0].key"));
        gateway().queryParam("deviceId", device).when().get("/api/offers/interests").then().statusCode(200)
                .body("interests.topic", hasItem("recipes")).body("summary", containsString("Recipes"));

        String access = request("ACCESS", device);
        JsonPath export = gateway().header("X-Device-Id", device).accept("application/json")
                .when().get("/api/privacy-requests/" + access + "/export").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> profile = export.getList("sections.newsletter.interestProfiles.'" + device + "'");
        assertEquals(1, profile.size(), "the device's one topic: " + profile);
        assertEquals("recipes", profile.get(0).get("topic"));
        assertEquals(ADVERTISING, profile.get(0).get("purpose"));
        assertEquals(3.0, ((Number) profile.get(0).get("score")).doubleValue(), 0.01);

        request("ERASURE", device);
        gateway().queryParam("deviceId", device).when().get("/api/offers/interests").then().statusCode(200)
                .body("interests", empty());
        JsonPath after = offers(device);
        assertEquals(false, after.getBoolean("personalised"));
        assertEquals("no-consent", after.getString("basis"), "the erasure took the consent too");
    }

    @Test
    void withdrawingAdvertisingConsentDeletesTheProfileAndEndsPersonalisation() {
        String device = consentingDevice();
        browseRecipes(device, 2);
        assertEquals(true, offers(device).getBoolean("personalised"));

        gateway().contentType("application/json")
                .body(Map.of("choices", Map.of(ADVERTISING, false), "method", "custom"))
                .when().put("/api/consent/devices/" + device).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> gateway().queryParam("deviceId", device)
                .when().get("/api/offers/interests").then().statusCode(200).body("interests", empty()));
        JsonPath after = offers(device);
        assertEquals(false, after.getBoolean("personalised"));
        assertEquals("no-consent", after.getString("basis"));
        // and nothing more is collected
        gateway().contentType("application/json").body(Map.of("deviceId", device, "topics", List.of("recipes")))
                .when().post("/api/offers/page-views").then().statusCode(202)
                .body("purposes." + ADVERTISING, equalTo("no-consent"));
    }
}
