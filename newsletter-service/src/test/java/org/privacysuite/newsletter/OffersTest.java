package org.privacysuite.newsletter;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.MovableClock;
import org.privacysuite.testsupport.TestTokens;

/**
 * Offers by interest, only with advertising consent (issue 22's first acceptance), the profile in plain words and
 * its deletion, and the marketing catalogue; on the real database and broker, consent-service's stand-in answering.
 */
@QuarkusTest
class OffersTest extends NewsletterTestBase {

    static final String ADVERTISING = "advertising-cookies";
    /** The seeded catalogue, in its non-personalised order (fallback ranks 1 to 4). */
    static final List<String> STANDARD_ORDER = List.of("quietwash-week", "steamchef-recipes", "care-kit", "winter-recipes");

    static ValidatableResponse view(String device, String... topics) {
        return given().contentType("application/json").body(Map.of("deviceId", device, "topics", List.of(topics)))
                .when().post("/api/offers/page-views").then().statusCode(202);
    }

    static ValidatableResponse offers(String device) {
        return given().queryParam("deviceId", device).queryParam("limit", 20).when().get("/api/offers").then()
                .statusCode(200).header("Cache-Control", "no-store");
    }

    /** The seeded offers' keys in the order of the answer (other tests may add offers of their own). */
    static List<String> seededOrder(ValidatableResponse answer) {
        List<String> keys = answer.extract().jsonPath().getList("offers.key");
        return keys.stream().filter(STANDARD_ORDER::contains).toList();
    }

    static Map<String, Double> profile(String subject, String purpose) {
        Map<String, Double> rows = new HashMap<>();
        QuarkusTransaction.requiringNew().call(() -> InterestScore.<InterestScore>list("subjectId = ?1 and purpose = ?2",
                subject, purpose)).forEach(s -> rows.put(s.topicKey, Math.round(s.score * 100) / 100.0));
        return rows;
    }

    @Test
    void aConsentingDeviceThatBrowsedRecipesGetsRecipeOffersFirst() {
        String device = TestTokens.newDevice();
        ConsentStub.grant(device, ADVERTISING);
        view(device, "recipes").body("stored", equalTo(true)).body("reason", equalTo(null))
                .body("purposes.advertising-cookies", equalTo("stored"))
                .body("purposes.newsletter-personalisation", equalTo("not-subscribed"));
        view(device, "recipes");
        view(device, "recipes", "appliances");

        // recipes 3, appliances 1: steamchef-recipes (recipes, appliances) 4, winter-recipes (recipes) 3,
        // quietwash-week (appliances, offers) 1, care-kit 0.
        ValidatableResponse answer = offers(device).body("personalised", equalTo(true)).body("basis", equalTo("interests"))
                .body("explanation", containsString("Recipes"))
                .body("offers[0].matchedTopics", equalTo(List.of("recipes", "appliances")));
        assertEquals(List.of("steamchef-recipes", "winter-recipes", "quietwash-week", "care-kit"), seededOrder(answer));
        // Only topic counts are kept for offers: no event log, nothing for the newsletter without a subscription.
        assertEquals(Map.of("recipes", 3.0, "appliances", 1.0), profile(device, ADVERTISING));
        assertEquals(Map.of(), profile(device, PURPOSE));
        assertEquals(0, BrowsingEventsTest.events(device));
    }

