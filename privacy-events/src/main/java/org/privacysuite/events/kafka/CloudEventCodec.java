package org.privacysuite.events.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.EventType;
import org.privacysuite.events.tracing.EventTraces;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes as {@code ce_*} headers, JSON data as the
 * record value, {@code content-type: application/json}, the subject id as record key (and {@code partitionkey}).
 * The CloudEvents SDK writes and reads the headers; this class only maps our catalogue onto it. The W3C trace
 * context of the event's cause travels in the distributed-tracing extension ({@code ce_traceparent},
 * {@code ce_tracestate}; see {@link EventTraces}).
 */
@ApplicationScoped
public class CloudEventCodec {

    public static final String JSON = "application/json";
    public static final String PARTITION_KEY_EXTENSION = "partitionkey";
    /** Per-subject position given by the outbox (see {@code Outbox}): increasing per subject and source. */
    public static final String SUBJECT_SEQ_EXTENSION = "subjectseq";

    @Inject
    ObjectMapper mapper;

    public ProducerRecord<String, byte[]> encode(String topic, String id, String type, URI source, String key,
            Instant time, byte[] jsonData) {
        return encode(topic, id, type, source, key, time, jsonData, null, Map.of());
    }

    /**
     * As above, with the outbox's per-subject position when there is one (rows written before it have none) and the
     * trace context the row was written in ({@code traceparent}, {@code tracestate}; empty outside a trace).
     */
    public ProducerRecord<String, byte[]> encode(String topic, String id, String type, URI source, String key,
            Instant time, byte[] jsonData, Long subjectSeq, Map<String, String> traceContext) {
        CloudEventBuilder builder = CloudEventBuilder.v1();
        if (subjectSeq != null) {
            builder.withExtension(SUBJECT_SEQ_EXTENSION, subjectSeq.toString());
        }
        traceContext.forEach(builder::withExtension);
        CloudEvent event = builder
                .withId(id)
                .withType(type)
                .withSource(source)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withExtension(PARTITION_KEY_EXTENSION, key)
                .withData(jsonData)
                .build();
        return KafkaMessageFactory.createWriter(topic, key).writeBinary(event);
    }

    public byte[] toJson(EventData data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("Event data cannot be written as JSON: " + data.getClass(), e);
        }
    }

    /**
     * Reads a record as a CloudEvent and binds its data.
     *
     * @throws MalformedEventException when the record is not a valid CloudEvent or its data does not fit its type
     */
    public InboundEvent decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new MalformedEventException("Not a CloudEvents 1.0 record: " + e.getMessage(), e);
        }
        Optional<EventType> type = EventType.fromType(event.getType());
        Optional<EventData> data = Optional.empty();
        if (type.isPresent()) {
            if (event.getData() == null) {
                throw new MalformedEventException("Event " + event.getId() + " of type " + event.getType() + " has no data", null);
            }
            try {
                // Tolerant reader: the contract lets producers add fields to a type's data, so a consumer built
                // before a field was added must still read the event (a strict one would dead-letter every erasure
                // request of a newer dsar-service during a rolling deployment).
                data = Optional.of(mapper.readerFor(type.get().dataClass())
                        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .readValue(event.getData().toBytes()));
            } catch (IOException e) {
                throw new MalformedEventException("Data of event " + event.getId() + " does not match "
                        + event.getType() + ": " + e.getMessage(), e);
            }
        }
        return new InboundEvent(event.getId(), event.getType(), event.getSource(), event.getTime(), record.key(), type,
                data, subjectSeq(event), traceContext(event));
    }

    private static Map<String, String> traceContext(CloudEvent event) {
        Object traceparent = event.getExtension(EventTraces.TRACEPARENT);
        Object tracestate = event.getExtension(EventTraces.TRACESTATE);
        return EventTraces.context(traceparent == null ? null : traceparent.toString(),
                tracestate == null ? null : tracestate.toString());
    }

    private static OptionalLong subjectSeq(CloudEvent event) {
        Object value = event.getExtension(SUBJECT_SEQ_EXTENSION);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.toString()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // informational only: a bad value must not make the event undeliverable
        }
    }
}
