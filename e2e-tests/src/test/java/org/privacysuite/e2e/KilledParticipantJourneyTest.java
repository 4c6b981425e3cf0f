package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Journey 7 (issue 13, acceptance 2). newsletter-service is killed with SIGKILL while an erasure runs and comes back a
 * minute later: the request, STALLED naming it meanwhile, is FULFILLED with newsletter-service's real answer (the
 * person's subscription erased), and the participants that had answered were not asked again. (The suite runs with
 * a 5 s answer timeout and two asks.)
 */
class KilledParticipantJourneyTest extends Journey {

    private static final Duration DOWN_FOR = Duration.ofSeconds(60);

    private final Mails mails = new Mails(suite.mail());

    @Test
    void aParticipantKilledDuringAnErasureAnswersWhenItComesBack() {
        Person person = signUp(Map.of());
        subscribe(person.email());
        String id;
        long killedAt;
        suite.kill("newsletter-service");
        killedAt = System.nanoTime();
        try {
            id = as(person.token()).contentType("application/json")
                    .body(Map.of("type", "ERASURE", "jurisdiction", "GDPR"))
                    .when().post("/api/privacy-requests")
                    .then().statusCode(201).body("status", equalTo("UNVERIFIED")).extract().path("id");
            // Keycloak has not verified the sign-up address: the mailed code proves it (docs/identity.md). The
            // newsletter's confirmation was the first mail to it.
            String code = Mails.find(Mails.body(mails.awaitMail(person.email(), 2)), "code is (\\d{6})");
            gateway().contentType("application/json").body(Map.of("code", code))
                    .when().post("/api/privacy-requests/" + id + "/verify")
                    .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));

            String officer = officerToken();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    as(officer).when().get("/api/privacy-requests/" + id).then().statusCode(200)
                            .body("status", equalTo("STALLED"))
                            .body("stalledReason", containsString("newsletter-service")));
            long left = DOWN_FOR.toNanos() - (System.nanoTime() - killedAt);
            if (left > 0) {
                sleep(Duration.ofNanos(left));
            }
        } finally {
            suite.restart("newsletter-service");
        }
        String officer = officerToken();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                as(officer).when().get("/api/privacy-requests/" + id).then().statusCode(200)
                        .body("status", equalTo("FULFILLED")));
        JsonPath request = as(officer).when().get("/api/privacy-requests/" + id).then().extract().jsonPath();
        assertEquals("ERASED", request.getString("participants.find { it.service == 'newsletter-service' }.outcome"),
                "newsletter-service's own answer, not a timeout's");
        List<Map<String, Object>> records = request.getList(
                "participants.find { it.service == 'newsletter-service' }.records");
        assertTrue(records.stream().anyMatch(r -> "subscriber".equals(r.get("recordType"))
                && ((Number) r.get("count")).intValue() == 1), "the subscription was erased: " + records);
        for (String answered : List.of("consent-service", "account-service")) {
            assertEquals(1, request.getInt("participants.find { it.service == '" + answered + "' }.asks"),
                    answered + " answered at once and was not asked again");
        }
    }

    private void subscribe(String email) {
        gateway().contentType("application/json").body(Map.of("email", email, "topics", List.of("recipes")))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202);
        String token = Mails.find(Mails.body(mails.awaitMail(email, 1)), "confirm\\?token=([A-Za-z0-9_.~%-]+)");
        gateway().contentType("application/json").body(Map.of("token", token))
                .when().post("/api/newsletter/subscriptions/confirm")
                .then().statusCode(200).body("status", equalTo("CONFIRMED"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
