package org.privacysuite.newsletter;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacysuite.newsletter.PrivacyRequestsTest.count;
import static org.privacysuite.newsletter.PrivacyRequestsTest.hmac;
import static org.privacysuite.newsletter.PrivacyRequestsTest.ours;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.mailer.Mail;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.ObjectionRequested;
import org.privacysuite.events.catalogue.ObjectionScope;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

/**
 * An objection to direct marketing (GDPR Art. 21(2)-(3)) ends every subscription of the person and keeps the address
 * only as its suppression hash; it erases nothing else. An objection to sale or sharing finds nothing to stop here.
 */
@QuarkusTest
class ObjectionTest extends NewsletterTestBase {

    private static final String ANSWER = "privacy.objection.completed.v1";

    static JsonNode objectAndAwait(String eventId, UUID requestId, String subject, Identities identities,
            ObjectionScope scope) {
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            Events.send(eventId, new ObjectionRequested(requestId, subject, identities, scope, List.of()));
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                    r -> ours(r, subject, ANSWER), 1);
            assertEquals(1, answers.size(), "an objection answer");
            JsonNode answer = Events.json(answers.get(0).value());
            assertEquals(requestId.toString(), answer.get("requestId").asText());
            assertEquals("newsletter-service", answer.get("service").asText());
            return answer;
        }
    }

    static JsonNode objectAndAwait(String subject, Identities identities, ObjectionScope scope) {
        return objectAndAwait(UUID.randomUUID().toString(), UUID.randomUUID(), subject, identities, scope);
    }

    @Test
    void aConfirmedSubscriptionEndsAndOnlyItsSuppressionHashStays() throws Exception {
        String account = UUID.randomUUID().toString();
        String device = TestTokens.newDevice();
        String email = "Objects-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String token = userWithEmail(account, email.toLowerCase());
        String topic = newTopic("objection");
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("email", email, "topics", List.of(topic), "deviceId", device))
                .when().post("/api/newsletter/subscriptions").then().statusCode(202);
        confirm(confirmationToken(email)).statusCode(200);
        String subscriberId = given().auth().oauth2(token).when().get("/api/newsletter/me").then().statusCode(200)
                .extract().path("subscription.id");
        ConsentStub.grant(device, PURPOSE);
        ConsentStub.grant(account, PURPOSE);
        BrowsingEventsTest.browse(device, topic).statusCode(202).body("stored", equalTo(true));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("topics", List.of(topic)))
                .when().post("/api/newsletter/browsing-events").then().statusCode(202).body("stored", equalTo(true));
        IssueSendingTest.send(IssueSendingTest.createIssue("Before the objection " + UUID.randomUUID(),
                List.of(topic)), null).statusCode(200);
        assertEquals(1, count("SELECT COUNT(*) FROM send_log WHERE subscriber_id = ?1", subscriberId));

        String eventId = UUID.randomUUID().toString();
        UUID requestId = UUID.randomUUID();
        Identities identities = new Identities(List.of(email.toUpperCase()), List.of(device));
        JsonNode answer = objectAndAwait(eventId, requestId, account, identities, ObjectionScope.DIRECT_MARKETING);

        assertEquals("STOPPED", answer.get("outcome").asText());
        assertEquals(1, answer.get("stopped").size());
        assertEquals("subscriber", answer.get("stopped").get(0).get("processing").asText());
        assertEquals("ENDED", answer.get("stopped").get(0).get("action").asText());
        assertEquals(1, answer.get("stopped").get(0).get("count").asLong());
        assertTrue(answer.get("reason").asText().contains("suppression list"), answer.toString());

        // The subscription is gone: its row, its links and its send log; the address stays only as the keyed hash.
        assertEquals(0, count("SELECT COUNT(*) FROM subscriber WHERE id = ?1", subscriberId));
        assertEquals(0, count("SELECT COUNT(*) FROM subscriber_topic WHERE subscriber_id = ?1", subscriberId));
        assertEquals(0, count("SELECT COUNT(*) FROM confirmation_token WHERE subscriber_id = ?1", subscriberId));
        assertEquals(0, count("SELECT COUNT(*) FROM send_log WHERE subscriber_id = ?1", subscriberId));
        assertEquals(1, count("SELECT COUNT(*) FROM suppression_entry WHERE email_hash = ?1 AND reason = 'OBJECTION'",
                hmac(email.toLowerCase())));
        assertEquals(List.of(), PrivacyRequestsTest.mentions(List.of(email, subscriberId)));
        given().auth().oauth2(token).when().get("/api/newsletter/me").then().statusCode(404);
        String after = "After the objection " + UUID.randomUUID();
        IssueSendingTest.send(IssueSendingTest.createIssue(after, List.of(topic)), null).statusCode(200);
        assertEquals(0, mailsTo(email, after).size(), "no more newsletter");

        // Nothing else is erased by the objection itself: the personalisation data waits for consent's withdrawal.
        assertEquals(Map.of(topic, 1.0), BrowsingEventsTest.profile(device));
        assertEquals(Map.of(topic, 1.0), BrowsingEventsTest.profile(account));
        assertEquals(1, BrowsingEventsTest.events(device));

        // Delivered again: not applied or answered twice. Asked again: the same answer, nothing more happens.
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            Events.send(eventId, new ObjectionRequested(requestId, account, identities,
                    ObjectionScope.DIRECT_MARKETING, List.of()));
            assertEquals(0, results.readFor(Duration.ofSeconds(3), r -> ours(r, account, ANSWER)).size());
        }
        JsonNode again = objectAndAwait(UUID.randomUUID().toString(), requestId, account, identities,
                ObjectionScope.DIRECT_MARKETING);
        assertEquals(answer, again);
        assertEquals(1, count("SELECT COUNT(*) FROM suppression_entry WHERE email_hash = ?1", hmac(email.toLowerCase())));
        assertEquals(Map.of(topic, 1.0), BrowsingEventsTest.profile(account));

        // consent-service records newsletter-personalisation as refused for the same objection: its withdrawal
        // (consent.changed.v1, the account as subject) deletes the account's interest profile and browsing events.
        ConsentStub.refuse(account, PURPOSE);
        Events.send(new ConsentChanged(account, PURPOSE, false, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> BrowsingEventsTest.profile(account).isEmpty()
                && BrowsingEventsTest.events(account) == 0);
    }

    @Test
    void anAddressThatObjectedComesBackOnlyThroughAFreshDoubleOptIn() {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        String unknown = newEmail();
        String answerForUnknown = subscribe(unknown, List.of("recipes"), null).statusCode(202).extract().asString();
        JsonNode answer = objectAndAwait("request:" + UUID.randomUUID(), new Identities(List.of(email), List.of()),
                ObjectionScope.DIRECT_MARKETING);
        assertEquals("STOPPED", answer.get("outcome").asText());

        // The same answer as for any address; the confirmation mail says why it is asked again.
        assertEquals(answerForUnknown.replace(unknown, email),
                subscribe(email, List.of("recipes"), null).statusCode(202).extract().asString());
        List<Mail> confirmations = mailsTo(email, "Please confirm your newsletter subscription");
        assertEquals(2, confirmations.size());
        assertTrue(confirmations.get(1).getText().contains("objected to direct marketing"));
        assertFalse(confirmations.get(0).getText().contains("objected"));
        String pending = "While pending after an objection " + UUID.randomUUID();
        IssueSendingTest.send(IssueSendingTest.createIssue(pending, List.of("recipes")), null).statusCode(200);
        assertEquals(0, mailsTo(email, pending).size(), "nothing before the confirmation");

        confirm(confirmationToken(email)).statusCode(200).body("suppressionLifted", equalTo(true));
    }

    @Test
    void anObjectionToSaleOrSharingLeavesTheSubscriptionAlone() throws Exception {
        String email = confirmedSubscriber(newEmail(), List.of("recipes"), null);
        JsonNode answer = objectAndAwait("request:" + UUID.randomUUID(), new Identities(List.of(email), List.of()),
                ObjectionScope.SALE_OR_SHARING);
        assertEquals("NOTHING_FOUND", answer.get("outcome").asText());
        assertEquals(0, answer.get("stopped").size());
        assertTrue(answer.get("reason").asText().contains("neither sells nor shares"), answer.toString());
        assertEquals("CONFIRMED", UnsubscribeTest.myStatus(email));
        assertEquals(0, count("SELECT COUNT(*) FROM suppression_entry WHERE email_hash = ?1", hmac(email)));
    }

    @Test
    void nothingFoundForAnUnknownAddressOrAnotherPersonsSharedDevice() {
        String device = TestTokens.newDevice();
        String someoneElse = confirmedSubscriber(newEmail(), List.of("recipes"), device);
        JsonNode answer = objectAndAwait(UUID.randomUUID().toString(),
                new Identities(List.of(newEmail()), List.of(device)), ObjectionScope.DIRECT_MARKETING);
        assertEquals("NOTHING_FOUND", answer.get("outcome").asText());
        assertEquals(0, answer.get("stopped").size());
        assertTrue(answer.get("reason").asText().contains("no newsletter subscription"), answer.toString());
        assertEquals("CONFIRMED", UnsubscribeTest.myStatus(someoneElse), "a device alone finds no subscription");
    }
}
