package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.service.DsarJobs;
import org.privacysuite.dsar.service.ParticipantReasks;
import org.privacysuite.events.catalogue.ErasureAction;
import org.privacysuite.events.catalogue.ErasureCompleted;
import org.privacysuite.events.catalogue.ErasureOutcome;
import org.privacysuite.events.catalogue.RecordTypeResult;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

/**
 * Every answer has a next step (issue 13): a re-ask never overwrites an answer, goes only to the participants that
 * have not answered, failures are retried then flagged, officers can ask one participant again, and a deferral
 * without a date is flagged. The test profile: answer timeout 1 s, max asks 2, one automatic retry of a failure.
 */
@QuarkusTest
class SagaAnswersTest extends DsarTestBase {

    @Inject
    ParticipantReasks reasks;

    @Inject
    DsarJobs jobs;

    @Inject
    ObjectMapper mapper;

    private static ErasureCompleted answer(String id, String subject, String service, ErasureOutcome outcome,
            String reason) {
        return new ErasureCompleted(UUID.fromString(id), subject, service, outcome,
                List.of(new RecordTypeResult("subscription", ErasureAction.DELETE, outcome == ErasureOutcome.ERASED ? 1 : 0)),
                null, reason, List.of());
    }

    private static void awaitOutcome(String token, String id, String service, String outcome) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).statusCode(200)
                .body("participants.find { it.service == '" + service + "' }.outcome", equalTo(outcome)));
    }

    /**
     * The participants a re-sent command is addressed to. The first ask (to every participant, so naming none) may
     * reach the topic after the reader opened, when the relay is slow: it is not a re-ask and is passed over.
     */
    private Set<String> addressees(TopicReader commands, String subject) throws Exception {
        List<ConsumerRecord<String, byte[]>> sent = commands.read(Duration.ofSeconds(20),
                r -> subject.equals(r.key()) && isReask(r), 1);
        assertEquals(1, sent.size(), "one command re-sent");
        Set<String> services = new TreeSet<>();
        JsonNode command = mapper.readTree(sent.get(0).value());
        command.get("participants").forEach(p -> services.add(p.asText()));
        return services;
    }

    @Test
    void anAnswerCommittedBetweenTheJobsReadAndItsWriteStands() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String id = submit(token, Map.of("type", "ERASURE")).statusCode(201).extract().path("id");
        Thread.sleep(1100); // every participant is now due for a re-ask
        Instant now = Instant.now();
        List<ParticipantReasks.Due> read = QuarkusTransaction.requiringNew().call(() -> reasks.due(now)).stream()
                .filter(d -> d.requestId().equals(id)).toList();
        assertEquals(3, read.size());

        // the answer commits after the job read the rows and before it writes them
        send(answer(id, subject, "newsletter-service", ErasureOutcome.ERASED, null), "/newsletter");
        awaitOutcome(token, id, "newsletter-service", "ERASED");

        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            QuarkusTransaction.requiringNew().call(() -> reasks.reask(read, now));
            assertEquals(Set.of("account-service", "consent-service"), addressees(commands, subject),
                    "the re-ask goes only to those that have not answered");
        }
        get(token, id).body("participants.find { it.service == 'newsletter-service' }.outcome", equalTo("ERASED"))
                .body("participants.find { it.service == 'newsletter-service' }.records[0].count", equalTo(1))
                .body("participants.find { it.service == 'newsletter-service' }.asks", equalTo(1))
                .body("participants.find { it.service == 'consent-service' }.asks", equalTo(2));
    }

    @Test
    void aFailureIsRetriedThenStallsUntilAnOfficerAsksThatParticipantAgain() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String officer = TestTokens.officer();
        String id = submit(token, Map.of("type", "ERASURE")).statusCode(201).extract().path("id");
        send(answer(id, subject, "consent-service", ErasureOutcome.ERASED, null), "/consent");
        send(answer(id, subject, "account-service", ErasureOutcome.NOTHING_FOUND, null), "/account");
        send(answer(id, subject, "newsletter-service", ErasureOutcome.FAILED, "database unavailable"), "/newsletter");
        awaitOutcome(token, id, "newsletter-service", "FAILED");
        get(token, id).body("status", equalTo("IN_PROGRESS")); // a retry is pending: not stalled yet

        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            Thread.sleep(1100);
            jobs.runOnce();
            assertEquals(Set.of("newsletter-service"), addressees(commands, subject), "only the failed one is retried");
        }
        send(answer(id, subject, "newsletter-service", ErasureOutcome.FAILED, "database unavailable"), "/newsletter");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).body("status", equalTo("STALLED"))
                .body("stalledReason", containsString("newsletter-service failed (database unavailable)")));

        // officers: a final participant and an unknown one cannot be re-asked; users cannot re-ask at all
        given().auth().oauth2(officer).when().post("/api/privacy-requests/" + id + "/participants/consent-service/reask")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(officer).when().post("/api/privacy-requests/" + id + "/participants/billing-service/reask")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).when().post("/api/privacy-requests/" + id + "/participants/newsletter-service/reask")
                .then().statusCode(403);
        try (TopicReader commands = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            given().auth().oauth2(officer).when()
                    .post("/api/privacy-requests/" + id + "/participants/newsletter-service/reask")
                    .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
            assertEquals(Set.of("newsletter-service"), addressees(commands, subject));
        }
        given().auth().oauth2(officer).when().get("/api/privacy-requests/" + id + "/audit").then().statusCode(200)
                .body("find { it.action == 'participant-reasked' && it.actor.startsWith('officer:') }.detail",
                        containsString("newsletter-service asked again by an officer (was: FAILED)"));

        send(answer(id, subject, "newsletter-service", ErasureOutcome.ERASED, null), "/newsletter");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).body("status", equalTo("FULFILLED")));
    }

    @Test
    void aDeferralWithoutADateIsFlaggedToOfficers() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String id = submit(token, Map.of("type", "ERASURE")).statusCode(201).extract().path("id");
        send(answer(id, subject, "consent-service", ErasureOutcome.ERASED, null), "/consent");
        send(answer(id, subject, "newsletter-service", ErasureOutcome.ERASED, null), "/newsletter");
        send(answer(id, subject, "account-service", ErasureOutcome.DEFERRED, "open order"), "/account");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).body("status", equalTo("STALLED"))
                .body("stalledReason", containsString("account-service deferred without a date")));
        given().auth().oauth2(TestTokens.officer()).queryParam("status", "STALLED").when().get("/api/privacy-requests")
                .then().statusCode(200).body("id", hasItem(id));

        send(answer(id, subject, "account-service", ErasureOutcome.ERASED, null), "/account");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).body("status", equalTo("FULFILLED")));
    }
}
