package org.privacysuite.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.Identities;
import org.privacysuite.events.catalogue.RectificationRequested;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.domain.SubscriptionStatus;
import org.privacysuite.testsupport.TopicReader;

/**
 * Rectification of the subscription address (issue 13, item 5): the subscription moves to the corrected address and
 * waits for that address's double opt-in, keeping its topics; a taken, erased or invalid address is refused. Checked
 * in the database and the mailbox.
 */
@QuarkusTest
class RectificationTest extends NewsletterTestBase {

    private static JsonNode rectifyAndAwait(String subject, String oldAddress, String newAddress) {
        try (TopicReader results = new TopicReader(Topics.PRIVACY_RESULTS)) {
            Events.send(new RectificationRequested(UUID.randomUUID(), subject, "newsletter-service",
                    Map.of("email", newAddress), new Identities(List.of(oldAddress), List.of())));
            return Events.json(results.read(Duration.ofSeconds(30),
                    r -> PrivacyRequestsTest.ours(r, subject, "privacy.rectification.completed.v1"), 1).get(0).value());
        }
    }

    private static Subscriber subscriberAt(String address) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.byEmailKey(address.toLowerCase()).orElse(null));
    }

    @Test
    void theSubscriptionMovesToTheNewAddressAndAwaitsItsConfirmation() {
        String topic = newTopic("recipes");
        String oldAddress = confirmedSubscriber(newEmail(), List.of(topic), null);
        String newAddress = newEmail();
        String subject = "request:" + UUID.randomUUID();

        JsonNode answer = rectifyAndAwait(subject, oldAddress, newAddress);
        assertEquals("RECTIFIED", answer.get("outcome").asText());
        assertEquals("email", answer.get("fields").get(0).get("field").asText());
        assertEquals("CHANGED", answer.get("fields").get(0).get("outcome").asText());
        assertTrue(answer.get("fields").get(0).get("reason").asText().contains("double opt-in"));

        assertEquals(null, subscriberAt(oldAddress), "nothing is kept under the old address");
        Subscriber moved = subscriberAt(newAddress);
        assertEquals(SubscriptionStatus.PENDING, moved.status, "consent was given by the old address's owner");
        assertEquals(Set.of(topic), moved.topics);

        confirm(confirmationToken(newAddress)).statusCode(200);
        Subscriber confirmed = subscriberAt(newAddress);
        assertEquals(SubscriptionStatus.CONFIRMED, confirmed.status);
        assertEquals(Set.of(topic), confirmed.topics, "the topics travel with the subscription");
        assertEquals(moved.id, confirmed.id);
    }

    @Test
    void anAddressWithItsOwnSubscriptionIsRefusedAndNothingMoves() {
        String oldAddress = confirmedSubscriber(newEmail(), List.of(newTopic("garden")), null);
        String taken = confirmedSubscriber(newEmail(), List.of(newTopic("travel")), null);
        JsonNode answer = rectifyAndAwait("request:" + UUID.randomUUID(), oldAddress, taken);
        assertEquals("REFUSED", answer.get("outcome").asText());
        assertEquals("REFUSED", answer.get("fields").get(0).get("outcome").asText());
        assertEquals(SubscriptionStatus.CONFIRMED, subscriberAt(oldAddress).status);
        assertEquals(SubscriptionStatus.CONFIRMED, subscriberAt(taken).status);
    }

    @Test
    void anErasedAddressIsRefusedUntilItsOwnerSubscribesAgain() {
        String erased = confirmedSubscriber(newEmail(), List.of(newTopic("news")), null);
        PrivacyRequestsTest.eraseAndAwait("request:" + UUID.randomUUID(), List.of(erased), List.of());
        String oldAddress = confirmedSubscriber(newEmail(), List.of(newTopic("deals")), null);
        JsonNode answer = rectifyAndAwait("request:" + UUID.randomUUID(), oldAddress, erased);
        assertEquals("REFUSED", answer.get("outcome").asText());
        assertTrue(answer.get("fields").get(0).get("reason").asText().contains("erased"));
        assertEquals(null, subscriberAt(erased));
    }

    @Test
    void invalidAddressesAndUnknownPeopleAreAnsweredNotDropped() {
        String oldAddress = confirmedSubscriber(newEmail(), List.of(newTopic("tech")), null);
        JsonNode invalid = rectifyAndAwait("request:" + UUID.randomUUID(), oldAddress, "not-an-address");
        assertEquals("REFUSED", invalid.get("outcome").asText());
        assertEquals(SubscriptionStatus.CONFIRMED, subscriberAt(oldAddress).status);

        JsonNode nobody = rectifyAndAwait("request:" + UUID.randomUUID(), newEmail(), newEmail());
        assertEquals("NOTHING_FOUND", nobody.get("outcome").asText());
    }
}
