package org.privacysuite.dsar;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.dsar.domain.DeclaredParticipant;
import org.privacysuite.dsar.service.DsarJobs;
import org.privacysuite.events.catalogue.ParticipantDeclared;
import org.privacysuite.events.catalogue.RectificationCompleted;
import org.privacysuite.events.catalogue.RectificationCompleted.FieldResult;
import org.privacysuite.events.catalogue.RectificationOutcome;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

/**
 * Rectification done (issue 13, item 5): each declared owner of a corrected field is asked for its own fields, answers
 * per field, and the request is FULFILLED only when every owner answered; refusals reach the officer and the
 * requester; a field nobody holds is refused before anything is asked.
 */
@QuarkusTest
class RectificationTest extends DsarTestBase {

    @Inject
    ObjectMapper mapper;


    @Inject
    DsarJobs jobs;

    private static RectificationCompleted answer(String id, String subject, String service,
            RectificationOutcome outcome, List<FieldResult> fields) {
        return new RectificationCompleted(UUID.fromString(id), subject, service, outcome, fields,
                outcome == RectificationOutcome.FAILED ? "identity provider unavailable" : null);
    }

    /**
     * The first rectification command sent to each service for this subject: the changes each was asked for. (A
     * service that does not answer is asked again after the test profile's 1 s answer timeout; those re-asks are
     * the same command.)
     */
    private Map<String, JsonNode> commands(TopicReader reader, String subject, int services) throws Exception {
        List<ConsumerRecord<String, byte[]>> sent = reader.read(Duration.ofSeconds(20), r -> subject.equals(r.key()),
                services);
        Map<String, JsonNode> byService = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : sent) {
            JsonNode command = mapper.readTree(record.value());
            byService.putIfAbsent(command.get("service").asText(), command);
        }
        assertEquals(services, byService.size(), "services asked: " + byService.keySet());
        return byService;
    }

    @Test
    void everyOwnerCorrectsItsOwnFieldsAndTheRequestEndsWhenAllAnswered() throws Exception {
        String subject = UUID.randomUUID().toString();
        String oldAddress = "old-" + subject + "@example.com";
        String token = TestTokens.userWithEmail(subject, oldAddress, true);
        String id = submit(token, Map.of("type", "RECTIFICATION", "message", "I moved and changed address",
                "changes", Map.of("email", "new-" + subject + "@example.com", "city", "Montreal")))
                .statusCode(201).body("status", equalTo("PENDING_APPROVAL")).extract().path("id");
        get(TestTokens.officer(), id).body("changes.city", equalTo("Montreal")); // what the officer approves

        try (TopicReader reader = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            act(id, "approve", null).statusCode(200).body("status", equalTo("IN_PROGRESS"))
                    .body("participants.service", equalTo(List.of("account-service", "newsletter-service")));
            Map<String, JsonNode> sent = commands(reader, subject, 2);
            assertEquals(Map.of("email", "new-" + subject + "@example.com", "city", "Montreal"),
                    mapper.convertValue(sent.get("account-service").get("changes"), Map.class));
            assertEquals(Map.of("email", "new-" + subject + "@example.com"),
                    mapper.convertValue(sent.get("newsletter-service").get("changes"), Map.class),
                    "the newsletter is asked for the field it holds only");
            assertEquals(oldAddress, sent.get("newsletter-service").get("identities").get("emails").get(0).asText(),
                    "the proven address travels, so the subscription under it is found");
        }

        send(answer(id, subject, "account-service", RectificationOutcome.RECTIFIED,
                List.of(FieldResult.changed("email"), FieldResult.changed("city"))), "/account");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id)
                .body("participants.find { it.service == 'account-service' }.outcome", equalTo("RECTIFIED")));
        get(token, id).body("status", equalTo("IN_PROGRESS")); // the newsletter has not answered

        send(answer(id, subject, "newsletter-service", RectificationOutcome.REFUSED, List.of(FieldResult.refused(
                "email", "the new address already has a subscription of its own"))), "/newsletter");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(TestTokens.officer(), id)
                .body("status", equalTo("FULFILLED"))
                .body("participants.find { it.service == 'newsletter-service' }.fields[0].outcome", equalTo("REFUSED"))
                .body("participants.find { it.service == 'newsletter-service' }.fields[0].reason",
                        containsString("already has a subscription"))
                .body("participants.find { it.service == 'account-service' }.fields.field",
                        equalTo(List.of("email", "city"))));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(oldAddress).stream()
                .anyMatch(m -> m.getSubject().equals("Your correction request")));
        Mail told = mailsTo(oldAddress).stream().filter(m -> m.getSubject().equals("Your correction request"))
                .findFirst().orElseThrow();
        assertTrue(told.getText().contains("city (account-service): corrected"), told.getText());
        assertTrue(told.getText().contains("email (newsletter-service): not corrected: the new address already has"),
                told.getText());
    }

    @Test
    void aFailedOwnerIsAskedAgainForItsFieldsOnly() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.user(subject);
        String id = submit(token, Map.of("type", "RECTIFICATION", "changes", Map.of("username", "new-name")))
                .statusCode(201).extract().path("id");
        try (TopicReader reader = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            act(id, "approve", null).statusCode(200)
                    .body("participants.service", equalTo(List.of("account-service")));
            commands(reader, subject, 1); // the first ask, published by the relay
            send(answer(id, subject, "account-service", RectificationOutcome.FAILED, List.of()), "/account");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id)
                    .body("participants[0].outcome", equalTo("FAILED")));
            Thread.sleep(1100); // past the retry's backoff (answer timeout 1 s in tests)
            jobs.runOnce();
            Map<String, JsonNode> again = commands(reader, subject, 1);
            assertEquals(Map.of("username", "new-name"),
                    mapper.convertValue(again.get("account-service").get("changes"), Map.class));
        }
        get(token, id).body("participants[0].asks", equalTo(2));
        send(answer(id, subject, "account-service", RectificationOutcome.RECTIFIED,
                List.of(FieldResult.changed("username"))), "/account");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(token, id).body("status", equalTo("FULFILLED")));
    }

    @Test
    void aFieldNoServiceHoldsIsRefusedBeforeAnythingIsAsked() throws Exception {
        String subject = UUID.randomUUID().toString();
        submit(TestTokens.user(subject), Map.of("type", "RECTIFICATION", "changes", Map.of("shoeSize", "44")))
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("changes")).body("errors[0].message", containsString("shoeSize"));

        // Held when the request came in, gone (retired) when the officer approves: the approval is refused.
        String service = "loyalty-" + UUID.randomUUID().toString().substring(0, 8);
        send(ParticipantDeclared.declaration(service, List.of(), List.of(), List.of("loyaltyTier"), Instant.now()),
                "/" + service);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(DeclaredParticipant::activeServices).contains(service));
        String id = submit(TestTokens.user(subject), Map.of("type", "RECTIFICATION",
                "changes", Map.of("loyaltyTier", "gold", "city", "Laval"))).statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.officer()).when().post("/api/privacy/participants/" + service + "/retire")
                .then().statusCode(200);
        try (TopicReader reader = new TopicReader(Topics.PRIVACY_REQUESTS)) {
            act(id, "approve", null).statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("loyaltyTier"));
            assertEquals(0, reader.readFor(Duration.ofSeconds(2), r -> subject.equals(r.key())).size(),
                    "a refused approval asks nobody");
        }
        get(TestTokens.officer(), id).body("status", equalTo("PENDING_APPROVAL")).body("participants.size()", equalTo(0));
    }
}
