package org.privacysuite.events.catalogue;

import java.util.Map;
import java.util.UUID;

/** Field changes the owner service applies; {@code changes} maps a field name to its corrected value. */
public record RectificationRequested(UUID requestId, String subjectId, String service, Map<String, String> changes)
        implements EventData {
}
