package org.privacysuite.events.outbox;

import java.time.Instant;
import java.util.Map;

/**
 * An outbox row waiting to be published; {@code subjectSeq} is null on rows written before it existed;
 * {@code traceContext} is the writer's W3C trace context ({@code traceparent}, {@code tracestate}), empty outside a
 * trace.
 */
public record OutboxRow(long seq, String eventId, String topic, String eventType, String messageKey, byte[] data,
        Instant occurredAt, Long subjectSeq, Map<String, String> traceContext) {
}
