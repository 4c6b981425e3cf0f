package org.privacysuite.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** A participant's copy of the subject's data; the only event that carries personal data (dsar-service reads it). */
public record AccessCompleted(UUID requestId, String subjectId, String service, JsonNode data) implements EventData {
}
