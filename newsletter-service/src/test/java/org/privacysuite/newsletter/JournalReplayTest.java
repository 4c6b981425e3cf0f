package org.privacysuite.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.participant.JournalReplay;
import org.privacysuite.newsletter.domain.Subscriber;
import org.privacysuite.newsletter.domain.SubscriptionStatus;
import org.privacysuite.testsupport.TopicReader;

/**
 * A restore never brings back a subscription erased through its address alone (issue 20): the erasure journal line
 * carries a keyed hash of the address (never the address), and the replay after a restore finds the subscription
 * again by that hash and erases it once more.
 */
@QuarkusTest
class JournalReplayTest extends NewsletterTestBase {

    /** The journal key of the test profile; the test computes the HMAC itself. */
    private static final String JOURNAL_KEY = "test-only-erasure-journal-key-not-a-secret";

    @Inject
    @Readiness // it is also a readiness check, and carries the qualifier
    JournalReplay replay;

    private static String journalHash(String canonicalEmail) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(JOURNAL_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(canonicalEmail.getBytes(StandardCharsets.UTF_8)));
    }

    private static long subscribersAt(String address) {
        return PrivacyRequestsTest.count("SELECT COUNT(*) FROM subscriber WHERE email_key = ?", address);
    }

    @Test
    void aSubscriptionKnownOnlyByItsAddressStaysErasedAfterARestore() throws Exception {
        String address = confirmedSubscriber(newEmail(), List.of(newTopic("restore")), null);
        String subject = "request:" + UUID.randomUUID();
        try (TopicReader journal = new TopicReader(Topics.ERASURE_JOURNAL)) {
            PrivacyRequestsTest.eraseAndAwait(subject, List.of(address), List.of());
            JsonNode line = Events.json(journal.read(Duration.ofSeconds(30), r -> subject.equals(r.key())
                    && "/privacy-suite/newsletter-service".equals(TopicReader.header(r, "ce_source")), 1)
                    .get(0).value());
            assertEquals(journalHash(address), line.get("emailHashes").get(0).asText());
            assertFalse(line.toString().contains(address), "the journal names no address");
        }
        assertEquals(0, subscribersAt(address));

        // A restore of a backup taken before the erasure: the subscription is back, its suppression entry is not.
        String suppressionHash = PrivacyRequestsTest.hmac(address);
        QuarkusTransaction.requiringNew().run(() -> {
            Subscriber restored = new Subscriber();
            restored.id = UUID.randomUUID().toString();
            restored.email = address;
            restored.emailKey = address;
            restored.status = SubscriptionStatus.CONFIRMED;
            restored.subscribedAt = Instant.now().minus(Duration.ofDays(3));
            restored.confirmedAt = restored.subscribedAt;
            restored.persist();
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            em.createNativeQuery("DELETE FROM suppression_entry WHERE email_hash = ?1")
                    .setParameter(1, suppressionHash).executeUpdate();
            em.createNativeQuery("INSERT INTO erasure_journal_replay (replay_from, requested_at)"
                    + " VALUES (UTC_TIMESTAMP(6) - INTERVAL 1 HOUR, UTC_TIMESTAMP(6))").executeUpdate();
        });
        assertEquals(1, subscribersAt(address));

        replay.replayPending();
        assertEquals(0, subscribersAt(address), "the replay erased the restored subscription again");
        assertEquals(1, PrivacyRequestsTest.count("SELECT COUNT(*) FROM suppression_entry WHERE email_hash = ?",
                suppressionHash), "and the address is suppressed again");
        assertTrue(PrivacyRequestsTest.count("SELECT COUNT(*) FROM erasure_journal_replay WHERE done_at IS NULL") == 0);
    }
}
