package org.privacysuite.newsletter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.Arc;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.ErasureMode;
import org.privacysuite.events.catalogue.ErasureRequested;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

@QuarkusTest
class PrivacyRequestsTest extends NewsletterTestBase {

    /** The suppression key of the test profile; the test computes the HMAC itself. */
    private static final String SUPPRESSION_KEY = "test-only-newsletter-suppression-key-not-a-secret";

    static JsonNode eraseAndAwait(String subject, List<String> emails, List<String> devices) {
        return eraseAndAwait(UUID.randomUUID().toString(), subject, emails, devices);
    }

    static JsonNode eraseAndAwait(String eventId, String subject, List<String> emails, List<String> devices) {
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            UUID requestId = UUID.randomUUID();
            Events.send(eventId, new ErasureRequested(requestId, subject, new Identities(emails, devices), ErasureMode.FULL));
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                    r -> ours(r, subject, "privacy.erasure.completed.v1"), 1);
            assertEquals(1, answers.size(), "an erasure answer");
            JsonNode answer = Events.json(answers.get(0).value());
            assertEquals(requestId.toString(), answer.get("requestId").asText());
            return answer;
        }
    }

    /**
     * This service's answer about the subject. The test broker is shared with other modules' test runs, whose
     * services answer the same requests; only newsletter-service's answers count here.
     */
    static boolean ours(ConsumerRecord<String, byte[]> record, String subject, String type) {
        return subject.equals(record.key()) && type.equals(TopicReader.header(record, "ce_type"))
                && "/privacy-suite/newsletter-service".equals(TopicReader.header(record, "ce_source"));
    }

    static Map<String, JsonNode> byRecordType(JsonNode answer) {
        Map<String, JsonNode> byType = new HashMap<>();
        answer.get("records").forEach(r -> byType.put(r.get("recordType").asText(), r));
        return byType;
    }

    static String hmac(String canonicalEmail) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SUPPRESSION_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(canonicalEmail.getBytes(StandardCharsets.UTF_8)));
    }

    static long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = Arc.container().instance(EntityManager.class).get().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    /** Rows anywhere in the service's own tables that still mention one of these values. */
    @SuppressWarnings("unchecked")
    static List<String> mentions(List<String> values) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            List<Object[]> columns = em.createNativeQuery("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = DATABASE() AND data_type IN ('varchar', 'char', 'text', 'mediumtext', 'longtext')"
                    + " AND table_name NOT IN ('DATABASECHANGELOG', 'DATABASECHANGELOGLOCK', 'event_outbox', 'event_inbox',"
                    + " 'event_outbox_lease')").getResultList();
            List<String> found = new ArrayList<>();
            for (Object[] column : columns) {
                for (String value : values) {
                    long n = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + column[0] + " WHERE LOWER("
                            + column[1] + ") LIKE ?1").setParameter(1, "%" + value.toLowerCase() + "%").getSingleResult())
                            .longValue();
                    if (n > 0) {
                        found.add(column[0] + "." + column[1] + " mentions " + value);
                    }
                }
            }
            return found;
        });
    }

    @Test
    void erasureLeavesOnlyTheSuppressionHash() throws Exception {
        String account = UUID.randomUUID().toString();
        String device = TestTokens.newDevice();
        String local = "Erase.Me-" + UUID.randomUUID().toString().substring(0, 8);
        String email = local + "@example.com";
        String token = userWithEmail(account, email.toLowerCase());
        String topic = newTopic("erasure");

        // Subscribed while signed in (linked to the account), from a device, with personalisation consent.
        String firstAnswer = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("email", email, "topics", List.of(topic, "recipes"), "deviceId", device))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202).extract().asString();
        confirm(confirmationToken(email)).statusCode(200);
        String subscriberId = given().auth().oauth2(token).when().get("/api/newsletter/me").then().statusCode(200)
                .extract().path("subscription.id");
        ConsentStub.grant(device, PURPOSE);
        ConsentStub.grant(account, PURPOSE);
        BrowsingEventsTest.browse(device, topic).statusCode(202).body("stored", equalTo(true));
        BrowsingEventsTest.browse(device, "recipes").statusCode(202).body("stored", equalTo(true));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("topics", List.of("recipes")))
                .when().post("/api/newsletter/browsing-events").then().statusCode(202).body("stored", equalTo(true));
        IssueSendingTest.send(IssueSendingTest.createIssue("Before erasure " + UUID.randomUUID(), List.of(topic)), null)
                .statusCode(200);
        assertFalse(mentions(List.of(email, subscriberId, device, account)).isEmpty(), "the scan finds live data");

        String eventId = UUID.randomUUID().toString();
        JsonNode answer = eraseAndAwait(eventId, account, List.of(email.toUpperCase()), List.of(device));
        assertEquals("newsletter-service", answer.get("service").asText());
        assertEquals("ERASED", answer.get("outcome").asText());
        Map<String, JsonNode> records = byRecordType(answer);
        assertEquals(1, records.get("subscriber").get("count").asLong());
        assertEquals("DELETE", records.get("subscriber").get("action").asText());
        assertEquals(1, records.get("token").get("count").asLong());
        assertEquals("DELETE", records.get("token").get("action").asText());
        assertEquals(1, records.get("send-log").get("count").asLong());
        assertEquals(3, records.get("interest-profile").get("count").asLong()); // device: 2 topics, account: 1
        assertEquals("DELETE", records.get("interest-profile").get("action").asText());
        assertEquals(3, records.get("browsing-event").get("count").asLong());
        assertEquals("DELETE", records.get("browsing-event").get("action").asText());
        assertEquals(1, records.get("suppression-entry").get("count").asLong());
        assertEquals("RETAIN", records.get("suppression-entry").get("action").asText());
        JsonNode retained = answer.get("retained").get(0);
        assertEquals("suppression-entry", retained.get("recordType").asText());
        assertEquals("Art. 17(3)(b) GDPR / CASL: honour the objection to direct marketing", retained.get("legalBasis").asText());
        assertTrue(retained.get("until").isNull());

        // Nothing of the person is left in any table of the service, only the keyed hash of the address.
        assertEquals(List.of(), mentions(List.of(email, subscriberId, device, account)));
        assertEquals(1, count("SELECT COUNT(*) FROM suppression_entry WHERE email_hash = ?1", hmac(email.toLowerCase())));
        given().auth().oauth2(token).when().get("/api/newsletter/me").then().statusCode(404);

        // A redelivered request is not applied or answered twice.
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            Events.send(eventId, new ErasureRequested(UUID.randomUUID(), account, Identities.none(), ErasureMode.FULL));
            assertEquals(0, results.readFor(Duration.ofSeconds(3), r -> ours(r, account, "privacy.erasure.completed.v1")).size());
        }

        // Asked again, nothing is left to erase; the retained hash is still declared.
        JsonNode again = eraseAndAwait(account, List.of(email), List.of(device));
        assertEquals("NOTHING_FOUND", again.get("outcome").asText());
        assertEquals(1, byRecordType(again).get("suppression-entry").get("count").asLong());
        assertEquals("suppression-entry", again.get("retained").get(0).get("recordType").asText());

        // Subscribing the erased address again: the same answer as for anyone, and a fresh double opt-in that says why.
        String secondAnswer = given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("email", email, "topics", List.of(topic, "recipes"), "deviceId", device))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202).extract().asString();
        assertEquals(firstAnswer, secondAnswer);
        List<Mail> confirmations = mailsTo(email, "Please confirm your newsletter subscription");
        assertEquals(2, confirmations.size());
        assertTrue(confirmations.get(1).getText().contains("removed from our lists at an earlier request to erase"));
        assertFalse(confirmations.get(0).getText().contains("removed from our lists"));
        // Nothing is sent to it before that confirmation.
        String pendingIssue = "While pending " + UUID.randomUUID();
        IssueSendingTest.send(IssueSendingTest.createIssue(pendingIssue, List.of(topic)), null).statusCode(200);
        assertEquals(0, mailsTo(email, pendingIssue).size());

        confirm(confirmationToken(email)).statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("suppressionLifted", equalTo(true));
        assertEquals(0, count("SELECT COUNT(*) FROM suppression_entry WHERE email_hash = ?1", hmac(email.toLowerCase())));
        given().auth().oauth2(token).when().get("/api/newsletter/me").then().statusCode(200)
                .body("subscription.resubscribedAfterSuppression", equalTo(true));
    }

    @Test
    void erasureOfSomeoneUnknownFindsNothing() {
        JsonNode answer = eraseAndAwait(UUID.randomUUID().toString(), List.of(newEmail()), List.of(TestTokens.newDevice()));
        assertEquals("NOTHING_FOUND", answer.get("outcome").asText());
        byRecordType(answer).values().forEach(r -> assertEquals(0, r.get("count").asLong()));
        assertEquals(0, answer.get("retained").size());
    }

    @Test
    void aSubscriptionOnASharedDeviceIsNotErasedWithAnotherPerson() {
        String device = TestTokens.newDevice();
        String someoneElse = confirmedSubscriber(newEmail(), List.of("recipes"), device);
        JsonNode answer = eraseAndAwait(UUID.randomUUID().toString(), List.of(newEmail()), List.of(device));
        assertEquals(0, byRecordType(answer).get("subscriber").get("count").asLong());
        assertEquals("CONFIRMED", UnsubscribeTest.myStatus(someoneElse));
    }

    @Test
    void accessExportHasSubscriptionTopicsProfileAndEvents() throws Exception {
        String account = UUID.randomUUID().toString();
        String device = TestTokens.newDevice();
        String email = newEmail();
        String topic = newTopic("export");
        confirmedSubscriber(email, List.of(topic, "care-tips"), device);
        ConsentStub.grant(device, PURPOSE);
        BrowsingEventsTest.browse(device, topic).statusCode(202).body("stored", equalTo(true));
        BrowsingEventsTest.browse(device, topic, "care-tips").statusCode(202).body("stored", equalTo(true));
        String issueSubject = "Exported " + UUID.randomUUID();
        IssueSendingTest.send(IssueSendingTest.createIssue(issueSubject, List.of(topic)), null).statusCode(200);

        UUID requestId = UUID.randomUUID();
        JsonNode data;
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            Events.send(new AccessRequested(requestId, account, new Identities(List.of(email), List.of(device))));
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                    r -> ours(r, account, "privacy.access.completed.v1"), 1);
            assertEquals(1, answers.size());
            JsonNode answer = Events.json(answers.get(0).value());
            assertEquals(requestId.toString(), answer.get("requestId").asText());
            assertEquals("newsletter-service", answer.get("service").asText());
            data = answer.get("data");
        }
        JsonNode subscription = data.get("subscriptions").get(0);
        assertEquals(1, data.get("subscriptions").size());
        assertEquals(email, subscription.get("email").asText());
        assertEquals("CONFIRMED", subscription.get("status").asText());
        assertEquals(List.of("care-tips", topic).stream().sorted().toList(),
                List.of(subscription.get("topics").get(0).asText(), subscription.get("topics").get(1).asText()));
        assertEquals(device, subscription.get("deviceId").asText());
        assertFalse(subscription.get("confirmedAt").isNull());

        JsonNode profile = data.get("interestProfiles").get(device);
        assertEquals(2, profile.size());
        assertEquals(topic, profile.get(0).get("topic").asText());
        assertEquals(2.0, profile.get(0).get("score").asDouble(), 0.01);
        assertEquals(PURPOSE, profile.get(0).get("purpose").asText());
        assertEquals("care-tips", profile.get(1).get("topic").asText());

        assertEquals(2, data.get("browsingEvents").size());
        assertEquals(device, data.get("browsingEvents").get(1).get("subject").asText());
        assertEquals("DEVICE", data.get("browsingEvents").get(1).get("subjectType").asText());
        assertEquals(2, data.get("browsingEvents").get(1).get("topics").size());

        assertEquals(1, data.get("deliveries").size());
        assertEquals(issueSubject, data.get("deliveries").get(0).get("issueSubject").asText());
        assertEquals("SENT", data.get("deliveries").get(0).get("status").asText());

        assertEquals(email, data.get("suppressionList").get(0).get("email").asText());
        assertFalse(data.get("suppressionList").get(0).get("suppressed").asBoolean());
        assertFalse(data.toString().contains("tokenHash"), "confirmation token hashes are not exported");
    }
}
