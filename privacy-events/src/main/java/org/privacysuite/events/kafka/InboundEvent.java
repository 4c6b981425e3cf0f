package org.privacysuite.events.kafka;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.privacysuite.events.catalogue.EventData;
import org.privacysuite.events.catalogue.EventType;

/**
 * An event read from Kafka. {@code data} is bound to the catalogue record of its type; it is empty for types this
 * build does not know (a newer version published by another service), which handlers simply ignore.
 * {@code subjectSeq} is the producer outbox's per-subject position (CloudEvents extension {@code subjectseq}), absent
 * on events written before it existed. {@code traceContext}: the CloudEvents distributed-tracing attributes
 * ({@code traceparent}, {@code tracestate}) the event carries, empty when it carries none.
 */
public record InboundEvent(String id, String type, URI source, OffsetDateTime time, String key,
        Optional<EventType> eventType, Optional<EventData> data, OptionalLong subjectSeq,
        Map<String, String> traceContext) {

    public InboundEvent {
        traceContext = Map.copyOf(traceContext);
    }

    /** An event without trace context. */
    public InboundEvent(String id, String type, URI source, OffsetDateTime time, String key,
            Optional<EventType> eventType, Optional<EventData> data, OptionalLong subjectSeq) {
        this(id, type, source, time, key, eventType, data, subjectSeq, Map.of());
    }
}
