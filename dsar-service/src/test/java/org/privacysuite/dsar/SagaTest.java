package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.domain.PrivacyRequest;
import org.privacysuite.dsar.service.DsarJobs;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.AccountClosed;
import org.privacysuite.events.catalogue.ErasureAction;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ErasureOutcome;
import org.privacysuite.events.catalogue.RecordTypeResult;
import org.privacysuite.events.catalogue.RetainedItem;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

/** The sagas over the real broker, with the three participants simulated by events sent to privacy.results. */
@QuarkusTest
class SagaTest extends DsarTestBase {

    @Inject
    DsarJobs jobs;

    @Inject
    ObjectMapper mapper;

    private static ErasureCompleted answer(String requestId, String subject, String service, ErasureOutcome outcome,
            Instant deferredUntil, String reason) {
        return new ErasureCompleted(UUID.fromString(requestId), subject, service, outcome,
                List.of(new RecordTypeResult("profile", ErasureAction.DELETE, outcome == ErasureOutcome.ERASED ? 1 : 0)),
                deferredUntil, reason,
                List.of(new RetainedItem("invoice", "Art. 17(3)(b) GDPR: tax law", Instant.parse("2033-12-31T00:00:00Z"))));
    }

    private static void awaitStatus(String token, String id, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).statusCode(200).body("status", equalTo(status)));
    }

    @Test
    void erasureFansOutAndIsFulfilledOnlyWhenEveryParticipantAnswered() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String id;
        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            id = submit(token, Map.of("type", "ERASURE", "jurisdiction", "GDPR"))
                    .statusCode(201)
                    .body("status", equalTo("IN_PROGRESS"))
                    .body("participants.service", hasItem("account-service"))
                    .body("participants", hasSize(3))
                    .extract().path("id");
            List<ConsumerRecord<String, byte[]>> sent = commands.read(Duration.ofSeconds(20), r -> subject.equals(r.key()), 1);
            assertEquals("privacy.erasure.requested.v1", TopicReader.header(sent.get(0), "ce_type"));
            assertEquals(id, mapper.readTree(sent.get(0).value()).get("requestId").asText());
        }

        Instant until = Instant.now().plus(14, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        send(answer(id, subject, "consent-service", ErasureOutcome.ERASED, null, null), "/consent");
        send(answer(id, subject, "newsletter-service", ErasureOutcome.NOTHING_FOUND, null, null), "/newsletter");
        String deferredEvent = UUID.randomUUID().toString();
        send(deferredEvent, answer(id, subject, "account-service", ErasureOutcome.DEFERRED, until, "return window open"),
                "/account");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).statusCode(200)
                .body("participants.find { it.service == 'account-service' }.outcome", equalTo("DEFERRED")));
        get(token, id).body("status", equalTo("IN_PROGRESS"))
                .body("participants.find { it.service == 'account-service' }.deferredUntil", equalTo(until.toString()))
                .body("participants.find { it.service == 'account-service' }.reason", equalTo("return window open"))
                .body("participants.find { it.service == 'consent-service' }.records[0].recordType", equalTo("profile"))
                .body("participants.find { it.service == 'consent-service' }.retained[0].legalBasis",
                        containsString("tax law"));

        // The same answer delivered again changes nothing.
        int auditLines = given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + id + "/audit")
                .then().statusCode(200).extract().path("size()");
        send(deferredEvent, answer(id, subject, "account-service", ErasureOutcome.DEFERRED, until, "return window open"),
                "/account");
        send(answer(id, subject, "consent-service", ErasureOutcome.NOTHING_FOUND, null, null), "/consent"); // late repeat
        Thread.sleep(1500);
        given().auth().oauth2(TestTokens.officer()).when().get("/api/privacy-requests/" + id + "/audit")
                .then().body("size()", equalTo(auditLines));
        get(token, id).body("participants.find { it.service == 'consent-service' }.outcome", equalTo("ERASED"));

        send(answer(id, subject, "account-service", ErasureOutcome.ERASED, null, null), "/account");
        awaitStatus(token, id, "FULFILLED");
        get(token, id).body("fulfilledAt", notNullValue());
    }

    @Test
    void silentParticipantIsAskedAgainThenStalledAndTheRequestCompletesWhenItAnswers() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String id = submit(token, Map.of("type", "ERASURE")).statusCode(201).extract().path("id");
        send(answer(id, subject, "consent-service", ErasureOutcome.ERASED, null, null), "/consent");
        send(answer(id, subject, "newsletter-service", ErasureOutcome.ERASED, null, null), "/newsletter");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id)
                .body("participants.find { it.service == 'newsletter-service' }.outcome", equalTo("ERASED")));

        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            Thread.sleep(1100); // past the 1 s answer timeout of the test profile
            jobs.runOnce();
            get(token, id).body("status", equalTo("IN_PROGRESS"))
                    .body("participants.find { it.service == 'account-service' }.asks", equalTo(2));
            assertEquals(1, commands.read(Duration.ofSeconds(20), r -> subject.equals(r.key()) && isReask(r), 1)
                    .size(), "the command was sent again");
        }
        Thread.sleep(2100); // backoff doubled
        jobs.runOnce();
        get(token, id).body("status", equalTo("STALLED"))
                .body("stalledReason", containsString("account-service"));
        given().auth().oauth2(TestTokens.officer()).queryParam("status", "STALLED").queryParam("limit", 200)
                .when().get("/api/privacy-requests").then().statusCode(200).body("id", hasItem(id));

        send(answer(id, subject, "account-service", ErasureOutcome.ERASED, null, null), "/account");
        awaitStatus(token, id, "FULFILLED");
        get(token, id).body("stalledReason", nullValue());
    }

    @Test
    void accountClosureOpensAnErasureRequest() throws Exception {
        String subject = UUID.randomUUID().toString();
        send(new AccountClosed(subject, List.of(), Instant.now()), "/account");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.user(subject))
                .when().get("/api/privacy-requests").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].type", equalTo("ERASURE"))
                .body("[0].source", equalTo("ACCOUNT_CLOSURE"))
                .body("[0].status", equalTo("IN_PROGRESS")));
    }

    @Test
    void accessAnswersAreAssembledIntoThePackageForTheOwnerOnly() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String id = submit(token, Map.of("type", "ACCESS")).statusCode(201).body("status", equalTo("IN_PROGRESS"))
                .extract().path("id");
        given().auth().oauth2(token).when().get("/api/privacy-requests/" + id + "/export")
                .then().statusCode(409).contentType("application/problem+json");
        for (String service : List.of("consent-service", "account-service", "newsletter-service")) {
            send(new AccessCompleted(UUID.fromString(id), subject, service,
                    mapper.readTree("{\"heldBy\":\"" + service + "\",\"items\":[1,2]}")), "/" + service);
        }
        awaitStatus(token, id, "FULFILLED");
        given().auth().oauth2(token).when().get("/api/privacy-requests/" + id + "/export")
                .then().statusCode(200)
                .header("Content-Disposition", containsString("attachment"))
                .body("requestId", equalTo(id))
                .body("subject", equalTo(subject))
                .body("generatedAt", notNullValue())
                .body("sections.consent.heldBy", equalTo("consent-service"))
                .body("sections.account.heldBy", equalTo("account-service"))
                .body("sections.newsletter.items", hasSize(2));
        given().auth().oauth2(TestTokens.user(UUID.randomUUID().toString()))
                .when().get("/api/privacy-requests/" + id + "/export").then().statusCode(404);
        given().auth().oauth2(TestTokens.officer())
                .when().get("/api/privacy-requests/" + id + "/export").then().statusCode(404);
        // The copies are now held for the export: the retention job must find this request.
        assertTrue(QuarkusTransaction.requiringNew().call(() ->
                PrivacyRequest.<PrivacyRequest>findById(id).exportDataHeld), "marked for the retention job");
    }
}
