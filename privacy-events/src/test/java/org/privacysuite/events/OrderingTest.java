package org.privacysuite.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.inbox.InboxConsumer;
import org.privacysuite.events.inbox.InboxConsumers;
import org.privacysuite.events.outbox.Outbox;
import org.privacysuite.events.outbox.OutboxRelay;
import org.privacysuite.testsupport.KafkaBroker;
import org.privacysuite.testsupport.TestDatabase;
import org.privacysuite.testsupport.TopicReader;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "events"))
class OrderingTest {

    private static final int SUBJECTS = 25;
    private static final int EVENTS_PER_SUBJECT = 40;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    InboxConsumers consumers;

    @Inject
    Effects effects;

    @Inject
    ObjectMapper mapper;

    @Test
    void perSubjectOrderHoldsAcrossThousandEventsOnSeveralPartitions() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> subjects = IntStream.range(0, SUBJECTS).mapToObj(i -> "order-" + run + "-" + i).toList();
        Set<String> ours = new HashSet<>(subjects);
        String consumerName = "ordering-" + run;
        InboxConsumer consumer = consumers.start(consumerName, List.of(Topics.CONSENT_EVENTS), event -> {
            if (ours.contains(event.key())) {
                effects.record(consumerName, event);
            }
        });
        try (TopicReader reader = new TopicReader(Topics.CONSENT_EVENTS)) {
            // Subjects interleaved, 50 events per transaction, 1,000 in all.
            for (int position = 1; position <= EVENTS_PER_SUBJECT; position += 2) {
                int first = position;
                QuarkusTransaction.requiringNew().run(() -> {
                    for (int p = first; p < first + 2; p++) {
                        for (String subject : subjects) {
                            outbox.publish(OutboxTest.change(subject, p));
                        }
                    }
                });
            }
            while (relay.relayOnce() > 0) {
                // publish everything
            }

            int total = SUBJECTS * EVENTS_PER_SUBJECT;
            List<ConsumerRecord<String, byte[]>> records = reader.read(Duration.ofSeconds(60),
                    r -> ours.contains(r.key()), total);
            assertEquals(total, records.size());

            Map<String, List<Integer>> published = new HashMap<>();
            Set<Integer> partitions = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                int position = mapper.readTree(record.value()).get("noticeVersion").asInt();
                published.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(position);
                partitions.add(record.partition());
            }
            assertTrue(partitions.size() > 1, "the subjects spread over several partitions: " + partitions);
            List<Integer> expected = IntStream.rangeClosed(1, EVENTS_PER_SUBJECT).boxed().toList();
            for (String subject : subjects) {
                assertEquals(expected, published.get(subject), "order on the topic for " + subject);
            }

            // The inbox consumer applies them in the same per-subject order.
            await().atMost(Duration.ofSeconds(60)).until(() -> effects.countForConsumer(consumerName) >= total);
            List<Long> expectedApplied = expected.stream().map(Integer::longValue).toList();
            for (String subject : subjects) {
                assertEquals(expectedApplied, effects.positions(consumerName, subject), "order applied for " + subject);
            }
        } finally {
            consumers.stop(consumer);
        }
    }

    /**
     * Writers racing for the same subjects while the relay publishes: each transaction writes an event, then takes a
     * little while to commit, so that later events of a subject are written while earlier ones are uncommitted.
     * Consumers must see each subject's events in commit order, which the outbox's subjectseq records.
     */
    @Test
    void concurrentWritersForOneSubjectArePublishedInCommitOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> subjects = IntStream.range(0, 3).mapToObj(i -> "race-" + run + "-" + i).toList();
        Set<String> ours = new HashSet<>(subjects);
        String consumerName = "race-" + run;
        InboxConsumer consumer = consumers.start(consumerName, List.of(Topics.CONSENT_EVENTS), event -> {
            if (ours.contains(event.key())) {
                effects.record(consumerName, event, event.subjectSeq().orElseThrow());
            }
        });
        int writers = 6;
        int perWriter = 30;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try (TopicReader reader = new TopicReader(Topics.CONSENT_EVENTS)) {
            Future<?> relaying = pool.submit(() -> {
                while (writing.get() || relay.relayOnce() > 0) {
                    relay.relayOnce();
                }
            });
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    Random random = new Random(writer);
                    for (int i = 0; i < perWriter; i++) {
                        String subject = subjects.get(random.nextInt(subjects.size()));
                        QuarkusTransaction.requiringNew().run(() -> {
                            outbox.publish(OutboxTest.change(subject, writer));
                            sleepQuietly(random.nextInt(4));
                        });
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            relaying.get(60, TimeUnit.SECONDS);

            int total = writers * perWriter;
            List<ConsumerRecord<String, byte[]>> records = reader.read(Duration.ofSeconds(60),
                    r -> ours.contains(r.key()), total);
            assertEquals(total, records.size());
            Map<String, List<Long>> seen = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                seen.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(Long.parseLong(TopicReader.header(record, "ce_subjectseq")));
            }
            for (String subject : subjects) {
                assertIncreasing(seen.get(subject), "order on the topic for " + subject);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> effects.countForConsumer(consumerName) >= total);
            for (String subject : subjects) {
                assertIncreasing(effects.positions(consumerName, subject), "order applied for " + subject);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
            consumers.stop(consumer);
        }
    }

    private static void assertIncreasing(List<Long> values, String what) {
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i) > values.get(i - 1), what + ": " + values);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
