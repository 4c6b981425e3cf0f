package org.privacysuite.newsletter;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacysuite.testsupport.PortableShape.names;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.AccessRequested;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.ParticipantDeclared.DeclaredRecordType;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.newsletter.events.NewsletterParticipant;
import org.privacysuite.testsupport.ConsentStub;
import org.privacysuite.testsupport.PortableShape;
import org.privacysuite.testsupport.TestTokens;
import org.privacysuite.testsupport.TopicReader;

/** Portability (GDPR Art. 20): the subscription and the observed browsing, as flat rows; nothing inferred. */
@QuarkusTest
class PortabilityTest extends NewsletterTestBase {

    @Inject
    NewsletterParticipant participant;

    @Test
    void everyRecordTypeDeclaresWhereItsDataComesFrom() {
        participant.recordTypes().forEach(type -> assertNotNull(type.origin(), type.recordType()));
        assertEquals(List.of("subscriber", "browsing-event"), portableTypes());
    }

    @Test
    void aPortablePackageHasTheSubscriptionAndTheBrowsingAsFlatRows() {
        String device = TestTokens.newDevice();
        String email = newEmail();
        String topic = newTopic("portable");
        confirmedSubscriber(email, List.of(topic, "care-tips"), device);
        ConsentStub.grant(device, PURPOSE);
        BrowsingEventsTest.browse(device, topic).statusCode(202).body("stored", equalTo(true));
        BrowsingEventsTest.browse(device, topic, "care-tips").statusCode(202).body("stored", equalTo(true));
        IssueSendingTest.send(IssueSendingTest.createIssue("Not portable " + UUID.randomUUID(), List.of(topic)), null)
                .statusCode(200);

        String subject = UUID.randomUUID().toString();
        JsonNode data = access(subject, new Identities(List.of(email), List.of(device)));

        PortableShape.assertPortable(data, portableTypes());
        JsonNode subscriber = data.get("subscriber");
        assertEquals(1, subscriber.size());
        assertEquals(List.of("email", "topics", "status", "subscribedAt", "confirmedAt", "unsubscribedAt"),
                names(subscriber.get(0)));
        assertEquals(email, subscriber.get(0).get("email").asText());
        assertEquals(String.join(",", new java.util.TreeSet<>(List.of(topic, "care-tips"))),
                subscriber.get(0).get("topics").asText());
        assertEquals("CONFIRMED", subscriber.get(0).get("status").asText());
        Instant.parse(subscriber.get(0).get("confirmedAt").asText());
        assertTrue(subscriber.get(0).get("unsubscribedAt").isNull());

        JsonNode browsing = data.get("browsing-event");
        assertEquals(2, browsing.size());
        assertEquals(List.of("subject", "subjectType", "topics", "occurredAt"), names(browsing.get(0)));
        assertEquals(device, browsing.get(1).get("subject").asText());
        assertEquals("DEVICE", browsing.get(1).get("subjectType").asText());
        assertEquals(2, browsing.get(1).get("topics").asText().split(",").length);
        assertFalse(data.toString().contains("Not portable"), "the send log is the business's record");
        assertFalse(data.has("interest-profile"), "inferred, not provided");
    }

    @Test
    void someoneUnknownGetsEmptyTypes() {
        JsonNode data = access(UUID.randomUUID().toString(), new Identities(List.of(newEmail()), List.of()));
        PortableShape.assertPortable(data, portableTypes());
        data.forEach(rows -> assertEquals(0, rows.size()));
    }

    private JsonNode access(String subject, Identities identities) {
        UUID requestId = UUID.randomUUID();
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            Events.send(new AccessRequested(requestId, subject, identities, List.of(), true));
            List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                    r -> PrivacyRequestsTest.ours(r, subject, "privacy.access.completed.v1"), 1);
            assertEquals(1, answers.size());
            JsonNode answer = Events.json(answers.get(0).value());
            assertEquals(requestId.toString(), answer.get("requestId").asText());
            return answer.get("data");
        }
    }

    private List<String> portableTypes() {
        return participant.recordTypes().stream().filter(DeclaredRecordType::portable)
                .map(DeclaredRecordType::recordType).toList();
    }
}
