package org.privacysuite.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.AccessCompleted;
import org.privacysuite.events.catalogue.ConsentChanged;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.InboxConsumer;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.events.outbox.EventTooLargeException;
import org.privacysuite.events.outbox.Outbox;
import org.privacysuite.events.outbox.OutboxRelay;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.TestDatabase;
import org.privacysuite.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "events"))
class OutboxTest {

    /**
     * How long a new consumer group may need to reach this test's records: it starts at the beginning of a topic
     * that a shared broker may have filled with other runs' records.
     */
    private static final Duration CATCH_UP = Duration.ofSeconds(120);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    InboxConsumers consumers;

    @Inject
    Effects effects;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper mapper;

    @Test
    void rolledBackTransactionPublishesNothing() {
        String rolledBack = "rollback-" + UUID.randomUUID();
        String committed = "committed-" + UUID.randomUUID();
        try (TopicReader reader = new TopicReader(Topics.CONSENT_EVENTS)) {
            assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                outbox.publish(change(rolledBack, 1));
                throw new IllegalStateException("the business change failed after the event was written");
            }));
            assertEquals(0, effects.queryLong("SELECT COUNT(*) FROM event_outbox WHERE message_key = ?", rolledBack));

            // A committed event published after it proves the reader would have seen the rolled-back one.
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(change(committed, 1)));
            drainOutbox();
            // Waits the full time for a second record (the rolled-back one) that must never come.
            List<ConsumerRecord<String, byte[]>> seen = reader.read(Duration.ofSeconds(8),
                    r -> rolledBack.equals(r.key()) || committed.equals(r.key()), 2);
            assertEquals(List.of(committed), seen.stream().map(ConsumerRecord::key).toList());
        }
    }

    @Test
    void committedEventIsPublishedOnceAsBinaryCloudEvent() throws Exception {
        String subject = "subject-" + UUID.randomUUID();
        try (TopicReader reader = new TopicReader(Topics.CONSENT_EVENTS)) {
            UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish(change(subject, 3)));
            drainOutbox();
            assertEquals(0, relay.relayOnce(), "nothing left to publish");

            // Read well past the first arrival so that a second copy would be caught.
            List<ConsumerRecord<String, byte[]>> records = reader.readFor(Duration.ofSeconds(4),
                    r -> subject.equals(r.key()));
            assertEquals(1, records.size());
            ConsumerRecord<String, byte[]> record = records.get(0);
            assertEquals(id.toString(), TopicReader.header(record, "ce_id"));
            assertEquals("1.0", TopicReader.header(record, "ce_specversion"));
            assertEquals("consent.changed.v1", TopicReader.header(record, "ce_type"));
            assertEquals("/privacy-suite/events-test", TopicReader.header(record, "ce_source"));
            assertEquals("application/json", TopicReader.header(record, "content-type"));
            assertEquals(subject, TopicReader.header(record, "ce_partitionkey"));
            assertNotNull(Instant.parse(TopicReader.header(record, "ce_time")));
            JsonNode data = mapper.readTree(record.value());
            assertEquals(subject, data.get("subjectId").asText());
            assertEquals("analytics", data.get("purpose").asText());
            assertEquals(3, data.get("noticeVersion").asInt());
            assertTrue(data.get("granted").asBoolean());
            assertEquals(1, effects.queryLong(
                    "SELECT COUNT(*) FROM event_outbox WHERE event_id = ? AND published_at IS NOT NULL", id.toString()));
        }
    }

    @Test
    void relayCrashBetweenSendAndMarkRepublishesAndInboxAppliesOnce() {
        String consumerName = "crash-test-" + UUID.randomUUID();
        String subject = "crash-" + UUID.randomUUID();
        InboxConsumer consumer = consumers.start(consumerName, List.of(Topics.CONSENT_EVENTS),
                event -> {
                    if (event.key().equals(subject)) {
                        effects.record(consumerName, event);
                    }
                });
        try (TopicReader reader = new TopicReader(Topics.CONSENT_EVENTS)) {
            drainOutbox();
            UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish(change(subject, 1)));

            assertThrows(RuntimeException.class, () -> relay.relayOnce(rows -> {
                throw new IllegalStateException("relay process killed after the broker acknowledged");
            }));
            assertEquals(1, effects.queryLong(
                    "SELECT COUNT(*) FROM event_outbox WHERE event_id = ? AND published_at IS NULL", id.toString()),
                    "the crashed batch is still pending");
            drainOutbox();

            List<ConsumerRecord<String, byte[]>> copies = reader.read(Duration.ofSeconds(20),
                    r -> subject.equals(r.key()), 2);
            assertEquals(2, copies.size(), "the event reached Kafka twice");
            copies.forEach(r -> assertEquals(id.toString(), TopicReader.header(r, "ce_id")));

            await().atMost(CATCH_UP).until(() -> registry.counter("privacy.events.consumer.processed",
                    "consumer", consumerName, "outcome", "duplicate").count() >= 1
                    && effects.count(consumerName, id.toString()) >= 1);
            assertEquals(1, effects.count(consumerName, id.toString()), "the effect was applied once");
        } finally {
            consumers.stop(consumer);
        }
    }

    @Test
    void accessResultsLeaveTheOutboxOnceTheBrokerHasThem() throws Exception {
        String subject = "access-" + UUID.randomUUID();
        try (TopicReader reader = new TopicReader(Topics.PRIVACY_RESULTS)) {
            UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish(new AccessCompleted(UUID.randomUUID(),
                    subject, "events-test", mapper.readTree("{\"email\":\"someone@example.com\"}"))));
            assertEquals(1, effects.queryLong("SELECT COUNT(*) FROM event_outbox WHERE event_id = ?", id.toString()),
                    "kept until published");
            drainOutbox();
            List<ConsumerRecord<String, byte[]>> records = reader.read(Duration.ofSeconds(20),
                    r -> subject.equals(r.key()), 1);
            assertEquals(1, records.size(), "published");
            assertEquals("someone@example.com", mapper.readTree(records.get(0).value()).path("data").path("email").asText());
            assertEquals(0, effects.queryLong("SELECT COUNT(*) FROM event_outbox WHERE event_id = ?", id.toString()),
                    "no copy of the person's data stays in the outbox");
        }
    }

    /**
     * An access answer past Kafka's default 1 MiB (a subject with about 500 consent decisions) is relayed whole; with
     * the defaults the broker refused it and the relay retried that row for ever, holding back every later event.
     */
    @Test
    void anAccessAnswerOverKafkasDefaultMegabyteIsRelayed() throws Exception {
        String subject = "large-" + UUID.randomUUID();
        ObjectNode data = mapper.createObjectNode();
        var decisions = data.putArray("decisions");
        for (int i = 0; i < 16_000; i++) { // about 2.2 MiB of JSON
            decisions.addObject().put("recordId", UUID.randomUUID().toString()).put("purpose", "analytics-cookies")
                    .put("granted", i % 2 == 0).put("decidedAt", Instant.now().toString()).put("n", i);
        }
        try (TopicReader reader = new TopicReader(Topics.PRIVACY_RESULTS)) {
            QuarkusTransaction.requiringNew().call(() -> outbox.publish(new AccessCompleted(UUID.randomUUID(), subject,
                    "events-test", data)));
            drainOutbox();
            List<ConsumerRecord<String, byte[]>> records = reader.read(Duration.ofSeconds(30),
                    r -> subject.equals(r.key()), 1);
            assertEquals(1, records.size(), "published");
            assertTrue(records.get(0).value().length > 1024 * 1024, "over Kafka's default limit");
            JsonNode received = mapper.readTree(records.get(0).value()).path("data").path("decisions");
            assertEquals(16_000, received.size());
            assertEquals(15_999, received.get(15_999).path("n").asInt());
        }
    }

    /** An event the topics could never take is refused when written, and nothing of it reaches the outbox. */
    @Test
    void anEventTheTopicsCannotTakeIsRefusedWhenWritten() {
        String subject = "too-large-" + UUID.randomUUID();
        ObjectNode data = mapper.createObjectNode();
        data.put("blob", "x".repeat(Topics.MAX_EVENT_DATA_BYTES));
        long before = effects.queryLong("SELECT COUNT(*) FROM event_outbox");
        RuntimeException refused = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                outbox.publish(new AccessCompleted(UUID.randomUUID(), subject, "events-test", data))));
        Throwable cause = refused;
        while (cause != null && !(cause instanceof EventTooLargeException)) {
            cause = cause.getCause();
        }
        assertNotNull(cause, "refused as too large: " + refused);
        assertEquals(before, effects.queryLong("SELECT COUNT(*) FROM event_outbox"));
    }

    /** Only the lease holder publishes; an expired lease is taken over. No row lock is involved either way. */
    @Test
    void anotherReplicasUnexpiredLeaseKeepsThisRelayIdleUntilItExpires() {
        drainOutbox();
        String subject = "lease-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(change(subject, 1)));
        effects.update("UPDATE event_outbox_lease SET owner = 'other-replica',"
                + " lease_until = TIMESTAMPADD(SECOND, 60, NOW(6)) WHERE name = 'relay'");
        try {
            assertEquals(0, relay.relayOnce(), "another replica holds the lease");
            // A business write goes through while the other replica holds the lease (nothing is locked).
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(change(subject, 2)));
        } finally {
            effects.update("UPDATE event_outbox_lease SET lease_until = TIMESTAMPADD(SECOND, -1, NOW(6))"
                    + " WHERE name = 'relay'");
        }
        assertEquals(2, relay.relayOnce(), "the expired lease is taken over");
    }

    private void drainOutbox() {
        while (relay.relayOnce() > 0) {
            // keep publishing until the outbox is empty
        }
    }

    static ConsentChanged change(String subject, int position) {
        return new ConsentChanged(subject, "analytics", true, position, Instant.parse("2026-11-25T10:00:00Z"));
    }
}
