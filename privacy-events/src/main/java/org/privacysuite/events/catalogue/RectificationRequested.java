package org.privacysuite.events.catalogue;

import java.util.Map;
import java.util.UUID;

/**
 * dsar-service asks one owner service to correct the fields it holds: {@code changes} maps a field name (as the
 * service declared it rectifiable) to its corrected value, null or blank to clear it. {@code identities}: the
 * requester's proven identities, under which a service may hold the data (the newsletter finds a subscription by its
 * address). Answered by {@link RectificationCompleted}.
 */
public record RectificationRequested(UUID requestId, String subjectId, String service, Map<String, String> changes,
        Identities identities) implements EventData {

    public RectificationRequested {
        changes = changes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changes));
        identities = identities == null ? Identities.none() : identities;
    }
}
