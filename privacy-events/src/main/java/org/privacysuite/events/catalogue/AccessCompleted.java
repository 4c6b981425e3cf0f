package org.privacysuite.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * A participant's copy of the subject's data; the only event that carries personal data (dsar-service reads it).
 * <p>
 * An answer too large for one record ({@link Topics#MAX_EVENT_DATA_BYTES}) comes in {@code parts} events that share
 * an {@code answerId}, numbered {@code part} 1 to {@code parts}, each a piece of the whole {@code data} cut by
 * {@link AnswerParts}: the reader has the answer once it holds every part, and {@link AnswerParts#join} gives it back.
 * An answer in one event says {@code part} 1 of 1; an event without the fields (older producers) is a whole answer.
 */
public record AccessCompleted(UUID requestId, String subjectId, String service, JsonNode data, UUID answerId,
        int part, int parts) implements EventData {

    /** A whole answer, in one event. */
    public AccessCompleted(UUID requestId, String subjectId, String service, JsonNode data) {
        this(requestId, subjectId, service, data, UUID.randomUUID(), 1, 1);
    }

    /** Whether this event is the whole answer rather than one of several parts. */
    public boolean whole() {
        return parts <= 1;
    }
}
