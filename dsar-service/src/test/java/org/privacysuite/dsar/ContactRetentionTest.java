package org.privacysuite.dsar;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.service.DsarJobs;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ErasureOutcome;
import org.privacysuite.testsupport.MovableClock;
import org.privacysuite.testsupport.TestTokens;

/**
 * docs/retention.md: every request's contact data has a retention period, enforced by the job. The figures below are
 * the production defaults (two years after an ended request, 30 days for a never-verified one), worked out by hand.
 */
@QuarkusTest
class ContactRetentionTest extends DsarTestBase {

    @Inject
    DsarJobs jobs;

    private static void officerSees(String id, String field, org.hamcrest.Matcher<?> matcher) {
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.officer()).get("/api/privacy-requests/" + id)
                .then().statusCode(200).body(field, matcher);
    }

    @Test
    void anEndedRequestKeepsItsContactDataTwoYearsThenOnlyTheRecordThatItWasAnswered() throws Exception {
        String subject = UUID.randomUUID().toString();
        String email = "retained-" + UUID.randomUUID() + "@example.com";
        String id = submit(TestTokens.userWithEmail(subject, email, true), Map.of("type", "ERASURE"))
                .statusCode(201).extract().path("id");
        for (String service : PARTICIPANTS) {
            send(new ErasureCompleted(UUID.fromString(id), subject, service, ErasureOutcome.NOTHING_FOUND, List.of(),
                    null, null, List.of()), "/" + service);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> officerSees(id, "status", equalTo("FULFILLED")));

        MovableClock.advance(Duration.ofDays(729)); // P730D not yet over
        jobs.runOnce();
        officerSees(id, "email", equalTo(email));

        MovableClock.advance(Duration.ofDays(2));
        jobs.runOnce();
        officerSees(id, "email", nullValue());
        officerSees(id, "subjectId", nullValue());
        officerSees(id, "status", equalTo("FULFILLED"));
        officerSees(id, "fulfilledAt", notNullValue());
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.officer())
                .get("/api/privacy-requests/" + id + "/audit").then().body("action", hasItem("anonymised"));
    }

    @Test
    void aRequestWhoseAddressWasNeverProvenIsClosedAndForgottenAfterThirtyDays() {
        String email = "never-" + UUID.randomUUID() + "@example.com";
        String id = submit(null, Map.of("type", "ACCESS", "email", email)).statusCode(201).extract().path("id");
        MovableClock.advance(Duration.ofDays(29));
        jobs.runOnce();
        officerSees(id, "status", equalTo("UNVERIFIED"));
        MovableClock.advance(Duration.ofDays(2));
        jobs.runOnce();
        officerSees(id, "status", equalTo("CLOSED"));
        officerSees(id, "email", nullValue());
    }
}
