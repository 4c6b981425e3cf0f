package org.privacysuite.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.DeadLetters;
import org.privacysuite.events.inbox.DlqReplay;
import org.privacysuite.events.inbox.InboxConsumer;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.TestDatabase;
import org.privacysuite.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "events"))
class DeadLetterTest {

    /**
     * How long a new consumer group may need to reach this test's records: it starts at the beginning of a topic
     * that a shared broker may have filled with other runs' records.
     */
    private static final Duration CATCH_UP = Duration.ofSeconds(120);

    @Inject
    InboxConsumers consumers;

    @Inject
    TestEvents events;

    @Inject
    Effects effects;

    @Test
    void poisonRecordsGoToTheDlqAfterRetriesWithoutBlockingLaterRecords() throws Exception {
        String subject = "poison-" + UUID.randomUUID();
        String consumerName = "dlq-test-" + UUID.randomUUID();
        String failingId = UUID.randomUUID().toString();
        String laterId = UUID.randomUUID().toString();
        InboxConsumer consumer = consumers.start(consumerName, List.of(Topics.CONSENT_EVENTS), event -> {
            if (!event.key().equals(subject)) {
                return;
            }
            if (event.id().equals(failingId)) {
                throw new IllegalStateException("handler cannot apply " + failingId);
            }
            effects.record(consumerName, event);
        });
        try (TopicReader dlq = new TopicReader(Topics.deadLetterTopicOf(Topics.CONSENT_EVENTS))) {
            // Same key, so all three share a partition and the later one queues behind the poison.
            send(new ProducerRecord<>(Topics.CONSENT_EVENTS, subject, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
            send(event(failingId, subject, 1));
            send(event(laterId, subject, 2));

            await().atMost(CATCH_UP).until(() -> effects.count(consumerName, laterId) == 1);
            assertEquals(0, effects.count(consumerName, failingId));

            // Only this consumer's dead letters: other test runs' consumers may share the broker and the topic.
            List<ConsumerRecord<String, byte[]>> dead = dlq.read(CATCH_UP,
                    r -> subject.equals(r.key()) && consumerName.equals(TopicReader.header(r, DeadLetters.CONSUMER)), 2);
            assertEquals(2, dead.size());
            Map<String, ConsumerRecord<String, byte[]>> byException = dead.stream().collect(Collectors.toMap(
                    r -> TopicReader.header(r, DeadLetters.EXCEPTION), Function.identity()));

            ConsumerRecord<String, byte[]> malformed = byException.get("org.privacysuite.events.kafka.MalformedEventException");
            assertEquals("1", TopicReader.header(malformed, DeadLetters.ATTEMPTS), "not retried: it can never succeed");
            assertEquals("not a cloud event", new String(malformed.value(), StandardCharsets.UTF_8));

            ConsumerRecord<String, byte[]> failing = byException.get("java.lang.IllegalStateException");
            assertEquals("3", TopicReader.header(failing, DeadLetters.ATTEMPTS), "max-attempts in the test config");
            assertEquals(failingId, TopicReader.header(failing, "ce_id"));
            assertTrue(TopicReader.header(failing, DeadLetters.REASON).contains("handler cannot apply"));
            assertEquals(Topics.CONSENT_EVENTS, TopicReader.header(failing, DeadLetters.ORIGINAL_TOPIC));
            assertEquals(consumerName, TopicReader.header(failing, DeadLetters.CONSUMER));
        } finally {
            consumers.stop(consumer);
        }
    }

    /** The cause is fixed: replaying the DLQ gets the refused event applied, once, even if replayed twice. */
    @Test
    void replayedDeadLettersAreAppliedOnceTheCauseIsFixed() throws Exception {
        String subject = "replay-" + UUID.randomUUID();
        String consumerName = "replay-test-" + UUID.randomUUID();
        String refusedId = UUID.randomUUID().toString();
        AtomicBoolean fixed = new AtomicBoolean();
        InboxConsumer consumer = consumers.start(consumerName, List.of(Topics.CONSENT_EVENTS), event -> {
            if (!event.key().equals(subject)) {
                return;
            }
            if (!fixed.get()) {
                throw new IllegalArgumentException("refused until the fix is deployed");
            }
            effects.record(consumerName, event);
        });
        try (TopicReader dlq = new TopicReader(Topics.deadLetterTopicOf(Topics.CONSENT_EVENTS))) {
            send(event(refusedId, subject, 7));
            assertEquals(1, dlq.read(CATCH_UP, r -> subject.equals(r.key()), 1).size(), "dead-lettered");
            fixed.set(true);

            String group = "replay-" + UUID.randomUUID();
            Map<String, Object> kafka = Map.of("bootstrap.servers", KafkaBroker.testBootstrapServers());
            // Only this test's record: the broker and its DLQ are shared with other runs.
            Predicate<ConsumerRecord<String, byte[]>> ours = r -> subject.equals(r.key())
                    && consumerName.equals(TopicReader.header(r, DeadLetters.CONSUMER));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int replayed = DlqReplay.replay(kafka, Topics.deadLetterTopicOf(Topics.CONSENT_EVENTS), group, ours, false,
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(1, replayed, "replayed");
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("id=" + refusedId), out.toString(StandardCharsets.UTF_8));
            await().atMost(CATCH_UP).until(() -> effects.count(consumerName, refusedId) == 1);

            // A second replay from scratch (another group) re-publishes it again: the inbox skips it.
            DlqReplay.replay(kafka, Topics.deadLetterTopicOf(Topics.CONSENT_EVENTS), group + "-again", ours,
                    false,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            ByteArrayOutputStream dry = new ByteArrayOutputStream();
            DlqReplay.replay(kafka, Topics.deadLetterTopicOf(Topics.CONSENT_EVENTS), group, ours, true,
                    new PrintStream(dry, true, StandardCharsets.UTF_8));
            assertFalse(dry.toString(StandardCharsets.UTF_8).contains("id=" + refusedId),
                    "the first group remembers how far it replayed: " + dry.toString(StandardCharsets.UTF_8));
            Thread.sleep(3000);
            assertEquals(1, effects.count(consumerName, refusedId), "applied once");
        } finally {
            consumers.stop(consumer);
        }
    }

    private ProducerRecord<String, byte[]> event(String id, String subject, int position) {
        return events.consentChanged(id, subject, position);
    }

    private void send(ProducerRecord<String, byte[]> record) throws Exception {
        events.send(record);
    }
}