    @Test
    void afterWithdrawalTheListIsNotPersonalisedAndTheProfileIsGone() {
        String device = TestTokens.newDevice();
        ConsentStub.grant(device, ADVERTISING);
        view(device, "recipes");
        offers(device).body("personalised", equalTo(true));

        // consent-service records the withdrawal and announces it.
        ConsentStub.refuse(device, ADVERTISING);
        Events.send(new ConsentChanged(device, ADVERTISING, false, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> profile(device, ADVERTISING).isEmpty());

        ValidatableResponse answer = offers(device).body("personalised", equalTo(false)).body("basis", equalTo("no-consent"))
                .body("explanation", containsString("advertising cookies"));
        assertEquals(STANDARD_ORDER, seededOrder(answer));
        assertEquals(List.of(), offers(device).extract().jsonPath().getList("offers.findAll { it.matchedTopics.size() > 0 }"));
        given().queryParam("deviceId", device).when().get("/api/offers/interests").then().statusCode(200)
                .body("interests", empty()).body("summary", equalTo("We keep no interests for this device."));
    }

    @Test
    void aWithdrawalOfAdvertisingLeavesTheNewslettersPartAndTheOtherWayRound() {
        String device = TestTokens.newDevice();
        confirmedSubscriber(newEmail(), List.of("recipes"), device);
        ConsentStub.grant(device, ADVERTISING);
        ConsentStub.grant(device, PURPOSE);
        view(device, "recipes").body("purposes.advertising-cookies", equalTo("stored"))
                .body("purposes.newsletter-personalisation", equalTo("stored"));

        ConsentStub.refuse(device, ADVERTISING);
        String withdrawn = Events.send(new ConsentChanged(device, ADVERTISING, false, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Events.applied(withdrawn));
        assertEquals(Map.of(), profile(device, ADVERTISING));
        assertEquals(Map.of("recipes", 1.0), profile(device, PURPOSE));
        assertEquals(1, BrowsingEventsTest.events(device));

        ConsentStub.grant(device, ADVERTISING);
        String granted = Events.send(new ConsentChanged(device, ADVERTISING, true, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Events.applied(granted));
        view(device, "care-tips");
        ConsentStub.refuse(device, PURPOSE);
        String newsletterWithdrawn = Events.send(new ConsentChanged(device, PURPOSE, false, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Events.applied(newsletterWithdrawn));
        assertEquals(Map.of(), profile(device, PURPOSE));
        assertEquals(0, BrowsingEventsTest.events(device));
        assertEquals(Map.of("care-tips", 1.0), profile(device, ADVERTISING));
    }

    @Test
    void aNeverConsentingDeviceNeverGetsAProfileHoweverMuchItBrowses() {
        String device = TestTokens.newDevice(); // no decision recorded: consent-service answers "not allowed"
        for (int i = 0; i < 20; i++) {
            view(device, "recipes").body("stored", equalTo(false)).body("reason", equalTo("no-consent"))
                    .body("purposes.advertising-cookies", equalTo("no-consent"));
        }
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> InterestScore.count("subjectId", device)));
        ValidatableResponse answer = offers(device).body("personalised", equalTo(false)).body("basis", equalTo("no-consent"));
        // The same non-personalised list as everyone's, a visitor without any id included.
        ValidatableResponse anonymous = given().queryParam("limit", 20).when().get("/api/offers").then().statusCode(200)
                .body("personalised", equalTo(false)).body("basis", equalTo("no-device"));
        assertEquals(anonymous.extract().jsonPath().getList("offers.key"), answer.extract().jsonPath().getList("offers.key"));
        assertEquals(STANDARD_ORDER, seededOrder(answer));
    }

    @Test
    void aGlobalPrivacyControlSignalOptsOutWhateverWasRecorded() {
        String device = TestTokens.newDevice();
        ConsentStub.grant(device, ADVERTISING);
        given().header("Sec-GPC", "1").contentType("application/json")
                .body(Map.of("deviceId", device, "topics", List.of("recipes")))
                .when().post("/api/offers/page-views").then().statusCode(202)
                .body("purposes.advertising-cookies", equalTo("gpc"));
        assertEquals(Map.of(), profile(device, ADVERTISING));

        view(device, "recipes");
        given().header("Sec-GPC", "1").queryParam("deviceId", device).when().get("/api/offers").then().statusCode(200)
                .body("personalised", equalTo(false)).body("basis", equalTo("gpc"));
    }

    @Test
    void theProfileInPlainWordsFadesAndCanBeDeleted() {
        String device = TestTokens.newDevice();
        ConsentStub.grant(device, ADVERTISING);
        for (int i = 0; i < 6; i++) {
            view(device, "recipes");
        }
        view(device, "care-tips");
        given().queryParam("deviceId", device).when().get("/api/offers/interests").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("subject", equalTo(device)).body("subjectType", equalTo("DEVICE"))
                .body("halfLife", equalTo("PT336H"))
                .body("interests[0].topic", equalTo("recipes")).body("interests[0].title", equalTo("Recipes"))
                .body("interests[0].purpose", equalTo(ADVERTISING)).body("interests[0].strength", equalTo("strong"))
                .body("interests[0].weight", equalTo(6.0f))
                .body("interests[1].topic", equalTo("care-tips")).body("interests[1].strength", equalTo("slight"))
                .body("summary", containsString("Recipes (strong)"))
                .body("summary", containsString("choosing the offers you see on this site"))
                .body("summary", containsString("while you allow advertising cookies"))
                .body("summary", containsString("halves every 14 days"));

        // Two half-lives later a visit weighs a quarter: 6 recipes visits count 1.5, one more makes 2.5.
        MovableClock.advance(Duration.ofDays(28));
        given().queryParam("deviceId", device).when().get("/api/offers/interests").then()
                .body("interests[0].weight", equalTo(1.5f)).body("interests[0].strength", equalTo("slight"));
        view(device, "recipes");
        // (stored scores are as of their last visit: care-tips was not visited again)
        assertEquals(Map.of("recipes", 2.5, "care-tips", 1.0), profile(device, ADVERTISING));

        given().queryParam("deviceId", device).when().delete("/api/offers/interests").then().statusCode(204);
        given().queryParam("deviceId", device).when().delete("/api/offers/interests").then().statusCode(204);
        assertEquals(Map.of(), profile(device, ADVERTISING));
        offers(device).body("personalised", equalTo(false)).body("basis", equalTo("no-profile"));
    }

    @Test
    void theProfileThisReplicaKeepsInMemoryFollowsItsOwnWritesAtOnce() {
        String device = TestTokens.newDevice();
        ConsentStub.grant(device, ADVERTISING);
        view(device, "recipes");
        // recipes 1: steamchef-recipes and winter-recipes 1 each (fallback order between them), the others 0.
        assertEquals(List.of("steamchef-recipes", "winter-recipes", "quietwash-week", "care-kit"), seededOrder(offers(device)));

        view(device, "appliances");
        view(device, "appliances");
        view(device, "appliances");
        // appliances 3, recipes 1: steamchef-recipes 4, quietwash-week 3, winter-recipes 1, care-kit 0; read at once,
        // well within the copy's lifetime.
        assertEquals(List.of("steamchef-recipes", "quietwash-week", "winter-recipes", "care-kit"), seededOrder(offers(device)));

        given().queryParam("deviceId", device).when().delete("/api/offers/interests").then().statusCode(204);
        offers(device).body("personalised", equalTo(false)).body("basis", equalTo("no-profile"));
    }

    @Test
    void anotherReplicasWriteIsSeenWithinTheCopysLifetime() {
        String device = TestTokens.newDevice();
        ConsentStub.grant(device, ADVERTISING);
        view(device, "recipes");
        offers(device).body("basis", equalTo("interests"));

        // Another replica deletes the profile: this one learns nothing of it but the copy's age.
        QuarkusTransaction.requiringNew().run(() -> InterestScore.delete("subjectId", device));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> "no-profile".equals(offers(device).extract().path("basis")));
    }

    @Test
    void aSignedInUsersAccountIsTheSubject() {
        String account = java.util.UUID.randomUUID().toString();
        String token = TestTokens.token(account, List.of("user"));
        ConsentStub.grant(account, ADVERTISING);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("topics", List.of("care-tips")))
                .when().post("/api/offers/page-views").then().statusCode(202).body("stored", equalTo(true));
        given().auth().oauth2(token).when().get("/api/offers").then().statusCode(200)
                .body("personalised", equalTo(true)).body("offers[0].key", equalTo("care-kit"));
        given().auth().oauth2(token).when().get("/api/offers/interests").then().statusCode(200)
                .body("subject", equalTo(account)).body("subjectType", equalTo("ACCOUNT"))
                .body("summary", containsString("your account"));
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() {
        String device = TestTokens.newDevice();
        ConsentStub.grant(device, ADVERTISING);
        view(device, "recipes");
        for (String bad : List.of("not-a-device", "6F1C3C1E-8D1B-4A63-9D0E-2C1C8B0F7A11", device + "x")) {
            given().queryParam("deviceId", bad).when().get("/api/offers").then().statusCode(400)
                    .contentType("application/problem+json");
            given().queryParam("deviceId", bad).when().delete("/api/offers/interests").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        for (String limit : List.of("0", "21", "many")) {
            given().queryParam("deviceId", device).queryParam("limit", limit).when().get("/api/offers").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().when().get("/api/offers/interests").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("deviceId"));
        given().when().delete("/api/offers/interests").then().statusCode(400);
        given().auth().oauth2("not.a.token").queryParam("deviceId", device).when().delete("/api/offers/interests")
                .then().statusCode(401);
        assertEquals(Map.of("recipes", 1.0), profile(device, ADVERTISING));
        given().queryParam("deviceId", device).queryParam("limit", 2).when().get("/api/offers").then().statusCode(200)
                .body("offers.size()", equalTo(2));
    }

    @Test
    void marketingKeepsTheCatalogue() {
        String key = "spring-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> offer = new HashMap<>(Map.of("title", "Spring sale", "description", "Ovens for less.",
                "link", "/demo/#spring", "topics", List.of("appliances"), "fallbackRank", 1000));
        given().auth().oauth2(marketing()).contentType("application/json").body(offer)
                .when().put("/api/offers/catalogue/" + key).then().statusCode(201).body("key", equalTo(key));
        offer.put("title", "Spring sale, extended");
        given().auth().oauth2(marketing()).contentType("application/json").body(offer)
                .when().put("/api/offers/catalogue/" + key).then().statusCode(200).body("title", equalTo("Spring sale, extended"));
        assertTrue(given().when().get("/api/offers?limit=20").then().extract().jsonPath().getList("offers.key").contains(key));

        // Refused writes change nothing.
        for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(Map.entry("link", "javascript:alert(1)"),
                Map.entry("link", "//evil.example/x"), Map.entry("link", "http://example.com/x"),
                Map.entry("topics", List.of("no-such-topic")), Map.entry("title", "two\r\nlines"),
                Map.entry("validUntil", "2020-01-01T00:00:00Z"))) {
            Map<String, Object> body = new HashMap<>(offer);
            body.put(bad.getKey(), bad.getValue());
            body.put("validFrom", "2024-01-01T00:00:00Z");
            given().auth().oauth2(marketing()).contentType("application/json").body(body)
                    .when().put("/api/offers/catalogue/" + key).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(marketing()).when().get("/api/offers/catalogue").then().statusCode(200)
                .body("find { it.key == '" + key + "' }.title", equalTo("Spring sale, extended"))
                .body("find { it.key == '" + key + "' }.link", equalTo("/demo/#spring"));

        // An offer past its validity is not offered.
        offer.put("validUntil", Instant.now().minusSeconds(60).toString());
        given().auth().oauth2(marketing()).contentType("application/json").body(offer)
                .when().put("/api/offers/catalogue/" + key).then().statusCode(200);
        assertTrue(!given().when().get("/api/offers?limit=20").then().extract().jsonPath().getList("offers.key").contains(key));

        given().auth().oauth2(TestTokens.token(java.util.UUID.randomUUID().toString(), List.of("user"))).when().get("/api/offers/catalogue").then()
                .statusCode(403);
        given().when().get("/api/offers/catalogue").then().statusCode(401);
        given().auth().oauth2(marketing()).when().delete("/api/offers/catalogue/" + key).then().statusCode(204);
        given().auth().oauth2(marketing()).when().delete("/api/offers/catalogue/" + key).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
