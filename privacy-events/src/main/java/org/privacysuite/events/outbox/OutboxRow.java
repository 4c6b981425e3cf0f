package org.privacysuite.events.outbox;

import java.time.Instant;

/** An outbox row waiting to be published; {@code subjectSeq} is null on rows written before it existed. */
public record OutboxRow(long seq, String eventId, String topic, String eventType, String messageKey, byte[] data,
        Instant occurredAt, Long subjectSeq) {
}
