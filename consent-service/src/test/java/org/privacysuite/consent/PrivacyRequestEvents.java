package org.privacysuite.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;
import org.privacysuite.testsupport.TopicReader;

/** Sends privacy requests on the real broker as dsar-service does, and picks consent-service's answers. */
record PrivacyRequestEvents(KafkaClients clients, CloudEventCodec codec, ObjectMapper mapper) {

    void send(EventData data) throws Exception {
        send(UUID.randomUUID().toString(), data);
    }

    /** {@code eventId}: the same id twice is a redelivery of one event. */
    void send(String eventId, EventData data) throws Exception {
        EventType type = EventType.of(data).orElseThrow();
        clients.producer().send(codec.encode(type.topic(), eventId, type.type(), URI.create("/test/dsar"),
                data.subjectId(), Instant.now(), codec.toJson(data))).get(10, TimeUnit.SECONDS);
    }

    /** The one answer of this type about the subject; fails if none comes within 30 s. */
    JsonNode awaitAnswer(TopicReader results, String subject, String type) throws Exception {
        List<ConsumerRecord<String, byte[]>> answers = results.read(Duration.ofSeconds(30),
                r -> fromThisService(r, subject) && type.equals(TopicReader.header(r, "ce_type")), 1);
        assertEquals(1, answers.size(), "an answer " + type + " about " + subject);
        return mapper.readTree(answers.get(0).value());
    }

    /** Answers of consent-service about the subject (other services' tests may share the broker and answer too). */
    static boolean fromThisService(ConsumerRecord<String, byte[]> record, String subject) {
        return subject.equals(record.key())
                && "/privacy-suite/consent-service".equals(TopicReader.header(record, "ce_source"));
    }
}
