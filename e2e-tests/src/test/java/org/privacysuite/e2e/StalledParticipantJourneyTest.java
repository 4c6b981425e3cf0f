package org.privacysuite.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Journey 7. A participant that does not answer is asked again and then shown to officers by name, never silently
 * dropped; when it comes back the request completes. (The suite runs with a 5 s answer timeout and two asks.)
 */
class StalledParticipantJourneyTest extends Journey {

    private final Mails mails = new Mails(suite.mail());

    @Test
    void stoppedParticipantStallsTheRequestUntilItComesBack() {
        Person person = signUp(Map.of());
        suite.stop("newsletter-service");
        String id;
        try {
            id = as(person.token()).contentType("application/json")
                    .body(Map.of("type", "ERASURE", "jurisdiction", "GDPR"))
                    .when().post("/api/privacy-requests")
                    .then().statusCode(201).body("status", equalTo("UNVERIFIED")).extract().path("id");
            // Keycloak has not verified the sign-up address: the mailed code proves it (docs/identity.md)
            String code = Mails.find(Mails.body(mails.awaitMail(person.email(), 1)), "code is (\\d{6})");
            gateway().contentType("application/json").body(Map.of("code", code))
                    .when().post("/api/privacy-requests/" + id + "/verify")
                    .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));

            String officer = officerToken();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    as(officer).when().get("/api/privacy-requests/" + id).then().statusCode(200)
                            .body("status", equalTo("STALLED"))
                            .body("stalledReason", containsString("newsletter-service")));
        } finally {
            suite.restart("newsletter-service");
        }
        String officer = officerToken();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                as(officer).when().get("/api/privacy-requests/" + id).then().statusCode(200)
                        .body("status", equalTo("FULFILLED"))
                        .body("participants.find { it.service == 'newsletter-service' }.outcome", equalTo("NOTHING_FOUND")));
    }
}
