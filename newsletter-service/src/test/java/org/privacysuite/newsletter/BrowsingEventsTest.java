package org.privacysuite.newsletter;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.newsletter.domain.BrowsingEvent;
import org.privacysuite.newsletter.domain.InterestScore;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.TestTokens;

@QuarkusTest
class BrowsingEventsTest extends NewsletterTestBase {

    static ValidatableResponse browse(String device, String... topics) {
        return given().contentType("application/json").body(Map.of("deviceId", device, "topics", List.of(topics)))
                .when().post("/api/newsletter/browsing-events").then();
    }

    static long events(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> BrowsingEvent.count("subjectId", subject));
    }

    /** The subject's newsletter profile, scores to two decimals (visits a few milliseconds apart barely fade). */
    static Map<String, Double> profile(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> InterestScore.<InterestScore>list("subjectId = ?1 and purpose = ?2",
                subject, PURPOSE).stream().collect(java.util.stream.Collectors.toMap(s -> s.topicKey,
                        s -> Math.round(s.score * 100) / 100.0)));
    }

    static double dropped(String reason) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("newsletter_browsing_dropped_total{") && l.contains("reason=\"" + reason + "\"")
                        && l.contains("purpose=\"" + PURPOSE + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void storedWhileConsentHolds() {
        String device = TestTokens.newDevice();
        confirmedSubscriber(newEmail(), List.of("recipes", "care-tips"), device);
        ConsentStub.grant(device, PURPOSE);

        browse(device, "recipes").statusCode(202).body("stored", equalTo(true)).body("reason", nullValue());
        browse(device, "recipes", "care-tips", "not-a-newsletter-topic").statusCode(202).body("stored", equalTo(true));

        assertEquals(2, events(device));
        assertEquals(Map.of("recipes", 2.0, "care-tips", 1.0), profile(device));
        // Only topics are kept: no page address, no user agent, no IP.
        List<BrowsingEvent> stored = QuarkusTransaction.requiringNew().call(() -> BrowsingEvent.list("subjectId", device));
        assertEquals(List.of("recipes", "care-tips"), stored.get(1).topicList());
        // The decision is cached: one check for two events.
        assertEquals(1, ConsentStub.checksFor(device, PURPOSE));
    }

    @Test
    void droppedAndCountedWithoutConsent() {
        String device = TestTokens.newDevice();
        confirmedSubscriber(newEmail(), List.of("recipes"), device);
        ConsentStub.refuse(device, PURPOSE);
        double before = dropped("no-consent");

        browse(device, "recipes").statusCode(202).body("stored", equalTo(false)).body("reason", equalTo("no-consent"));

        assertEquals(0, events(device));
        assertTrue(profile(device).isEmpty());
        assertEquals(before + 1, dropped("no-consent"));
    }

    @Test
    void aDeviceWithoutAnyDecisionIsNotAllowed() {
        String device = TestTokens.newDevice();
        confirmedSubscriber(newEmail(), List.of("recipes"), device);
        browse(device, "recipes").statusCode(202).body("stored", equalTo(false)).body("reason", equalTo("no-consent"));
        assertEquals(0, events(device));
    }

    @Test
    void droppedWhenConsentCannotBeVerified() {
        String device = TestTokens.newDevice();
        confirmedSubscriber(newEmail(), List.of("recipes"), device);
        ConsentStub.fail(device, PURPOSE);
        double before = dropped("consent-unavailable");

        browse(device, "recipes").statusCode(202).body("stored", equalTo(false))
                .body("reason", equalTo("consent-unavailable"));

        assertEquals(0, events(device));
        assertEquals(before + 1, dropped("consent-unavailable"));
    }

    @Test
    void droppedForDevicesThatDoNotSubscribe() {
        String device = TestTokens.newDevice();
        ConsentStub.grant(device, PURPOSE);
        double before = dropped("not-subscribed");

        browse(device, "recipes").statusCode(202).body("stored", equalTo(false)).body("reason", equalTo("not-subscribed"));

        assertEquals(0, events(device));
        assertEquals(before + 1, dropped("not-subscribed"));
        assertEquals(0, ConsentStub.checksFor(device, PURPOSE), "not even asked: there is no purpose without a subscription");
    }

    @Test
    void droppedWhenNoTopicIsANewsletterTopic() {
        String device = TestTokens.newDevice();
        confirmedSubscriber(newEmail(), List.of("recipes"), device);
        ConsentStub.grant(device, PURPOSE);
        browse(device, "cookies-policy").statusCode(202).body("stored", equalTo(false)).body("reason", equalTo("unknown-topic"));
        assertEquals(0, events(device));
    }

    @Test
    void withdrawalDeletesTheProfileAndStopsCollection() {
        String device = TestTokens.newDevice();
        confirmedSubscriber(newEmail(), List.of("recipes"), device);
        ConsentStub.grant(device, PURPOSE);
        browse(device, "recipes").statusCode(202).body("stored", equalTo(true));
        browse(device, "recipes").statusCode(202).body("stored", equalTo(true));
        assertEquals(Map.of("recipes", 2.0), profile(device));

        // consent-service records the withdrawal and announces it.
        ConsentStub.refuse(device, PURPOSE);
        Events.send(new ConsentChanged(device, PURPOSE, false, 1, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> profile(device).isEmpty() && events(device) == 0);
        // The cached "granted" is gone too: the next event is asked about again and dropped.
        browse(device, "recipes").statusCode(202).body("stored", equalTo(false)).body("reason", equalTo("no-consent"));
        assertEquals(0, events(device));
    }

    @Test
    void aWithdrawalOfAnotherPurposeOrAGrantDeletesNothing() {
        String device = TestTokens.newDevice();
        confirmedSubscriber(newEmail(), List.of("recipes"), device);
        ConsentStub.grant(device, PURPOSE);
        browse(device, "recipes").statusCode(202).body("stored", equalTo(true));

        String other = Events.send(new ConsentChanged(device, "analytics-cookies", false, 1, Instant.now()));
        String granted = Events.send(new ConsentChanged(device, PURPOSE, true, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Events.applied(other) && Events.applied(granted));

        assertEquals(1, events(device));
        assertEquals(Map.of("recipes", 1.0), profile(device));
    }

    @Test
    void withASignedInUserTheAccountIsTheSubject() {
        String account = UUID.randomUUID().toString();
        String email = newEmail();
        String token = userWithEmail(account, email);
        // Subscribing while signed in with the same (verified) address links the subscription to the account.
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("email", email, "topics", List.of("offers")))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202);
        confirm(confirmationToken(email)).statusCode(200);
        ConsentStub.grant(account, PURPOSE);

        given().auth().oauth2(token).contentType("application/json").body(Map.of("topics", List.of("offers")))
                .when().post("/api/newsletter/browsing-events")
                .then().statusCode(202).body("stored", equalTo(true));
        assertEquals(1, events(account));

        given().auth().oauth2(token).when().get("/api/newsletter/me").then().statusCode(200)
                .body("interests[0].subject", equalTo(account))
                .body("interests[0].topic", equalTo("offers"))
                .body("interests[0].score", equalTo(1.0f));
    }

    @Test
    void anonymousEventsNeedADeviceAndAnInvalidTokenIsNotAnonymous() {
        given().contentType("application/json").body(Map.of("topics", List.of("recipes")))
                .when().post("/api/newsletter/browsing-events").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("deviceId"));
        given().auth().oauth2("not.a.token").contentType("application/json")
                .body(Map.of("deviceId", TestTokens.newDevice(), "topics", List.of("recipes")))
                .when().post("/api/newsletter/browsing-events").then().statusCode(401);
    }
}
