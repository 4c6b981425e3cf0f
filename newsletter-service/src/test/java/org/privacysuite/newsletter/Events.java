package org.privacysuite.newsletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;

/** Sends raw CloudEvents to the test broker, as another service's relay would. */
final class Events {

    private Events() {
    }

    static String send(EventData data) {
        return send(UUID.randomUUID().toString(), data);
    }

    static String send(String eventId, EventData data) {
        KafkaClients clients = Arc.container().instance(KafkaClients.class).get();
        CloudEventCodec codec = Arc.container().instance(CloudEventCodec.class).get();
        EventType type = EventType.of(data).orElseThrow();
        try {
            clients.producer().send(codec.encode(type.topic(), eventId, type.type(), URI.create("/test/other-service"),
                    data.subjectId(), Instant.now(), codec.toJson(data))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send " + type.type(), e);
        }
        return eventId;
    }

    /** Whether a consumer of this service has applied the event (its id is in the inbox). */
    static boolean applied(String eventId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) Arc.container()
                .instance(jakarta.persistence.EntityManager.class).get()
                .createNativeQuery("SELECT COUNT(*) FROM event_inbox WHERE event_id = :id").setParameter("id", eventId)
                .getSingleResult()).longValue() > 0);
    }

    static JsonNode json(byte[] value) {
        try {
            return Arc.container().instance(ObjectMapper.class).get().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
