package org.privacysuite.events.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.privacysuite.events.catalogue.ErasureRequested;

/** "Add fields freely, rename none": a consumer reads events whose data has fields it does not know yet. */
class CloudEventCodecTest {

    private static CloudEventCodec codec() {
        CloudEventCodec codec = new CloudEventCodec();
        // as strict as the services' own mapper (service-commons refuses unknown properties in request bodies)
        codec.mapper = new ObjectMapper().findAndRegisterModules()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return codec;
    }

    private static ConsumerRecord<String, byte[]> record(String data) {
        ProducerRecord<String, byte[]> sent = codec().encode("privacy.requests", UUID.randomUUID().toString(),
                "privacy.erasure.requested.v1", URI.create("/dsar-service"), "subject-1", Instant.now(),
                data.getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), sent.value());
        sent.headers().forEach(h -> received.headers().add(h));
        return received;
    }

    @Test
    void dataWithAFieldAddedByANewerProducerIsRead() {
        UUID requestId = UUID.randomUUID();
        InboundEvent event = codec().decode(record("{\"requestId\":\"" + requestId + "\",\"subjectId\":\"subject-1\","
                + "\"identities\":{\"emails\":[],\"deviceIds\":[]},\"mode\":\"FULL\",\"addedLater\":{\"x\":1}}"));
        ErasureRequested data = (ErasureRequested) event.data().orElseThrow();
        assertEquals(requestId, data.requestId());
        assertEquals("subject-1", data.subjectId());
    }

    @Test
    void dataThatDoesNotFitItsTypeIsStillRefused() {
        assertThrows(MalformedEventException.class, () -> codec().decode(record("{\"requestId\":\"not-a-uuid\"}")));
        assertThrows(MalformedEventException.class, () -> codec().decode(record("[1,2]")));
    }
}
