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
import java.util.UUID;
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
            for (String subject : subjects) {
                assertEquals(expected, effects.positions(consumerName, subject), "order applied for " + subject);
            }
        } finally {
            consumers.stop(consumer);
        }
    }
}
