package org.privacysuite.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.privacysuite.events.catalogue.Topics;
import org.privacysuite.events.kafka.CloudEventCodec;
import org.privacysuite.events.kafka.KafkaClients;

/** Puts records on consent.events directly, as another service's relay would, and waits for the broker. */
@ApplicationScoped
class TestEvents {

    @Inject
    KafkaClients clients;

    @Inject
    CloudEventCodec codec;

    ProducerRecord<String, byte[]> consentChanged(String id, String subject, int position) {
        return codec.encode(Topics.CONSENT_EVENTS, id, "consent.changed.v1", URI.create("/test"), subject, Instant.now(),
                codec.toJson(OutboxTest.change(subject, position)));
    }

    void send(ProducerRecord<String, byte[]> record) throws Exception {
        clients.producer().send(record).get(30, TimeUnit.SECONDS);
    }

    void sendConsentChanged(String id, String subject, int position) throws Exception {
        send(consentChanged(id, subject, position));
    }
}
