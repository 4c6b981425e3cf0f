package org.privacysuite.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.privacysuite.consent.service.Decision;
import org.privacysuite.consent.service.DecisionCache;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.testsupport.TestTokens;

@QuarkusTest
class ConsentCheckTest extends ConsentTestBase {

    private final String service = TestTokens.service();

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    @Inject
    DecisionCache cache;

    ValidatableResponse check(String subject, String purpose) {
        return given().auth().oauth2(service).queryParam("subject", subject).queryParam("purpose", purpose)
                .when().get("/api/consent/check").then();
    }

    @Test
    void withdrawalIsSeenByTheVeryNextCheck() {
        String device = TestTokens.newDevice();
        DeviceConsentTest.put(device, Map.of("choices", Map.of("newsletter-personalisation", true), "method", "custom"))
                .statusCode(200);
        // Asked twice so the second answer comes from the cache.
        check(device, "newsletter-personalisation").statusCode(200).body("allowed", equalTo(true));
        check(device, "newsletter-personalisation").statusCode(200)
                .body("allowed", equalTo(true))
                .body("purpose", equalTo("newsletter-personalisation"))
                .body("subject", equalTo(device))
                .body("noticeVersion", equalTo(1))
                .body("decidedAt", notNullValue());

        DeviceConsentTest.put(device, Map.of("choices", Map.of("newsletter-personalisation", false), "method", "custom"))
                .statusCode(200);
        check(device, "newsletter-personalisation").statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("refused"));
    }

    /**
     * Another replica records a withdrawal: this replica's cached decision for the subject must not be served once
     * the change's event arrives. (A subject of its own, so no change made here touches its cache stripe.)
     */
    @Test
    void aChangeOnAnotherReplicaDropsThisReplicasCachedDecisionThroughItsEvent() {
        String subject = "other-replica-" + UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        Supplier<Decision> load = () -> {
            loads.incrementAndGet();
            return new Decision(true, 1, Instant.now(), null);
        };
        cache.get(subject, "newsletter-personalisation", load);
        cache.get(subject, "newsletter-personalisation", load);
        assertEquals(1, loads.get(), "the second answer came from the cache");

        Instant now = Instant.now();
        ConsentChanged change = new ConsentChanged(subject, "newsletter-personalisation", false, 1, now);
        // Sent again on each try: a listener that joined its group after a send starts past it.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            clients.producer().send(codec.encode(Topics.CONSENT_EVENTS, UUID.randomUUID().toString(),
                    "consent.changed.v1", URI.create("/privacy-suite/consent-service-replica-2"), subject, now,
                    codec.toJson(change))).get(10, TimeUnit.SECONDS);
            cache.get(subject, "newsletter-personalisation", load);
            assertEquals(2, loads.get(), "read again after the other replica's change");
        });
    }

    @Test
    void unknownSubjectIsNotAllowedForConsentButIsForStrictlyNecessary() {
        String nobody = UUID.randomUUID().toString();
        check(nobody, "analytics-cookies").statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("no-decision"))
                .body("decidedAt", nullValue());
        check(nobody, "strictly-necessary").statusCode(200)
                .body("allowed", equalTo(true)).body("reason", equalTo("not-consent-based"));
    }

    @Test
    void aSignedInDeviceFollowsTheLaterDecision() {
        String account = UUID.randomUUID().toString();
        String device = TestTokens.newDevice();
        DeviceConsentTest.put(device, Map.of("choices", Map.of("analytics-cookies", true), "method", "custom"))
                .statusCode(200);
        given().auth().oauth2(TestTokens.user(account)).when().post("/api/consent/me/devices/" + device)
                .then().statusCode(200);
        check(device, "analytics-cookies").body("allowed", equalTo(true));
        // Withdrawn on the account: the device's check follows at once.
        AccountConsentTest.putMe(TestTokens.user(account),
                Map.of("choices", Map.of("analytics-cookies", false), "method", "custom")).statusCode(200);
        check(device, "analytics-cookies").body("allowed", equalTo(false));
        check(account, "analytics-cookies").body("allowed", equalTo(false));
    }

    @Test
    void onlyTheServiceRoleMayAsk() {
        given().queryParam("subject", "x").queryParam("purpose", "analytics-cookies")
                .when().get("/api/consent/check").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString()))
                .queryParam("subject", "x").queryParam("purpose", "analytics-cookies")
                .when().get("/api/consent/check").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void badQuestionsAreProblems() {
        check(UUID.randomUUID().toString(), "no-such-purpose").statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(service).queryParam("purpose", "analytics-cookies")
                .when().get("/api/consent/check").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("subject"));
        check("x".repeat(101), "analytics-cookies").statusCode(400);
    }

    @Test
    void gpcJsonIsPublished() {
        given().when().get("/.well-known/gpc.json").then().statusCode(200)
                .contentType("application/json")
                .body("gpc", equalTo(true))
                .body("lastUpdate", equalTo("2026-11-25"));
    }

    @Test
    void manySubjectsAndPurposesAreCheckedInOneCall() {
        String granted = TestTokens.newDevice();
        String refused = TestTokens.newDevice();
        String unknown = TestTokens.newDevice();
        DeviceConsentTest.put(granted, Map.of("choices", Map.of("analytics-cookies", true), "method", "custom")).statusCode(200);
        DeviceConsentTest.put(refused, Map.of("choices", Map.of("analytics-cookies", false), "method", "custom")).statusCode(200);

        List<Map<String, Object>> decisions = given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("subjects", List.of(granted, refused, unknown),
                        "purposes", List.of("analytics-cookies", "strictly-necessary")))
                .when().post("/api/consent/check").then().statusCode(200).extract().jsonPath().getList("decisions");
        assertEquals(List.of(granted, granted, refused, refused, unknown, unknown),
                decisions.stream().map(d -> d.get("subject")).toList());
        assertEquals(List.of("analytics-cookies", "strictly-necessary", "analytics-cookies", "strictly-necessary",
                "analytics-cookies", "strictly-necessary"), decisions.stream().map(d -> d.get("purpose")).toList());
        assertEquals(List.of(true, true, false, true, false, true), decisions.stream().map(d -> d.get("allowed")).toList());
        assertEquals(List.of("granted", "not-consent-based", "refused", "not-consent-based", "no-decision",
                "not-consent-based"), decisions.stream().map(d -> d.get("reason")).toList());
        // each decision as the single check answers it
        check(granted, "analytics-cookies").body("noticeVersion", equalTo(decisions.get(0).get("noticeVersion")));
    }

    @Test
    void aBatchWithAnUnknownPurposeOrTooManySubjectsIsRefusedWhole() {
        given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("subjects", List.of(TestTokens.newDevice()), "purposes", List.of("analytics-cookies", "no-such-purpose")))
                .when().post("/api/consent/check").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("purposes[1]"));
        List<String> many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> TestTokens.newDevice()).toList();
        given().auth().oauth2(service).contentType("application/json")
                .body(Map.of("subjects", many, "purposes", List.of("analytics-cookies")))
                .when().post("/api/consent/check").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(service).contentType("application/json").body(Map.of("subjects", List.of(), "purposes", List.of("analytics-cookies")))
                .when().post("/api/consent/check").then().statusCode(400);
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString())).contentType("application/json")
                .body(Map.of("subjects", List.of(TestTokens.newDevice()), "purposes", List.of("analytics-cookies")))
                .when().post("/api/consent/check").then().statusCode(403);
    }
}
